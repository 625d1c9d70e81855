"""Reminders of volunteering: the first person waiting hears a place is theirs; the association
hears of each offer of help; the volunteer hears the answer."""

import pytest

from tests.factories import MembershipFactory
from tests.factories.volunteers import (
    MissionFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from tests.spaces import plain
from volunteers import services
from volunteers.missions import services as mission_services

pytestmark = pytest.mark.django_db


def test_the_person_promoted_from_the_waiting_list_is_told(
    mailoutbox, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(capacity=1, training__title="Aller vers")
    first = VolunteerProfileFactory().user
    waiting = VolunteerProfileFactory(user__email="attente@example.org").user
    booking = services.training_book(session=session, user=first)
    services.training_book(session=session, user=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        services.training_cancel(booking=booking, by=first)
    assert [m.to for m in mailoutbox] == [["attente@example.org"]]
    assert plain(mailoutbox[0].subject) == plain("Une place s'est libérée : Aller vers")
    assert "elle est à vous" in mailoutbox[0].body
    assert "&#x27;" not in mailoutbox[0].body


def test_the_association_hears_of_an_offer_and_the_volunteer_of_the_answer(
    association, manager, mailoutbox, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=association, role="member")  # members are not told
    mission = MissionFactory(organisation=association, title="Maraude du soir")
    person = VolunteerProfileFactory(user__email="alice@example.org", user__full_name="Alice").user
    with django_capture_on_commit_callbacks(execute=True):
        application = mission_services.mission_apply(mission=mission, user=person, message="Dispo")
    assert [m.to for m in mailoutbox] == [[manager.email]]
    assert plain(mailoutbox[0].subject) == plain("Nouvelle proposition d'aide : Maraude du soir")
    assert "Alice propose son aide" in mailoutbox[0].body and "Dispo" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        mission_services.application_decide(application=application, accept=True, by=manager)
    assert mailoutbox[1].to == ["alice@example.org"]
    assert plain(mailoutbox[1].subject) == plain("Votre aide est acceptée : Maraude du soir")


def test_a_declined_volunteer_is_told_kindly(
    association, manager, volunteer, mailoutbox, django_capture_on_commit_callbacks
):
    application = mission_services.mission_apply(
        mission=MissionFactory(organisation=association, title="Tri"), user=volunteer
    )
    with django_capture_on_commit_callbacks(execute=True):
        mission_services.application_decide(application=application, accept=False, by=manager)
    assert plain(mailoutbox[-1].subject) == plain("Réponse à votre proposition d'aide : Tri")
    assert "d'autres missions vous attendent" in mailoutbox[-1].body
