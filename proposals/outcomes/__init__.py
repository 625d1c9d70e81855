"""Workshop outcomes and the policy proposals they produce, one package per sub-domain, lowest
first: recording (moderators; the shared models and history), followup, endorsements,
consolidation (organisers). See ProposalsConfig.domains and tests/test_architecture.py.

The modules at this level only gather the sub-domains (models for the ``proposals`` app label,
urls and api for congress/urls.py, the demo scenario) or are referenced by migrations
(validators)."""
