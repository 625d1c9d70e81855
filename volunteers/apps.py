from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Bénévolat")
    # Sub-domain packages, lowest first (their optional demo.py/privacy.py are discovered).
    domains = ("missions", "shifts", "rooms")
