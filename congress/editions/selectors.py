"""Reads of the editions sub-domain: the home page's edition, visible editions, venues."""

from django.db.models import Count, Prefetch, QuerySet

from congress.editions.models import Congress, Room, Venue


def congress_for_home(congress: Congress) -> Congress:
    """The edition with its venues, rooms and tracks, in three queries."""
    return (
        Congress.objects.filter(pk=congress.pk)
        .prefetch_related(
            Prefetch("venues", queryset=Venue.objects.prefetch_related("rooms")),
            "tracks",
        )
        .get()
    )


def congress_list_visible() -> QuerySet[Congress]:
    return Congress.objects.visible().annotate(track_count=Count("tracks")).order_by("-start_date")


def venues_with_rooms(congress: Congress) -> QuerySet[Venue]:
    return congress.venues.prefetch_related(
        Prefetch("rooms", queryset=Room.objects.order_by("order", "name"))
    )
