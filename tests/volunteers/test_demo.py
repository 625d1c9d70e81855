"""The volunteering demo: la Fabrique de la Solidarité, its trainings, volunteers, missions and
shifts, all dated from the upcoming edition; seeding twice changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from congress.core.seeding import DemoContext
from tests.factories import CongressFactory, OrganisationFactory
from volunteers import demo
from volunteers.models import (
    Mission,
    MissionApplication,
    Shift,
    ShiftSignup,
    Training,
    TrainingBooking,
    TrainingSession,
    VolunteerProfile,
)

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (Training, TrainingSession, TrainingBooking, VolunteerProfile, Mission,
                  MissionApplication, Shift, ShiftSignup)
    ]  # fmt: skip


def test_volunteering_demo_is_dated_from_the_edition_and_idempotent():
    for slug in ("demo-02", "demo-03", "demo-05", "demo-09", "demo-12"):
        OrganisationFactory(slug=slug)
    edition = CongressFactory(start_date=timezone.localdate() + timedelta(days=120))
    edition.end_date = edition.start_date + timedelta(days=1)
    edition.save()
    ctx = DemoContext(upcoming=edition)

    demo.seed(ctx)
    first = counts()
    demo.seed(DemoContext(upcoming=edition))

    assert counts() == first
    assert [t.title for t in Training.objects.order_by("pk")] == [t[0] for t in demo.TRAININGS]
    assert VolunteerProfile.objects.count() == 81
    assert Mission.objects.count() == len(demo.MISSIONS)
    assert Shift.objects.filter(congress=edition).count() == len(demo.SHIFTS)
    assert TrainingBooking.objects.filter(attended=True).count() > 60
    start = edition.start_date
    sessions = TrainingSession.objects.all()
    assert all(
        start - timedelta(days=200) <= timezone.localdate(s.starts_at) <= start + timedelta(days=60)
        for s in sessions
    )
    assert MissionApplication.objects.filter(hours__isnull=False).exists()
    for application in MissionApplication.objects.filter(hours__isnull=False):
        assert application.mission.ends_at < timezone.now()
    assert ("bénévole", "benevole@demo.congres-solidarites.fr") in [
        (role, email) for role, email, _what in ctx.logins
    ]


def test_without_an_upcoming_edition_the_demo_adds_nothing():
    demo.seed(DemoContext())
    assert counts() == [0] * 8


def test_rooms_and_desk_shifts_demo_follow_the_base_and_are_idempotent():
    from congress.onsite.models import DeskRole
    from volunteers.rooms import demo as rooms_demo
    from volunteers.rooms.models import LentRoom, RoomBooking, RoomSlot
    from volunteers.shifts import demo as shifts_demo

    for slug in ("demo-02", "demo-03", "demo-05", "demo-09", "demo-12"):
        OrganisationFactory(slug=slug)
    edition = CongressFactory(start_date=timezone.localdate() + timedelta(days=120))
    for module in (demo, shifts_demo, rooms_demo, demo, shifts_demo, rooms_demo):
        module.seed(DemoContext(upcoming=edition))

    assert LentRoom.objects.count() == len(rooms_demo.ROOMS)
    assert RoomBooking.objects.filter(state="approved").count() == len(rooms_demo.BOOKINGS)
    assert RoomBooking.objects.filter(state="pending").count() == len(rooms_demo.REQUESTS)
    assert not RoomSlot.objects.filter(booking__state="pending").exists()
    assert RoomSlot.objects.count() == sum(b[-1] for b in rooms_demo.BOOKINGS)
    first = RoomSlot.objects.order_by("starts_at").first()
    assert timezone.localdate(first.starts_at) >= edition.start_date - timedelta(weeks=6)
    desk = Shift.objects.filter(grants_desk_role=True)
    assert desk.count() == 3
    people = set(ShiftSignup.objects.filter(shift__in=desk).values_list("user", flat=True))
    assert people and people <= set(
        DeskRole.objects.filter(congress=edition).values_list("user", flat=True)
    )
