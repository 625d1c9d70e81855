"""The public list of an evening's stands (issue 15; 404 when the edition has no stands)."""

from django.shortcuts import render

from tracks.stands import selectors
from tracks.stands.models import StandHolderKind
from tracks.views import visible_congress_or_404


def stand_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    kind = request.GET.get("kind", "")
    if kind not in StandHolderKind.values:
        kind = ""
    return render(
        request,
        "tracks/stands/stand_list.html",
        {
            "congress": congress,
            "stands": selectors.stands_of(congress, holder_kind=kind),
            "kinds": StandHolderKind.choices,
            "kind": kind,
        },
    )
