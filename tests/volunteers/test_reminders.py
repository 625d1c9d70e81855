"""The volunteers' D-1 reminders, sent by `manage.py send_reminders`: the eve of a training
session, a shift or a mission, once per person, however often the command runs; the eve of a
mission, the association's managers hear who is coming."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import CongressFactory, MembershipFactory, UserFactory
from tests.factories.volunteers import (
    MissionFactory,
    ShiftFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from tests.spaces import plain
from volunteers.models import BookingStatus, MissionApplication, ShiftSignup, TrainingBooking

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate() + timedelta(days=20)


def at(day, hour) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def run(capture) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("send_reminders", "--today", TODAY.isoformat(), stdout=out)
    return out.getvalue()


def test_the_eve_of_a_training_the_people_with_a_place_are_reminded_once(
    django_capture_on_commit_callbacks,
):
    tomorrow = TODAY + timedelta(days=1)
    session = TrainingSessionFactory(starts_at=at(tomorrow, 18), training__title="Écoute active")
    later = TrainingSessionFactory(starts_at=at(tomorrow + timedelta(days=1), 18))
    booked, waiting = (VolunteerProfileFactory().user for _ in range(2))
    TrainingBooking.objects.create(session=session, user=booked, status=BookingStatus.BOOKED)
    TrainingBooking.objects.create(session=session, user=waiting, status=BookingStatus.WAITING)
    TrainingBooking.objects.create(session=later, user=waiting, status=BookingStatus.BOOKED)
    mail.outbox.clear()
    output = run(django_capture_on_commit_callbacks)
    assert "Volunteers reminded: 1 of a training session, 0 of a shift, 0 of a mission;" in output
    assert [m.to for m in mail.outbox] == [[booked.email]]
    assert plain(mail.outbox[0].subject) == "Rappel : votre formation de demain"
    assert "Écoute active, 18:00–20:00" in mail.outbox[0].body
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert TrainingBooking.objects.filter(reminded_at__isnull=False).count() == 1


def test_the_eve_of_shifts_one_email_per_person_listing_them(django_capture_on_commit_callbacks):
    tomorrow = TODAY + timedelta(days=1)
    congress = CongressFactory(start_date=tomorrow, end_date=tomorrow + timedelta(days=1))
    morning = ShiftFactory(congress=congress, title="Accueil et badges")
    afternoon = ShiftFactory(
        congress=congress, title="Steward Salle Loire", starts_at=at(tomorrow, 14),
        ends_at=at(tomorrow, 16),
    )  # fmt: skip
    next_day = ShiftFactory(
        congress=congress, title="Orientation", starts_at=at(tomorrow + timedelta(days=1), 9),
        ends_at=at(tomorrow + timedelta(days=1), 11),
    )  # fmt: skip
    person = VolunteerProfileFactory().user
    for shift in (morning, afternoon, next_day):
        ShiftSignup.objects.create(shift=shift, user=person)
    mail.outbox.clear()
    output = run(django_capture_on_commit_callbacks)
    assert "0 of a training session, 1 of a shift, 0 of a mission;" in output
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Demain, vos créneaux de bénévole :" in plain(body)
    assert body.index("Accueil et badges") < body.index("Steward Salle Loire")
    assert "Orientation" not in body
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_a_reminder_in_the_persons_language(django_capture_on_commit_callbacks):
    tomorrow = TODAY + timedelta(days=1)
    session = TrainingSessionFactory(starts_at=at(tomorrow, 10))
    person = VolunteerProfileFactory(user__preferred_language="en").user
    TrainingBooking.objects.create(session=session, user=person, status=BookingStatus.BOOKED)
    mail.outbox.clear()
    run(django_capture_on_commit_callbacks)
    assert mail.outbox[0].subject == "Reminder: your training tomorrow"


def test_the_eve_of_a_mission_its_accepted_volunteers_and_the_association_are_reminded_once(
    django_capture_on_commit_callbacks,
):
    tomorrow = TODAY + timedelta(days=1)
    mission = MissionFactory(
        title="Maraude du soir", place="Gare du Nord", starts_at=at(tomorrow, 19),
        ends_at=at(tomorrow, 22),
    )  # fmt: skip
    later = MissionFactory(
        organisation=mission.organisation, starts_at=at(TODAY, 19) + timedelta(days=3)
    )
    manager = MembershipFactory(
        organisation=mission.organisation, role="manager", user__full_name="Claire Responsable"
    ).user
    MembershipFactory(organisation=mission.organisation, role="member")  # not told
    # Names no generated name contains (the manager's greeting once held « Paulette »).
    zoe, emile, pending, declined = (
        UserFactory(full_name=name)
        for name in ("Zoé Martin", "Émile Durand", "Xavière Enattente", "Yolande Refusée")
    )
    for person, status in (
        (zoe, "accepted"),
        (emile, "accepted"),
        (pending, "pending"),
        (declined, "declined"),
    ):
        MissionApplication.objects.create(mission=mission, user=person, status=status)
    MissionApplication.objects.create(mission=later, user=zoe, status="accepted")
    mail.outbox.clear()
    output = run(django_capture_on_commit_callbacks)
    assert "2 of a mission; 1 mission team(s)" in output
    assert sorted(m.to[0] for m in mail.outbox) == sorted([zoe.email, emile.email, manager.email])
    to_zoe = next(m for m in mail.outbox if m.to == [zoe.email])
    assert plain(to_zoe.subject) == "Rappel : votre mission de bénévole demain"
    assert "Maraude du soir, 19:00–22:00, Gare du Nord" in to_zoe.body
    assert later.title not in to_zoe.body
    team = next(m for m in mail.outbox if m.to == [manager.email])
    assert plain(team.subject) == "Demain : les bénévoles de la mission « Maraude du soir »"
    # French collation: « Émile » before « Zoé »; only the accepted volunteers.
    assert team.body.index("- Émile Durand") < team.body.index("- Zoé Martin")
    assert "les 2 personnes bénévoles attendues" in plain(team.body)
    assert "Enattente" not in team.body and "Refusée" not in team.body
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    assert MissionApplication.objects.filter(reminded_at__isnull=False).count() == 2
