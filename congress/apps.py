from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from congress.core.collation import register_sqlite_collation


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
        "onsite",
        "profile",
    )

    def ready(self):
        # Names sort the French way on SQLite too (congress/core/collation.py).
        connection_created.connect(register_sqlite_collation, dispatch_uid="french_collation")
        # Cached public pages follow writes to what they show (issue 18): every app's and
        # sub-domain's `cached.py` lists its watched models (congress/core/pagecache.py).
        from congress.core.discovery import domain_modules

        for _label, module in domain_modules("cached"):
            module.watch_models()
        # The welcome desk also checks in the guests the higher apps list (accredited press):
        # every `desk_guests.py` registers its source (congress/onsite/guests.py).
        for _label, module in domain_modules("desk_guests"):
            module.register()
