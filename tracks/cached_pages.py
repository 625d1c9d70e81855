"""The session page's cached part (issue 18; congress/core/pagecache.py explains the cache).

What every visitor sees of a session (when, where, accessibility, seats left, description,
speakers, organisations, moderators) is rendered once per edition version and language; what
depends on the person or on the time (sign-up open or closed, my sign-up, the outcome form's
link, the attendees' link) is rendered for each request from the session kept with it."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils.translation import get_language

from congress.core import pagecache
from congress.editions.models import Congress
from congress.organisations.models import Organisation
from tracks import selectors
from tracks.models import Session, Track, TrackRole

# Where the outcome form's link goes (for those who record it) in the cached part.
OUTCOME_LINK = "<!--outcome-link-->"


def watch_models() -> None:
    """Beyond the programme's rows: the track pages' moderators, and the names shown on a
    session's page (organisations, moderators), which their owners edit."""
    pagecache.watch(TrackRole, _edition_of_role)
    pagecache.watch(Organisation, _editions_of_organisation)
    pagecache.watch(get_user_model(), _editions_of_person, fields={"full_name"})


def _edition_of_role(role: TrackRole):
    return Track.objects.filter(pk=role.track_id).values_list("congress_id", flat=True)


def _editions_of_organisation(organisation: Organisation):
    return Session.objects.filter(organisations=organisation).values_list("congress_id", flat=True)


def _editions_of_person(user):
    if user.pk is None:
        return []
    moderated = Session.objects.filter(moderators=user).values_list("congress_id", flat=True)
    tracks = Track.objects.filter(roles__user=user).values_list("congress_id", flat=True)
    return {*moderated, *tracks}


def session_page(congress: Congress, pk: int) -> tuple[Session, str, str]:
    """The session (its type, room and track, for the live part), the shared HTML, cached, and
    its key.
    Raises Session.DoesNotExist (nothing stored for a number that is no session)."""

    def render():
        session = selectors.session_detail(congress, pk)
        html = render_to_string(
            "tracks/_session_detail_body.html",
            {
                "congress": congress,
                "session": session,
                "seats_left": max(session.capacity - session.signup_count, 0),
            },
        )
        # Kept for the live part: the session without its prefetched lists.
        session._prefetched_objects_cache = {}
        return session, html

    cache_key = pagecache.key(congress.pk, "session", pk, get_language())
    session, html = pagecache.get_or_render(cache_key, render)
    session.congress = congress
    return session, html, cache_key
