from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congrès")
    # Sub-domain packages, lowest layer first (see ARCHITECTURE.md): their optional modules
    # (demo.py, privacy.py) are discovered in this order.
    domains = (
        "core",
        "accounts",
        "organisations",
        "editions",
        "audit",
        "payments",
        "registrations",
        "payments.transfers",
        "profile",
    )
