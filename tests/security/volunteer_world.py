"""The volunteering part of the permission matrix's world (issue 17).

The participant is the volunteer: booked on a training of association A, applied to one of
A's missions, signed up to a shift of the edition. A's manager runs A's trainings and missions;
B has its own mission with an application of someone else."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.volunteers import (
    MissionFactory,
    ShiftFactory,
    TrainingFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from volunteers.models import (
    LentRoom,
    MissionApplication,
    RoomBooking,
    RoomSlot,
    ShiftSignup,
    TrainingBooking,
)


def add_volunteers(w) -> None:
    o = w.objects
    participant = w.users["participant"]
    VolunteerProfileFactory(user=participant)
    now = timezone.now()
    o["training_a"] = training_a = TrainingFactory(organisation=o["org_a"], capacity=10)
    o["training_session"] = TrainingSessionFactory(training=training_a)
    TrainingBooking.objects.create(session=o["training_session"], user=participant, status="booked")
    o["training_session_open"] = TrainingSessionFactory(
        training=TrainingFactory(organisation=o["org_b"], capacity=10)
    )
    o["training_session_past"] = past = TrainingSessionFactory(
        training=training_a, starts_at=now - timedelta(days=7)
    )
    o["booking_past"] = TrainingBooking.objects.create(
        session=past, user=participant, status="booked"
    )

    o["mission_a"] = mission_a = MissionFactory(organisation=o["org_a"], title="Mission A")
    o["mission_open_a"] = MissionFactory(organisation=o["org_a"], title="Autre mission A")
    o["mission_b"] = mission_b = MissionFactory(organisation=o["org_b"], title="Mission B")
    o["application_a"] = MissionApplication.objects.create(mission=mission_a, user=participant)
    o["application_b"] = MissionApplication.objects.create(
        mission=mission_b, user=VolunteerProfileFactory(user=UserFactory()).user
    )
    o["mission_past_a"] = mission_past = MissionFactory(
        organisation=o["org_a"], starts_at=now - timedelta(days=3)
    )
    o["application_past_a"] = MissionApplication.objects.create(
        mission=mission_past, user=participant, status="accepted"
    )

    edition = o["edition"]
    o["shift_1"] = shift_1 = ShiftFactory(congress=edition, title="Accueil")
    o["shift_2"] = ShiftFactory(
        congress=edition, title="Steward", starts_at=shift_1.ends_at,
        ends_at=shift_1.ends_at + timedelta(hours=2),
    )  # fmt: skip
    o["shift_other"] = ShiftFactory(congress=o["other_edition"], title="Accueil ailleurs")
    ShiftSignup.objects.create(shift=shift_1, user=participant)

    # B lends a room (B is the « lieu »); A booked it for its drop-in hours, next week.
    o["lent_room"] = room = LentRoom.objects.create(
        place=o["org_b"], name="Salle du matin", capacity=10, opens_at=time(9),
        closes_at=time(19), open_days=[0, 1, 2, 3, 4, 5, 6],
    )  # fmt: skip
    day = timezone.localdate() + timedelta(days=8)
    o["room_booking_a"] = booking = RoomBooking.objects.create(
        room=room, organisation=o["org_a"], title="Permanence A", attendees=5, is_public=True,
        first_date=day, last_date=day, start_time=time(9), end_time=time(10), state="approved",
    )  # fmt: skip
    tz = timezone.get_current_timezone()
    RoomSlot.objects.create(
        booking=booking, room=room, starts_at=datetime.combine(day, time(9), tzinfo=tz),
        ends_at=datetime.combine(day, time(10), tzinfo=tz),
    )  # fmt: skip
    # A's request for the afternoon of the same day, waiting for B (the place) to answer.
    o["room_request_a"] = RoomBooking.objects.create(
        room=room, organisation=o["org_a"], title="Réunion A", attendees=5, is_public=False,
        first_date=day, last_date=day, start_time=time(14), end_time=time(16),
    )  # fmt: skip
