"""The evening's sign-ups, counted by the edition page's live part « S'inscrire à la soirée » /
« Complet » (tracks/templatetags/edition_events.py): each one makes that part fresh (issue 18)."""

from congress.core import pagecache
from congress.editions.cached import live_scope
from tracks.activities.models import ActivityRegistration


def _live_part_of(registration: ActivityRegistration) -> list:
    # an activity's sign-up (session set) is not counted there: the edition page stays kept
    return [live_scope(registration.congress_id)] if registration.session_id is None else []


def watch_models() -> None:
    pagecache.watch(ActivityRegistration, _live_part_of)
