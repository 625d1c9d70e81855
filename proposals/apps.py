from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Propositions")
    # Sub-domain packages, lowest first: congress.core.discovery finds their demo.py and
    # privacy.py after the app's own (proposals.demo, then proposals.outcomes.demo...).
    domains = (
        "outcomes",
        "outcomes.recording",
        "outcomes.followup",
        "outcomes.endorsements",
        "outcomes.consolidation",
    )
