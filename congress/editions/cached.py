"""The edition's page (the home and /congresses/<slug>/) cached (issue 18; congress/core/pagecache.py
explains the cache).

What every visitor sees (dates, venue and rooms, tracks, partners, calls for projects, results)
is rendered once per edition version, language and whether the edition has ended (the time);
what depends on the time or on the person is left as placeholders and rendered for each request:
the registration call-to-action (« Il reste N places », open or closed by the phase), an
evening's registration button (full or not) and the programme alert form (its CSRF token)."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from congress.core import pagecache
from congress.editions import selectors
from congress.editions.models import Congress, Room, Venue
from congress.editions.partners import Partner

# Placeholder -> the partial rendered in its place for each request.
LIVE_PARTS = {
    "<!--registration-cta-->": "congress/registrations/_registration_cta.html",
    "<!--evening-register-->": "congress/editions/_evening_register.html",
    "<!--programme-alert-->": "congress/editions/_programme_alert_form.html",
}


def watch_models() -> None:
    """The edition's own rows its page shows (the other apps watch theirs: tracks, sessions,
    stands, calls for projects, policy proposals, the published report)."""
    pagecache.watch(Congress, lambda congress: [congress.pk, pagecache.SITE])
    pagecache.watch(Venue, lambda venue: [venue.congress_id])
    pagecache.watch(Room, _edition_of_room)
    pagecache.watch(Partner, lambda partner: [partner.congress_id])


def _edition_of_room(room: Room):
    return Venue.objects.filter(pk=room.venue_id).values_list("congress_id", flat=True)


def edition_body(congress: Congress, *, home: bool) -> tuple[str, str]:
    """The shared HTML of the edition's page (with the home's hero when `home`) and its key."""
    ended = congress.has_ended

    def render() -> str:
        edition = selectors.congress_for_home(congress)
        context = {
            "congress": edition, "tracks": edition.tracks.all(), "home": home,
            "personal_placeholders": True,
        }  # fmt: skip
        return render_to_string("congress/editions/_edition_page_body.html", context)

    cache_key = pagecache.key(congress.pk, "edition-page", home, get_language(), ended)
    return pagecache.get_or_render(cache_key, render), cache_key


def live_scope(congress_id: int) -> str:
    """The version of what the edition's live parts show (places left, the evening's
    « complet », tariffs), bumped by the writes of the rows they count (the registrations'
    and tracks' `cached.py`), apart from the edition's own version: an order leaves the
    programme's cache alone."""
    return f"live-{congress_id}"


def personalise(request, body: str, congress: Congress):
    """Render the live parts present in `body` for this request. Their version is read first,
    so that a page kept with them is never older than it (congress/core/keptpages.py); what
    they show with time, they tell `pagecache.changes_at`."""
    if any(placeholder in body for placeholder in LIVE_PARTS):
        pagecache.version(live_scope(congress.pk))
    for placeholder, template in LIVE_PARTS.items():
        if placeholder in body:
            part = render_to_string(template, {"congress": congress}, request=request)
            body = body.replace(placeholder, part, 1)
    return mark_safe(body)  # noqa: S308 (rendered by our templates, escaped there)
