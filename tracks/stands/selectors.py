from dataclasses import dataclass

from django.db.models import QuerySet

from congress.editions.models import Congress
from tracks.stands.models import Stand, StandApplication


def stands_of(congress: Congress, *, holder_kind: str = "") -> QuerySet[Stand]:
    qs = Stand.objects.filter(congress=congress).order_by("number", "name")
    if holder_kind:
        qs = qs.filter(holder_kind=holder_kind)
    return qs


@dataclass
class Zone:
    name: str
    stands: list


def plan_of(congress: Congress) -> list[Zone]:
    """The hall's plan as a list: stands by zone (in order of their first number), then by
    number; stands not placed yet come last."""
    zones: dict[str, Zone] = {}
    for stand in stands_of(congress):
        zones.setdefault(stand.location, Zone(stand.location, [])).stands.append(stand)
    return sorted(zones.values(), key=lambda z: (z.name == "", z.stands[0].number))


def applications_of(congress: Congress) -> QuerySet[StandApplication]:
    return (
        StandApplication.objects.filter(congress=congress)
        .select_related("stand", "applicant")
        .order_by("created_at", "pk")
    )


def applications_by(user, congress: Congress) -> QuerySet[StandApplication]:
    if not user.is_authenticated:
        return StandApplication.objects.none()
    return StandApplication.objects.filter(congress=congress, applicant=user).select_related(
        "stand", "congress"
    )
