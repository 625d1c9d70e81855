from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = _("Thèmes et programme")
    # Sub-domain packages, lowest first (congress.core.discovery finds their demo.py, privacy.py):
    # the evening's stands, public sign-up to activities, partners' proposals of activities,
    # surveys.
    domains = ("stands", "activities", "activity_proposals", "feedback")

    def ready(self):
        # The public programme's cache follows writes to what it shows (issue 18).
        from tracks.cached import watch_models

        watch_models()
