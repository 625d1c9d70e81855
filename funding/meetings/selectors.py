"""Reads of the funder meetings: the grid's slots, the schedule, each party's own meetings."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from funding.meetings.scheduler import grid_slots, parse_breaks
from funding.models import (
    SUBMITTED_STATES,
    Application,
    Funder,
    Meeting,
    MeetingGrid,
    MeetingWish,
)


def slots_of(grid: MeetingGrid) -> list[tuple[int, datetime, datetime, bool]]:
    """(index, start, end, is_break) in the edition's time zone."""
    zone = timezone.get_current_timezone()
    return [
        (i, start.replace(tzinfo=zone), end.replace(tzinfo=zone), is_break)
        for i, start, end, is_break in grid_slots(
            grid.day, grid.starts_at, grid.ends_at, grid.slot_minutes, parse_breaks(grid.breaks)
        )
    ]


def usable_slots(grid: MeetingGrid) -> list[int]:
    return [i for i, _start, _end, is_break in slots_of(grid) if not is_break]


def funders_of(congress) -> QuerySet[Funder]:
    return Funder.objects.filter(congress=congress).select_related("organisation")


def applications_to_meet(congress) -> QuerySet[Application]:
    """The edition's submitted applications, for the funders to choose whom to meet."""
    return (
        Application.objects.filter(call__congress=congress, state__in=SUBMITTED_STATES)
        .select_related("organisation", "call")
        .order_by("title", "pk")
    )


def holder_wished_funder_ids(application: Application) -> set[int]:
    return set(
        MeetingWish.objects.filter(application=application, from_holder=True).values_list(
            "funder_id", flat=True
        )
    )


def funder_wished_application_ids(funder: Funder) -> set[int]:
    return set(
        MeetingWish.objects.filter(funder=funder, from_funder=True).values_list(
            "application_id", flat=True
        )
    )


def schedule_of(grid: MeetingGrid) -> QuerySet[Meeting]:
    return grid.meetings.select_related("funder__organisation", "application__organisation")


def timed(meetings, grid: MeetingGrid) -> list[tuple[Meeting, datetime, datetime]]:
    """The meetings with their start and end."""
    times = {i: (start, end) for i, start, end, _b in slots_of(grid)}
    return [(m, *times.get(m.slot, (None, None))) for m in meetings]


def meetings_of_organisations(grid: MeetingGrid, organisation_ids) -> QuerySet[Meeting]:
    """Meetings where one of the organisations sits, as project holder or as funder."""
    return schedule_of(grid).filter(
        Q(application__organisation_id__in=organisation_ids)
        | Q(funder__organisation_id__in=organisation_ids)
    )
