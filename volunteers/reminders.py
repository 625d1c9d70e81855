"""The volunteers' D-1 reminders, run by `manage.py send_reminders` (daily, see deploy/): the
eve of a training session, the people with a place hear of it; the eve of a shift, its
volunteers; the eve of a mission, its accepted volunteers and, once per mission, the association's
managers (who is coming). One e-mail per person and kind listing all of their next day's
sessions, shifts or missions.
Each booking or shift sign-up is marked when its reminder goes, under a row lock, so however
often the command runs (or two runs overlap) nobody gets the same reminder twice."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from congress.core.collation import french_sort_key
from congress.core.mail import send_after_commit, send_templated, site_url
from congress.organisations.models import MembershipRole
from volunteers.models import (
    ApplicationStatus,
    BookingStatus,
    MissionApplication,
    ShiftSignup,
    TrainingBooking,
)


@dataclass
class Sent:
    trainings: int = 0  # people reminded of a training session
    shifts: int = 0  # people reminded of a shift
    missions: int = 0  # volunteers reminded of a mission
    teams: int = 0  # missions whose association's managers were told who is coming


def _claim(queryset, now) -> dict:
    """Lock the rows not reminded yet, mark them, and group them by person."""
    rows = list(queryset.filter(reminded_at__isnull=True).select_for_update(of=("self",)))
    queryset.model.objects.filter(pk__in=[row.pk for row in rows]).update(reminded_at=now)
    people = defaultdict(list)
    for row in rows:
        people[row.user].append(row)
    return people


def _send(user, template: str, context: dict) -> None:
    send_templated(
        to=user.email, template=template, context={"person": user, **context},
        language=user.preferred_language or "fr",
    )  # fmt: skip


def volunteer_reminders_send(today: date | None = None) -> Sent:
    """Send the reminders of tomorrow's training sessions and shifts (the eve only: a missed
    day is not caught up, the event would be over)."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    now = timezone.now()
    sent = Sent()
    with transaction.atomic():
        bookings = TrainingBooking.objects.filter(
            status=BookingStatus.BOOKED, session__starts_at__date=tomorrow, user__is_active=True
        ).select_related("session__training", "user")
        for user, rows in _claim(bookings, now).items():
            sessions = sorted((b.session for b in rows), key=lambda s: s.starts_at)
            context = {"sessions": sessions, "url": site_url(reverse("volunteer_home"))}
            send_after_commit(_send, user, "volunteers/email/training_reminder", context)
            sent.trainings += 1
        signups = ShiftSignup.objects.filter(
            shift__starts_at__date=tomorrow, user__is_active=True
        ).select_related("shift__congress", "user")
        for user, rows in _claim(signups, now).items():
            shifts = sorted((s.shift for s in rows), key=lambda s: s.starts_at)
            url = site_url(reverse("shift_list", args=[shifts[0].congress.slug]))
            send_after_commit(
                _send, user, "volunteers/email/shift_reminder", {"shifts": shifts, "url": url}
            )
            sent.shifts += 1
        _missions(tomorrow, now, sent)
    return sent


def _missions(tomorrow: date, now, sent: Sent) -> None:
    """The eve of a mission: each accepted volunteer, then the association's managers with the
    list of who is coming (once per mission: only the applications claimed now are listed)."""
    applications = MissionApplication.objects.filter(
        status=ApplicationStatus.ACCEPTED, mission__starts_at__date=tomorrow, user__is_active=True
    ).select_related("mission__organisation", "user")
    by_mission = defaultdict(list)
    for user, rows in _claim(applications, now).items():
        missions = sorted((a.mission for a in rows), key=lambda m: m.starts_at)
        context = {"missions": missions, "url": site_url(reverse("volunteer_home"))}
        send_after_commit(_send, user, "volunteers/email/mission_reminder", context)
        sent.missions += 1
        for application in rows:
            by_mission[application.mission].append(application.user)
    for mission, people in sorted(by_mission.items(), key=lambda item: item[0].starts_at):
        managers = mission.organisation.memberships.filter(
            role=MembershipRole.MANAGER, user__is_active=True
        ).select_related("user")
        url = site_url(reverse("mission_applications", args=[mission.pk]))
        names = sorted((person.full_name for person in people), key=french_sort_key)
        for membership in managers:
            context = {"mission": mission, "names": names, "url": url}
            send_after_commit(_send, membership.user, "volunteers/email/mission_team", context)
        sent.teams += 1
