"""Reads of a public programme: activities filtered by place, day, type and topic, grouped by
day or by place; places left and who holds one."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from congress.core.expressions import count_of
from congress.editions.models import Congress, Venue
from tracks.activities.models import ActivityRegistration, ActivityRegistrationStatus
from tracks.models import Session


def activities(congress: Congress, *, filters: dict | None = None) -> QuerySet[Session]:
    filters = filters or {}
    confirmed = ActivityRegistration.objects.filter(status=ActivityRegistrationStatus.CONFIRMED)
    qs = (
        Session.objects.filter(congress=congress)
        .select_related("session_type", "track", "room__venue")
        .annotate(registered_count=count_of(confirmed, "session"))
        .order_by("starts_at", "room__venue__name", "title")
    )
    if filters.get("venue"):
        qs = qs.filter(room__venue_id=filters["venue"])
    if filters.get("arrondissement"):
        qs = qs.filter(room__venue__arrondissement=filters["arrondissement"])
    if filters.get("day"):
        qs = qs.filter(starts_at__date=filters["day"])
    if filters.get("type"):
        qs = qs.filter(session_type__slug=filters["type"])
    if filters.get("track"):
        qs = qs.filter(track__slug=filters["track"])
    return qs


@dataclass
class Group:
    key: object  # a date or a Venue
    sessions: list


def by_day(sessions) -> list[Group]:
    groups: dict[date, list] = {}
    for session in sessions:
        groups.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    return [Group(day, groups[day]) for day in sorted(groups)]


def by_place(sessions) -> list[Group]:
    groups: dict[int, Group] = {}
    for session in sessions:
        venue = session.room.venue
        groups.setdefault(venue.pk, Group(venue, [])).sessions.append(session)
    return sorted(groups.values(), key=lambda g: _place_order(g.key))


def _place_order(venue: Venue) -> tuple:
    """Places by arrondissement in numeric order (« 4e » before « 10e »), online places last."""
    digits = "".join(c for c in venue.arrondissement if c.isdigit())
    return (not venue.address, int(digits) if digits else 999, venue.name)


def venues_of(congress: Congress) -> QuerySet[Venue]:
    return congress.venues.order_by("name")


def places_left(congress: Congress, session: Session | None) -> int | None:
    capacity = session.capacity if session is not None else congress.capacity
    if capacity is None:
        return None
    taken = ActivityRegistration.objects.filter(
        congress=congress, session=session, status=ActivityRegistrationStatus.CONFIRMED
    ).count()
    return max(capacity - taken, 0)
