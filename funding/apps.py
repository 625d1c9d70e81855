from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Appels à projets et financeurs")
    # Sub-domain packages, lowest first (congress.core.discovery finds their demo.py).
    domains = ("jury", "meetings")
