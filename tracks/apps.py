from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = _("Thèmes et programme")
    # Sub-domain packages, lowest first (issue 15: the evening's stands, public sign-up).
    domains = ("stands", "activities")
