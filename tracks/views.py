from django.http import Http404
from django.shortcuts import get_object_or_404, render

from congress.models import Congress
from congress.permissions import is_organiser
from tracks.models import Track


def visible_congress_or_404(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    return congress


def track_detail(request, congress_slug, slug):
    congress = visible_congress_or_404(request, congress_slug)
    track = get_object_or_404(Track, congress=congress, slug=slug)
    other_tracks = congress.tracks.exclude(pk=track.pk)
    return render(
        request,
        "tracks/track_detail.html",
        {"congress": congress, "track": track, "other_tracks": other_tracks},
    )
