"""The public programme's cached parts (issue 18; congress/core/pagecache.py explains the cache).

The shared part of a page is rendered without a request (so without the user, the CSRF token or
the messages) and cached under the edition's content version; what is personal (my sign-ups
highlighted, the link to my programme) is left as placeholders and filled for each request."""

import re

from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from congress.core import pagecache
from congress.editions.models import Congress, Room, Venue
from tracks import selectors
from tracks.forms import ProgrammeFilterForm
from tracks.models import Session, SessionType, Track, WorkshopSignup

MINE = re.compile(r"<!--mine:(\d+)-->")
MY_PROGRAMME = "<!--my-programme-->"


def watch_models() -> None:
    """The rows the cached pages show: a write to any of them makes its edition's pages fresh."""
    pagecache.watch(Congress, lambda congress: [congress.pk, pagecache.SITE])
    pagecache.watch(Venue, lambda venue: [venue.congress_id])
    pagecache.watch(Room, _edition_of_room)
    pagecache.watch(Track, lambda track: [track.congress_id])
    pagecache.watch(SessionType, lambda kind: [kind.congress_id])
    pagecache.watch(Session, lambda session: [session.congress_id])
    pagecache.watch(WorkshopSignup, _edition_of_signup)
    from tracks import cached_pages  # the session and track pages' other rows

    cached_pages.watch_models()


def _edition_of_room(room: Room):
    if Room.venue.is_cached(room):
        return [room.venue.congress_id]
    return Venue.objects.filter(pk=room.venue_id).values_list("congress_id", flat=True)


def _edition_of_signup(signup: WorkshopSignup):
    if WorkshopSignup.session.is_cached(signup):
        return [signup.session.congress_id]
    return Session.objects.filter(pk=signup.session_id).values_list("congress_id", flat=True)


def programme_body(congress: Congress, query: QueryDict) -> tuple[str, str]:
    """The programme's shared HTML for these filters, from the cache or rendered, and its key."""

    # Only the filters make the page: other parameters (campaign tags...) share its entry.
    wanted = {name: query.get(name) for name in ("track", "type") if name in query}

    def render() -> str:
        filters = ProgrammeFilterForm(wanted or None, congress=congress)
        data = filters.cleaned_data if filters.is_valid() else {}
        sessions = list(
            selectors.sessions_for_programme(
                congress, track_slug=data.get("track", ""), type_slug=data.get("type", "")
            )
        )
        context = {
            "congress": congress,
            "filters": filters,
            "days": selectors.programme_days(congress, sessions),
            "tracks": congress.tracks.all(),
            "personal_placeholders": True,
        }
        return render_to_string("tracks/_programme_body.html", context)

    cache_key = pagecache.key(
        congress.pk, "programme", get_language(), wanted.get("track"), wanted.get("type")
    )
    return pagecache.get_or_render(cache_key, render), cache_key


def personalise(body: str, user, congress: Congress, my_session_ids: set[int]):
    """Fill the placeholders of a cached programme for `user`."""
    link = ""
    if user.is_authenticated:
        link = format_html(
            ' · <a href="{}">{}</a>',
            reverse("my_programme", args=[congress.slug]),
            _("mon programme"),
        )
    mark = format_html(" · <strong>{}</strong>", _("inscrit·e"))
    body = body.replace(MY_PROGRAMME, link, 1)
    body = MINE.sub(lambda m: mark if int(m.group(1)) in my_session_ids else "", body)
    return mark_safe(body)  # noqa: S308 (rendered by our templates, escaped there)


def ical(request, congress: Congress, track: Track | None):
    """The iCal feed of the programme or of a track: cached bytes, ETag and 304."""
    from tracks.calendar import ical_bytes

    slug = track.slug if track else ""
    cache_key = pagecache.key(congress.pk, "ical", get_language(), slug)

    def render() -> bytes:
        sessions = selectors.sessions_for_programme(congress, track_slug=slug)
        name = f"{congress.name} – {track.name}" if track else congress.name
        return ical_bytes(sessions, name=name)

    def build():
        response = HttpResponse(
            pagecache.get_or_render(cache_key, render), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'inline; filename="{slug or congress.slug}.ics"'
        return response

    return pagecache.conditional(request, (cache_key,), build, scope=congress.pk)
