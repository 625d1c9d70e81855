"""Workshop outcomes and the policy proposals they produce: recording by moderators,
consolidation by organisers, endorsement by participants and follow-up after the congress.

The models live here but belong to the ``proposals`` app (they are imported at the end of
``proposals/models.py``)."""
