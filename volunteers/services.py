"""Writes of volunteering's base: the volunteer profile, training sessions and their bookings."""

import calendar
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.models import User
from congress.organisations.models import Organisation
from volunteers.emails import notify_session_moved, notify_training_promoted
from volunteers.models import (
    SLOTS,
    BookingStatus,
    Skill,
    Training,
    TrainingBooking,
    TrainingSession,
    VolunteerProfile,
)
from volunteers.permissions import can_manage_training, can_run_trainings, can_volunteer

# A person holds at most this many upcoming training places (booked or waiting), and one per
# training: the places of a session are for people who will come, not for a hoard.
MAX_UPCOMING_BOOKINGS = 3


def volunteer_profile_save(
    *,
    user: User,
    availability: list[str],
    skills: list[str],
    languages: str,
    accessibility_needs: str,
) -> VolunteerProfile:
    with transaction.atomic():
        if not user.is_authenticated or not user.is_active:
            raise PermissionDenied(_("Connectez-vous pour devenir bénévole."))
        known_slots = {code for code, _label in SLOTS}
        if not set(availability) <= known_slots or not set(skills) <= set(Skill.values):
            raise ValidationError(_("Choix inconnu."))
        profile, _created = VolunteerProfile.objects.get_or_create(user=user)
        profile.availability = [code for code, _label in SLOTS if code in set(availability)]
        profile.skills = [code for code in Skill.values if code in set(skills)]
        profile.languages = languages.strip()
        profile.accessibility_needs = accessibility_needs.strip()
        profile.full_clean()
        profile.save()
        return profile


def occurrence_dates(training: Training, start: date, until: date) -> list[date]:
    """The dates of `training` between `start` and `until` (inclusive): the nth weekday of each
    month (« le 2e mardi du mois »)."""
    dates = []
    year, month = start.year, start.month
    while date(year, month, 1) <= until:
        weeks = calendar.Calendar().monthdatescalendar(year, month)
        days = [d for week in weeks for d in week if d.month == month]
        matching = [d for d in days if d.weekday() == training.weekday]
        day = matching[training.week_of_month - 1]
        if start <= day <= until:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def training_schedule(*, training: Training, start: date, until: date) -> list[TrainingSession]:
    """Create the dated sessions of a recurring training (those that exist are kept)."""
    with transaction.atomic():
        if until < start:
            raise ValidationError(_("La fin de la période précède son début."))
        tz = timezone.get_current_timezone()
        created = []
        for day in occurrence_dates(training, start, until):
            session, was_created = TrainingSession.objects.get_or_create(
                training=training,
                starts_at=datetime.combine(day, training.start_time, tzinfo=tz),
                defaults={
                    "ends_at": datetime.combine(day, training.end_time, tzinfo=tz),
                    "capacity": training.capacity,
                },
            )
            if was_created:
                created.append(session)
        return created


def lock_person(user: User) -> None:
    """One person's bookings run one after the other: the per-person limit cannot be raced."""
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).get()


def lock_session(pk: int) -> TrainingSession:
    """The session's row lock: bookings of one session run one after the other."""
    return TrainingSession.objects.select_for_update().select_related("training").get(pk=pk)


def _after_count() -> None:
    """Nothing; a concurrency test widens the window here to show what the lock prevents."""


def training_book(*, session: TrainingSession, user: User) -> TrainingBooking:
    """A place if one is left, else the waiting list; the session's row lock serialises
    bookings, so the last place goes to one person only."""
    with transaction.atomic():
        if not can_volunteer(user):
            raise PermissionDenied(
                _("Inscrivez-vous comme bénévole avant de réserver une formation.")
            )
        lock_person(user)
        session = lock_session(session.pk)
        if session.starts_at <= timezone.now():
            raise ValidationError(_("Cette session de formation a déjà eu lieu."))
        upcoming = TrainingBooking.objects.filter(user=user, session__starts_at__gt=timezone.now())
        if upcoming.filter(session__training=session.training_id).exists():
            raise ValidationError(_("Vous êtes déjà inscrit·e à une session de cette formation."))
        if upcoming.count() >= MAX_UPCOMING_BOOKINGS:
            raise ValidationError(
                ngettext(
                    "Vous avez déjà %(count)s réservation de formation à venir : c'est le maximum.",
                    "Vous avez déjà %(count)s réservations de formation à venir : c'est le maximum.",
                    MAX_UPCOMING_BOOKINGS,
                )
                % {"count": MAX_UPCOMING_BOOKINGS}
            )
        taken = session.bookings.filter(status=BookingStatus.BOOKED).count()
        _after_count()
        status = BookingStatus.BOOKED if taken < session.capacity else BookingStatus.WAITING
        return TrainingBooking.objects.create(session=session, user=user, status=status)


