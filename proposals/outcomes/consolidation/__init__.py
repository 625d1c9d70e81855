"""Consolidation: organisers rework, validate, set aside, merge and split policy proposals, on a
board with filters and a transversality matrix."""
