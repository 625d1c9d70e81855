"""Reads of volunteering's base: upcoming training sessions, a person's record."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from volunteers.models import BookingStatus, TrainingBooking, TrainingSession


def upcoming_training_sessions():
    """Sessions still to come, with their number of places taken and of people waiting."""
    return (
        TrainingSession.objects.filter(starts_at__gt=timezone.now())
        .select_related("training__organisation")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        )
        .order_by("starts_at", "pk")
    )


def trainings_followed(user):
    """The sessions a person attended (the trainer recorded them present), latest first."""
    return (
        TrainingBooking.objects.filter(user=user, attended=True)
        .select_related("session__training__organisation")
        .order_by("-session__starts_at")
    )


def trainings_followed_ids(user) -> set[int]:
    return set(
        TrainingBooking.objects.filter(user=user, attended=True).values_list(
            "session__training_id", flat=True
        )
    )


def my_bookings(user):
    """A person's upcoming bookings, with their rank on the waiting list (None when booked)."""
    ahead = (
        TrainingBooking.objects.filter(
            session=OuterRef("session"),
            status=BookingStatus.WAITING,
            created_at__lte=OuterRef("created_at"),
        )
        .values("session")
        .annotate(rank=Count("pk"))
        .values("rank")
    )
    return (
        TrainingBooking.objects.filter(user=user, session__starts_at__gt=timezone.now())
        .select_related("session__training")
        .annotate(rank=Subquery(ahead))
        .order_by("session__starts_at")
    )


def session_attendees(session):
    return session.bookings.filter(status=BookingStatus.BOOKED).select_related("user")
