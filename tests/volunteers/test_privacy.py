"""The volunteer's data are theirs: in the personal-data export, gone with the account."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from congress.profile import services as profile_services
from tests.factories import TEST_PASSWORD, UserFactory
from tests.factories.volunteers import (
    MissionFactory,
    ShiftFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from volunteers import services
from volunteers.models import (
    BookingStatus,
    MissionApplication,
    ShiftSignup,
    TrainingBooking,
    VolunteerProfile,
)
from volunteers.shifts import services as shift_services

pytestmark = pytest.mark.django_db


def test_profile_save_keeps_known_choices_in_order_and_refuses_unknown_ones():
    user = UserFactory()
    profile = services.volunteer_profile_save(
        user=user, availability=["sat_am", "mon_pm"], skills=["street", "welcome"],
        languages=" français ", accessibility_needs=" Pas d'escaliers ",
    )  # fmt: skip
    assert (profile.availability, profile.skills, profile.languages) == (
        ["mon_pm", "sat_am"], ["welcome", "street"], "français",
    )  # fmt: skip
    assert profile.accessibility_needs == "Pas d'escaliers"
    with pytest.raises(Exception, match="Choix inconnu"):
        services.volunteer_profile_save(
            user=user, availability=["someday"], skills=[], languages="", accessibility_needs=""
        )
    profile.refresh_from_db()
    assert profile.availability == ["mon_pm", "sat_am"]


def test_profile_save_refuses_an_inactive_account():
    from django.core.exceptions import PermissionDenied

    user = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.volunteer_profile_save(
            user=user, availability=[], skills=[], languages="", accessibility_needs=""
        )
    assert VolunteerProfile.objects.count() == 0


@pytest.fixture
def busy_volunteer():
    person = VolunteerProfileFactory(accessibility_needs="Fauteuil roulant").user
    session = TrainingSessionFactory(training__title="Aller vers")
    services.training_book(session=session, user=person)
    mission = MissionFactory(title="Maraude du soir")
    MissionApplication.objects.create(
        mission=mission, user=person, status="accepted", hours=Decimal("3"), message="Dispo"
    )
    shift = ShiftFactory(title="Accueil et badges")
    shift_services.shift_signup(shift=shift, user=person)
    return person, session


def test_export_contains_profile_bookings_applications_and_shifts(busy_volunteer):
    person, _session = busy_volunteer
    data = profile_services.user_export_data(user=person)["volunteers"]
    assert data["volunteer_profile"]["accessibility_needs"] == "Fauteuil roulant"
    assert data["volunteer_profile"]["skills"] == ["street", "listening"]
    assert [(b["training"], b["status"]) for b in data["training_bookings"]] == [
        ("Aller vers", "booked")
    ]
    assert [(a["mission"], a["hours"], a["message"]) for a in data["mission_applications"]] == [
        ("Maraude du soir", "3.00", "Dispo")
    ]
    assert [s["shift"] for s in data["volunteer_shifts"]] == ["Accueil et badges"]


def test_export_of_a_person_who_never_volunteered_is_empty():
    data = profile_services.user_export_data(user=UserFactory())["volunteers"]
    assert data == {
        "volunteer_profile": None,
        "training_bookings": [],
        "mission_applications": [],
        "volunteer_shifts": [],
    }


def test_erasure_removes_everything_and_gives_the_place_to_the_first_waiting(busy_volunteer):
    person, session = busy_volunteer
    session.capacity = 1
    session.save()
    waiting = VolunteerProfileFactory().user
    services.training_book(session=session, user=waiting)
    past = TrainingSessionFactory(starts_at=timezone.now() - timedelta(days=3))
    TrainingBooking.objects.create(session=past, user=person, status="booked", attended=True)
    past.training.trainer = person
    past.training.save()

    profile_services.user_delete_account(user=person, password=TEST_PASSWORD)

    assert VolunteerProfile.objects.filter(user=person).count() == 0
    assert TrainingBooking.objects.filter(user=person).count() == 0
    assert MissionApplication.objects.filter(user=person).count() == 0
    assert ShiftSignup.objects.filter(user=person).count() == 0
    assert session.bookings.get().status == BookingStatus.BOOKED
    past.training.refresh_from_db()
    assert past.training.trainer is None