def training_cancel(*, booking: TrainingBooking, by: User) -> TrainingBooking | None:
    """Give up one's place (or leave the waiting list); the first person waiting gets the place.
    Returns the promoted booking, if any."""
    with transaction.atomic():
        if booking.user_id != by.pk:
            raise PermissionDenied(_("Vous ne pouvez annuler que vos propres réservations."))
        session = TrainingSession.objects.select_for_update().get(pk=booking.session_id)
        if session.starts_at <= timezone.now():
            raise ValidationError(_("Cette session de formation a déjà eu lieu."))
        was_booked = booking.status == BookingStatus.BOOKED
        booking.delete()
        if not was_booked:
            return None
        promoted = session.bookings.filter(status=BookingStatus.WAITING).first()
        if promoted is not None:
            promoted.status = BookingStatus.BOOKED
            promoted.save(update_fields=["status"])
            notify_training_promoted(promoted)
        return promoted


def training_record_attendance(*, session: TrainingSession, present: set[int], by: User) -> int:
    """The trainer marks who came (booking ids in `present`); the others are marked absent.
    Returns the number present."""
    with transaction.atomic():
        if not can_manage_training(by, session.training):
            raise PermissionDenied(
                _("Seuls les formateurs et l'organisation notent les présences.")
            )
        if session.starts_at > timezone.now():
            raise ValidationError(_("Les présences se notent une fois la session commencée."))
        bookings = list(session.bookings.filter(status=BookingStatus.BOOKED).select_for_update())
        unknown = present - {b.pk for b in bookings}
        if unknown:
            raise ValidationError(_("Cette personne n'est pas inscrite à cette session."))
        for booking in bookings:
            booking.attended = booking.pk in present
        TrainingBooking.objects.bulk_update(bookings, ["attended"])
        return len(present)


# Sessions are scheduled a year ahead at most: a typing slip must not create decades of them.
MAX_SCHEDULE_DAYS = 366


def training_save(
    *,
    organisation: Organisation,
    by: User,
    training: Training | None = None,
    title: str,
    description: str,
    place: str,
    weekday: int,
    week_of_month: int,
    start_time,
    end_time,
    capacity: int,
) -> Training:
    """Create a recurring training of `organisation`, or change one of its own (the sessions
    already scheduled keep their date and places)."""
    with transaction.atomic():
        if not can_run_trainings(by, organisation) or (
            training is not None and training.organisation_id != organisation.pk
        ):
            raise PermissionDenied(
                _("Seuls les gestionnaires de l'organisation gèrent ses formations.")
            )
        if end_time <= start_time:
            raise ValidationError({"end_time": _("La fin de la formation doit suivre son début.")})
        training = training or Training(organisation=organisation)
        training.title = title
        training.description = description.strip()
        training.place = place
        training.weekday = weekday
        training.week_of_month = week_of_month
        training.start_time = start_time
        training.end_time = end_time
        training.capacity = capacity
        training.full_clean()
        training.save()
    return training


def training_sessions_add(
    *, training: Training, by: User, start: date, until: date
) -> list[TrainingSession]:
    """Schedule the dated sessions of `training` over a period (a year at most)."""
    with transaction.atomic():
        if not can_run_trainings(by, training.organisation):
            raise PermissionDenied(
                _("Seuls les gestionnaires de l'organisation gèrent ses formations.")
            )
        if until < start:
            raise ValidationError({"until": _("La fin de la période précède son début.")})
        if (until - start).days > MAX_SCHEDULE_DAYS:
            raise ValidationError({"until": _("Programmez les sessions un an à l'avance au plus.")})
        if start < timezone.localdate():
            raise ValidationError({"start": _("La période ne peut pas commencer dans le passé.")})
        return training_schedule(training=training, start=start, until=until)


