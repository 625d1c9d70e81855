"""Registering at the welcome desk a person who arrives without a registration (issue 13)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from congress.audit.models import AuditEntry
from congress.onsite import selectors, services
from congress.onsite.models import CheckIn, DeskPayment
from congress.registrations import privacy
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
)
from congress.registrations.seats import PlacesUnavailable
from congress.registrations.selectors import registrations_board
from tests.factories import CongressFactory, TariffFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_site(edition):
    edition.accepts_on_site = True
    edition.save(update_fields=["accepts_on_site"])


def walk_in(edition, by, default_tariff, today, **extra):
    values = {
        "congress": edition,
        "by": by,
        "tariff": default_tariff,
        "full_name": "  Zoé   Martin ",
        "day": today,
        "payment": DeskPayment.CASH,
    }
    return services.walk_in_register(**{**values, **extra})


def test_walk_in_registers_takes_payment_checks_in_and_audits(
    edition, volunteer, tariff, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        arrival = walk_in(
            edition, volunteer, tariff, today,
            email=" Zoe.Martin@Example.org ", organisation_name=" Secours  populaire ",
            payment=DeskPayment.CHEQUE, payment_reference=" 0012345 ",
        )  # fmt: skip
    registration = Registration.objects.get(pk=arrival.registration.pk)
    order = registration.order
    assert (registration.full_name, registration.email, registration.declared_organisation) == (
        "Zoé Martin", "zoe.martin@example.org", "Secours populaire",
    )  # fmt: skip
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.days == [d.isoformat() for d in edition.days]
    assert (registration.price, registration.user) == (Decimal("60.00"), None)
    assert (order.payment_method, order.state, order.total) == (
        PaymentMethod.ON_SITE, OrderState.PAID, Decimal("60.00"),
    )  # fmt: skip
    assert (order.paid_at, order.payment_reference, order.placed_by) == (
        today, "Chèque – 0012345", volunteer,
    )  # fmt: skip
    assert order.organisation is None
    check_in = CheckIn.objects.get(registration=registration)
    assert (check_in.day, check_in.by, check_in) == (today, volunteer, arrival.check_in)
    entry = AuditEntry.objects.get(action="order.walk_in")
    assert (entry.actor, entry.details) == (
        volunteer, {"payment": "cheque", "total": "60.00", "day": today.isoformat()},
    )  # fmt: skip
    # The confirmation and the ticket go to the address given.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zoe.martin@example.org"]
    assert [name for name, _content, _kind in mail.outbox[0].attachments] == [
        f"billet-{edition.slug}-{registration.pk}.pdf", f"{edition.slug}.ics",
    ]  # fmt: skip


def test_walk_in_is_counted_as_expected_and_arrived_and_on_the_board(
    edition, organiser, tariff, today
):
    registration = walk_in(edition, organiser, tariff, today).registration
    first_day = selectors.attendance_figures(edition)[0]
    assert (first_day.day, first_day.expected, first_day.arrived) == (today, 1, 1)
    assert list(registrations_board(edition)) == [registration]
    assert selectors.desk_search(edition, "zoe") == [registration.pk]


def test_walk_in_on_the_second_day_is_registered_from_that_day(edition, volunteer, tariff, today):
    second = today + datetime.timedelta(days=1)
    registration = walk_in(edition, volunteer, tariff, today, day=second).registration
    assert registration.days == [second.isoformat()]
    assert CheckIn.objects.get(registration=registration).day == second


def test_walk_in_to_invoice_stays_due(edition, volunteer, tariff, today):
    registration = walk_in(
        edition, volunteer, tariff, today, payment=DeskPayment.TO_INVOICE
    ).registration
    order = registration.order
    assert (order.payment_method, order.state, order.paid_at) == (
        PaymentMethod.INVOICE, OrderState.AWAITING_MANDATE, None,
    )  # fmt: skip
    assert order.payment_reference == "À facturer"
    assert selectors.amount_due(registration) == Decimal("60.00")


def test_walk_in_at_a_free_tariff_is_free(edition, volunteer, today):
    free = TariffFactory(congress=edition, name="Bénévole", price=Decimal("0"))
    order = walk_in(
        edition, volunteer, free, today, payment=DeskPayment.CARD_TERMINAL
    ).registration.order
    assert (order.payment_method, order.state, order.total) == (
        PaymentMethod.FREE, OrderState.FREE, Decimal("0"),
    )  # fmt: skip


def test_walk_ins_without_address_get_no_mail_and_do_not_collide(
    edition, volunteer, tariff, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        walk_in(edition, volunteer, tariff, today)
        walk_in(edition, volunteer, tariff, today, full_name="Paul Petit")
    assert list(Registration.objects.values_list("email", flat=True)) == ["", ""]
    assert mail.outbox == []


def test_walk_in_joins_the_account_that_proved_the_address(edition, volunteer, tariff, today):
    person = UserFactory(email="zoe@example.org")
    registration = walk_in(edition, volunteer, tariff, today, email="ZOE@example.org").registration
    assert registration.user == person


def test_walk_in_refuses_an_address_already_registered(edition, volunteer, tariff, today, helene):
    with pytest.raises(ValidationError) as error:
        walk_in(edition, volunteer, tariff, today, email=helene.email.upper())
    assert "email" in error.value.error_dict
    assert Registration.objects.count() == 1


def test_walk_in_refuses_a_full_edition_and_a_full_tariff(
    edition, volunteer, tariff, today, helene
):
    edition.capacity = 1
    edition.save(update_fields=["capacity"])
    with pytest.raises(PlacesUnavailable) as full:
        walk_in(edition, volunteer, tariff, today)
    assert plain(full.value.messages[0]) == (
        "Le congrès est complet : plus aucune place ne peut être attribuée."
    )
    edition.capacity = None
    edition.save(update_fields=["capacity"])
    tariff.quota = 1
    tariff.save(update_fields=["quota"])
    with pytest.raises(PlacesUnavailable) as quota:
        walk_in(edition, volunteer, tariff, today)
    assert plain(quota.value.messages[0]) == (
        "Le tarif « Association » est complet : choisissez-en un autre."
    )
    assert (Order.objects.count(), Registration.objects.count(), CheckIn.objects.count()) == (
        1, 1, 0,
    )  # fmt: skip


def test_walk_in_refused_to_people_outside_the_desk(edition, tariff, today, volunteer):
    with pytest.raises(PermissionDenied):
        walk_in(edition, UserFactory(), tariff, today)
    volunteer.is_active = False
    volunteer.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        walk_in(edition, volunteer, tariff, today)
    other = CongressFactory()
    with pytest.raises(PermissionDenied):  # the desk of one edition only
        walk_in(other, UserFactory(), TariffFactory(congress=other), today)
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"accepts_on_site": False}, "Cette édition n'accepte pas d'inscription ni de paiement sur place."),
        ({"status": "closed"}, "Les inscriptions à cette édition sont closes."),
    ],
)  # fmt: skip
def test_walk_in_refused_where_the_edition_does_not_allow_it(
    edition, volunteer, tariff, today, change, message
):
    for name, value in change.items():
        setattr(edition, name, value)
    edition.save()
    with pytest.raises(ValidationError) as error:
        walk_in(edition, volunteer, tariff, today)
    assert plain(error.value.messages[0]) == plain(message)
    assert Registration.objects.count() == 0


def test_walk_in_refused_once_the_congress_is_over(volunteer, tariff, today, edition):
    edition.start_date = today - datetime.timedelta(days=3)
    edition.end_date = today - datetime.timedelta(days=2)
    edition.save()
    with pytest.raises(ValidationError) as error:
        walk_in(edition, volunteer, tariff, today, day=edition.start_date)
    assert (
        plain(error.value.messages[0]) == "Le congrès est terminé : plus d'inscription sur place."
    )


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"full_name": "  "}, "full_name"),
        ({"payment": "bitcoin"}, "payment"),
        ({"day": "other"}, None),
        ({"tariff": "other"}, "tariff"),
    ],
)
def test_walk_in_refuses_bad_input(edition, volunteer, tariff, today, extra, field):
    if extra.get("day") == "other":
        extra = {"day": today - datetime.timedelta(days=1)}
    if extra.get("tariff") == "other":
        extra = {"tariff": TariffFactory()}
    with pytest.raises(ValidationError) as error:
        walk_in(edition, volunteer, tariff, today, **extra)
    if field is None:
        assert plain(error.value.messages[0]) == "Ce jour n'est pas un jour du congrès."
    else:
        assert field in error.value.error_dict
    assert (Order.objects.count(), CheckIn.objects.count()) == (0, 0)


def test_walk_in_is_in_the_persons_data_export(edition, volunteer, tariff, today):
    person = UserFactory(email="zoe@example.org")
    walk_in(edition, volunteer, tariff, today, email="zoe@example.org",
            organisation_name="Secours populaire")  # fmt: skip
    [row] = privacy.export(person)["registrations"]
    assert (row["organisation"], row["tariff"]) == ("Secours populaire", "Association")
