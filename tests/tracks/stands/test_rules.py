"""Stand rules (issues 15 and 19): who may apply, one application per exhibitor, automatic
numbers, the decisions an organiser may take, and the hall's settings."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import CongressFactory, UserFactory
from tests.tracks.stands.conftest import FIELDS, apply
from tracks.stands import selectors, services
from tracks.stands.models import Stand, StandApplication, StandHall

pytestmark = pytest.mark.django_db


def test_applications_open_only_to_active_people_for_a_published_running_evening_with_stands():
    past = timezone.localdate() - timezone.timedelta(days=3)
    closed = [
        (CongressFactory(kind="evening"), AnonymousUser()),
        (CongressFactory(kind="evening"), UserFactory(is_active=False)),
        (CongressFactory(kind="evening", status="draft"), UserFactory()),
        (CongressFactory(kind="evening", start_date=past, end_date=past), UserFactory()),
        (CongressFactory(kind="evening", features={"stands": False}), UserFactory()),
        (CongressFactory(), UserFactory()),  # a congress: no stands
    ]
    for congress, person in closed:
        with pytest.raises(PermissionDenied, match="ne sont pas ouvertes"):
            services.stand_application_submit(congress=congress, by=person, name="A", **FIELDS)
    assert StandApplication.objects.count() == 0
    open_evening = CongressFactory(kind="evening")
    apply(open_evening, by=UserFactory())
    assert StandApplication.objects.get().congress == open_evening


def test_one_person_applies_once_per_exhibitor(evening):
    person = UserFactory()
    first = apply(evening, "Les Amis du Quartier", by=person)
    with pytest.raises(ValidationError, match="déjà demandé un stand pour cet exposant"):
        apply(evening, "Les Amis du Quartier", by=person)
    assert list(StandApplication.objects.values_list("pk", flat=True)) == [first.pk]
    # Another exhibitor by the same person, or the same name by someone else, is welcome.
    apply(evening, "Le Jardin Partagé", by=person)
    apply(evening, "Les Amis du Quartier", by=UserFactory())
    assert StandApplication.objects.count() == 3


def test_an_accepted_stand_without_a_number_takes_the_first_free_one(evening, organiser):
    first, second, third = apply(evening, "A"), apply(evening, "B"), apply(evening, "C")
    services.stand_application_decide(application=first, status="accepted", by=organiser,
                                      number=" 01 ")  # fmt: skip
    services.stand_application_decide(application=second, status="accepted", by=organiser,
                                      number="03")  # fmt: skip
    services.stand_application_decide(application=third, status="accepted", by=organiser)
    assert dict(Stand.objects.values_list("name", "number")) == {"A": "01", "B": "03", "C": "02"}


@pytest.mark.parametrize("status", ["bogus", "submitted", "withdrawn", ""])
def test_only_a_real_decision_is_taken(evening, organiser, status):
    application = apply(evening)
    with pytest.raises(ValidationError, match="Décision inconnue"):
        services.stand_application_decide(application=application, status=status, by=organiser)
    application.refresh_from_db()
    assert (application.status, application.decided_at, application.stand) == (
        "submitted", None, None,
    )  # fmt: skip
    assert (Stand.objects.count(), mail.outbox) == (0, [])


def test_moving_an_accepted_stand_keeps_its_number_and_tells_the_applicant_once(
    evening, organiser, django_capture_on_commit_callbacks
):
    application = apply(evening)
    with django_capture_on_commit_callbacks(execute=True):
        services.stand_application_decide(
            application=application, status="accepted", by=organiser, location="Hall A"
        )
        services.stand_application_decide(
            application=application, status="accepted", by=organiser, location="Hall B"
        )
    assert list(Stand.objects.values_list("number", "location")) == [("01", "Hall B")]
    assert len(mail.outbox) == 1


def test_organisers_set_the_hall_capacity_and_the_exhibitors_information(evening, organiser):
    assert (services.hall_of(evening).pk, services.hall_of(evening).capacity) == (None, 50)
    with pytest.raises(ValidationError):  # a hall holds at least one stand
        services.stand_hall_set(
            congress=evening, capacity=0, exhibitor_information="", by=organiser
        )
    assert StandHall.objects.count() == 0
    hall = services.stand_hall_set(
        congress=evening, capacity=2, exhibitor_information="Montage dès 16 h", by=organiser
    )
    assert (hall.capacity, hall.exhibitor_information) == (2, "Montage dès 16 h")
    services.stand_hall_set(congress=evening, capacity=3, exhibitor_information="", by=organiser)
    assert list(StandHall.objects.values_list("capacity", "exhibitor_information")) == [(3, "")]


def test_the_hall_cannot_shrink_below_its_accepted_stands(evening, organiser):
    for name in ("A", "B"):
        services.stand_application_decide(
            application=apply(evening, name), status="accepted", by=organiser
        )
    with pytest.raises(ValidationError) as refused:
        services.stand_hall_set(
            congress=evening, capacity=1, exhibitor_information="x", by=organiser
        )
    assert "plus de stands acceptés" in str(refused.value.message_dict["capacity"])
    assert StandHall.objects.count() == 0
    services.stand_hall_set(congress=evening, capacity=2, exhibitor_information="", by=organiser)
    assert StandHall.objects.get().capacity == 2


def test_only_organisers_set_the_hall(evening):
    for someone in (UserFactory(), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.stand_hall_set(
                congress=evening, capacity=10, exhibitor_information="", by=someone
            )
    assert StandHall.objects.count() == 0


def test_one_sees_only_ones_own_applications(evening):
    person = UserFactory()
    mine = apply(evening, "A", by=person)
    apply(evening, "B")
    apply(CongressFactory(kind="evening"), "C", by=person)
    assert list(selectors.applications_by(person, evening)) == [mine]
    assert list(selectors.applications_by(AnonymousUser(), evening)) == []