def session_set_capacity(
    *, session: TrainingSession, by: User, capacity: int
) -> list[TrainingBooking]:
    """Change the places of one session, under its lock. Never below the places already
    given; places added go to the waiting list in its order. Returns the people promoted."""
    with transaction.atomic():
        session = lock_session(session.pk)
        if not can_run_trainings(by, session.training.organisation):
            raise PermissionDenied(
                _("Seuls les gestionnaires de l'organisation gèrent ses formations.")
            )
        if session.starts_at <= timezone.now():
            raise ValidationError(_("Cette session de formation a déjà eu lieu."))
        booked = session.bookings.filter(status=BookingStatus.BOOKED).count()
        if capacity < booked:
            raise ValidationError(
                {"capacity": ngettext(
                    "%(count)s personne a déjà une place : la session ne peut pas en avoir moins.",
                    "%(count)s personnes ont déjà une place : la session ne peut pas en avoir moins.",
                    booked,
                ) % {"count": booked}}
            )  # fmt: skip
        session.capacity = capacity
        session.full_clean()
        session.save(update_fields=["capacity"])
        promoted = list(
            session.bookings.filter(status=BookingStatus.WAITING).order_by("created_at", "pk")[
                : capacity - booked
            ]
        )
        for booking in promoted:
            booking.status = BookingStatus.BOOKED
            booking.save(update_fields=["status"])
            notify_training_promoted(booking)
    return promoted


def _overlapping(sessions, starts_at: datetime, ends_at: datetime):
    return (
        sessions.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
        .select_related("training")
        .order_by("starts_at")
        .first()
    )


def session_reschedule(
    *, session: TrainingSession, by: User, starts_at: datetime, ends_at: datetime
) -> list[TrainingBooking]:
    """Move one session to another time, under its lock. Refused for a session already begun,
    a time in the past, or a time meeting another session of the same training or of the same
    trainer. The people with a place hear the new time (and get the D-1 reminder again).
    Returns their bookings."""
    with transaction.atomic():
        session = lock_session(session.pk)
        training = session.training
        if not can_run_trainings(by, training.organisation):
            raise PermissionDenied(
                _("Seuls les gestionnaires de l'organisation gèrent ses formations.")
            )
        now = timezone.now()
        if session.starts_at <= now:
            raise ValidationError(_("Cette session de formation a déjà eu lieu."))
        if ends_at <= starts_at:
            raise ValidationError({"end_time": _("La fin de la formation doit suivre son début.")})
        if starts_at <= now:
            raise ValidationError({"day": _("Choisissez un horaire à venir.")})
        others = TrainingSession.objects.exclude(pk=session.pk)
        clash = _overlapping(others.filter(training=training), starts_at, ends_at)
        if clash is None and training.trainer_id is not None:
            clash = _overlapping(
                others.filter(training__trainer=training.trainer_id), starts_at, ends_at
            )
        if clash is not None:
            start = timezone.localtime(clash.starts_at)
            raise ValidationError(
                _("Cet horaire chevauche la session « %(title)s » du %(day)s, %(start)s–%(end)s.")
                % {"title": clash.training.title, "day": formats.date_format(start, "j F Y"),
                   "start": formats.time_format(start, "H:i"),
                   "end": formats.time_format(timezone.localtime(clash.ends_at), "H:i")}
            )  # fmt: skip
        session.starts_at = starts_at
        session.ends_at = ends_at
        session.full_clean()
        session.save(update_fields=["starts_at", "ends_at"])
        booked = list(session.bookings.filter(status=BookingStatus.BOOKED).select_related("user"))
        TrainingBooking.objects.filter(pk__in=[b.pk for b in booked]).update(reminded_at=None)
        for booking in booked:
            booking.session = session
            notify_session_moved(booking)
    return booked
