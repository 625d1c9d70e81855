"""What an edition page shows of a public programme or an evening (issue 15): the evening's
timeline, its stands and places. Lent to congress/editions templates, which cannot import tracks."""

from django import template

from tracks.models import ActivityRegistration, Session

register = template.Library()


@register.simple_tag
def edition_evening(congress) -> dict:
    taken = ActivityRegistration.objects.filter(
        congress=congress, session=None, status="confirmed"
    ).count()
    return {
        "timeline": Session.objects.filter(congress=congress)
        .select_related("session_type", "room")
        .order_by("starts_at", "title"),
        "stand_count": congress.stands.count(),
        "places_left": None if congress.capacity is None else max(congress.capacity - taken, 0),
    }
