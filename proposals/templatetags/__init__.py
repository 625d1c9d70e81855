"""Template tags through which pages of lower layers (the programme's session page) show what
the outcome sub-domains hold, without importing them (``{% load outcome_links %}``)."""
