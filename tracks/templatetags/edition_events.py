"""What an edition page shows of a public programme or an evening (issue 15): the evening's
timeline, its stands and places. Lent to congress/editions templates, which cannot import tracks."""

from django import template

from tracks.models import ActivityRegistration, Session

register = template.Library()


@register.simple_tag
def edition_evening(congress) -> dict:
    """The evening's timeline and stands: the shared part of the edition page (cached)."""
    return {
        "timeline": Session.objects.filter(congress=congress)
        .select_related("session_type", "room")
        .order_by("starts_at", "title"),
        "stand_count": congress.stands.count(),
    }


@register.simple_tag
def evening_places_left(congress) -> int | None:
    """The evening's free places (None: no limit), read for each request (never cached)."""
    if congress.capacity is None:
        return None
    taken = ActivityRegistration.objects.filter(
        congress=congress, session=None, status="confirmed"
    ).count()
    return max(congress.capacity - taken, 0)
