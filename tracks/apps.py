from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = _("Thèmes et programme")
    # Sub-domain packages, lowest first (congress.core.discovery finds their demo.py, privacy.py,
    # cached.py): the evening's stands, public sign-up to activities, speakers, press, partners'
    # proposals of activities, surveys.
    domains = ("stands", "activities", "speakers", "press", "activity_proposals", "feedback")
