"""The public policy proposals' cached list (issue 18; congress/core/pagecache.py explains it).

Keyed on the edition's version, the language, the validated choice filters and the page number
clamped to the list's length: other parameters share the entry; a free-text search or a
« themes involved » query is rendered live, never stored. « vous la soutenez » is personal: a
placeholder per proposal, filled for each request."""

import re

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from congress.core import pagecache
from congress.editions.models import Congress
from proposals.outcomes.endorsements import selectors
from proposals.outcomes.endorsements.models import Endorsement
from proposals.outcomes.recording.forms import BoardFilterForm
from proposals.outcomes.recording.models import Addressee, PolicyProposal
from tracks import selectors as track_selectors

ENDORSED = re.compile(r"<!--endorsed:(\d+)-->")


def watch_models() -> None:
    """What the cached list, the track pages and the session pages show of proposals."""
    pagecache.watch(PolicyProposal, lambda proposal: [proposal.congress_id])
    pagecache.watch(Endorsement, _edition_of_endorsement)
    # The addressees are shared by every edition (fixed rows; written by the admin at most).
    pagecache.watch(Addressee, lambda _row: Congress.objects.values_list("pk", flat=True))


def _edition_of_endorsement(endorsement: Endorsement):
    return PolicyProposal.objects.filter(pk=endorsement.proposal_id).values_list(
        "congress_id", flat=True
    )


def public_list_body(congress: Congress, query, per_page: int) -> tuple[str, str] | None:
    """The list's shared HTML and key, or None when it is rendered live (a search, « themes
    involved », or filters that do not validate)."""
    values = {}
    if set(query) - {"page"}:  # the filters' choices are read only when there are filters
        filters = BoardFilterForm(query, congress=congress, public=True)
        if not filters.is_valid() or filters.cleaned_data["q"] or query.get("involves"):
            return None
        values = {k: v for k, v in filters.filters().items() if k != "q"}

    def render(page) -> str:
        form = BoardFilterForm(values or None, congress=congress, public=True)
        context = {
            "congress": congress, "filters": form, "page": page, "involves": [],
            "page_query": pagecache.query_string(values), "personal_placeholders": True,
        }  # fmt: skip
        return render_to_string("proposals/outcomes/_public_list_body.html", context)

    parts = (get_language(), *sorted(values.items()))
    return pagecache.cached_page(
        congress.pk, "policy-proposals", parts,
        lambda: selectors.public_policy_list(congress, **values), per_page, query.get("page"),
        render,
    )  # fmt: skip


def personalise(body: str, endorsed: set[int]):
    mark = format_html(" – {}", _("vous la soutenez"))
    body = ENDORSED.sub(lambda m: mark if int(m.group(1)) in endorsed else "", body)
    return mark_safe(body)  # noqa: S308 (rendered by our templates, escaped there)


def track_page(congress: Congress, slug: str, *, ended: bool) -> tuple[str, str, str]:
    """A track page's name and HTML (its proposals once the edition has `ended`), cached, and
    its key.
    Raises Track.DoesNotExist (nothing stored for a slug that is no track)."""

    def render():
        track = track_selectors.track_page(congress, slug)
        proposals = list(selectors.published_proposals_of_track(track)) if ended else None
        context = {
            "congress": congress, "track": track, "proposals": proposals,
            "other_tracks": congress.tracks.exclude(pk=track.pk),
        }  # fmt: skip
        return track.name, render_to_string("tracks/_track_detail_body.html", context)

    cache_key = pagecache.key(congress.pk, "track", slug, get_language(), ended)
    return (*pagecache.get_or_render(cache_key, render), cache_key)
