"""Reads of the funder meetings: the grid's slots, the schedule, each party's own meetings."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from funding.meetings.scheduler import grid_slots, parse_breaks
from funding.models import (
    SUBMITTED_STATES,
    Application,
    Funder,
    Meeting,
    MeetingGrid,
    MeetingOutcome,
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


def applications_for_funder(funder: Funder) -> QuerySet[Application]:
    """The submitted applications a funder may choose to meet: those of the calls it funds, and
    those of the project holders who registered for the meetings (they chose a funder)."""
    registered = MeetingWish.objects.filter(
        funder__congress_id=funder.congress_id, from_holder=True
    ).values("application_id")
    return (
        Application.objects.filter(call__congress_id=funder.congress_id, state__in=SUBMITTED_STATES)
        .filter(Q(call__funder_organisation_id=funder.organisation_id) | Q(pk__in=registered))
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


def outcome_figures(grid: MeetingGrid) -> list[dict]:
    """Per outcome (then "not recorded"): how many meetings each party gave it, in one query."""
    counts = {}
    for side in ("funder", "holder"):
        for value in [*MeetingOutcome.values, ""]:
            counts[f"{side}_{value or 'missing'}"] = Count(
                "pk", filter=Q(**{f"{side}_outcome": value})
            )
    totals = grid.meetings.aggregate(**counts)
    rows = [(value, label) for value, label in MeetingOutcome.choices] + [("missing", None)]
    return [
        {"value": value, "label": label,
         "funder": totals[f"funder_{value}"], "holder": totals[f"holder_{value}"]}
        for value, label in rows
    ]  # fmt: skip


def _minutes_seconds(delta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def current_round(grid: MeetingGrid, now: datetime) -> dict:
    """The big screen's state: the round under way (or the next one), the time left."""
    rounds = [(i, start, end) for i, start, end, is_break in slots_of(grid) if not is_break]
    current = next(((i, s, e) for i, s, e in rounds if s <= now < e), None)
    upcoming = next(((i, s, e) for i, s, e in rounds if s > now), None)
    numbers = {i: n for n, (i, _s, _e) in enumerate(rounds, start=1)}
    return {
        "rounds": [
            (numbers[i], s, e, current is not None and i == current[0]) for i, s, e in rounds
        ],
        "current": current and (numbers[current[0]], current[1], current[2]),
        "upcoming": upcoming and (numbers[upcoming[0]], upcoming[1], upcoming[2]),
        "time_left": _minutes_seconds(current[2] - now) if current else None,
        "total": len(rounds),
    }
