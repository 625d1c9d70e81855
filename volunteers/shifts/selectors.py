"""Reads of shifts: an edition's shifts with their places taken, and the gaps."""

from django.db.models import Count

from volunteers.models import Shift, ShiftSignup


def shifts_of(congress):
    """The edition's shifts with `taken` (sign-ups) and `missing` (places still open)."""
    shifts = list(
        Shift.objects.filter(congress=congress)
        .annotate(taken=Count("signups"))
        .order_by("starts_at", "title", "pk")
    )
    for shift in shifts:
        shift.missing = max(shift.capacity - shift.taken, 0)
    return shifts


def my_shift_ids(user, congress) -> set[int]:
    return set(
        user.shift_signups.filter(shift__congress=congress).values_list("shift_id", flat=True)
    )


def volunteers_by_shift(congress) -> dict[int, list]:
    """shift id -> the people who picked it (for the organisers' board)."""
    out: dict[int, list] = {}
    signups = ShiftSignup.objects.filter(shift__congress=congress).select_related("user")
    for signup in signups.order_by("user__full_name", "pk"):
        out.setdefault(signup.shift_id, []).append(signup.user)
    return out
