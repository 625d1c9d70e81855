"""Reads of volunteering's base: upcoming training sessions, a person's record."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from congress.organisations.models import MembershipRole, Organisation
from volunteers.models import BookingStatus, Training, TrainingBooking, TrainingSession


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


def managed_organisations(user) -> list:
    """The organisations a person manages: their missions and trainings are theirs to run."""
    return [
        m.organisation
        for m in user.memberships.filter(role=MembershipRole.MANAGER)
        .select_related("organisation")
        .order_by("organisation__name")
    ]


def _with_counts(sessions):
    return sessions.annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


def organisation_trainings(organisation, *, since=None):
    """An organisation's trainings, each with `.coming`: its sessions after `since` (now by
    default) with places taken and people waiting."""
    since = since or timezone.now()
    coming = _with_counts(TrainingSession.objects.filter(starts_at__gt=since)).order_by(
        "starts_at", "pk"
    )
    return (
        Training.objects.filter(organisation=organisation)
        .select_related("trainer")
        .prefetch_related(Prefetch("sessions", queryset=coming, to_attr="coming"))
        .order_by("title", "pk")
    )


def training_sessions_for_staff(training):
    """All sessions of a training, latest first, with places taken and people waiting."""
    now = timezone.now()
    sessions = list(_with_counts(training.sessions.all()).order_by("-starts_at", "-pk"))
    for session in sessions:
        session.is_past = session.starts_at <= now
    return sessions


def places() -> list:
    """The organisations that lend rooms (« lieux »): their rooms and agenda are linked."""
    return list(Organisation.objects.filter(lent_rooms__isnull=False).distinct().order_by("name"))
