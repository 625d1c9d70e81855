"""Rules of `order_create` (mutation testing, issue 19): the exact refusals when places run out
or an unpaid card order already holds some, the moment the order is placed, what is written
with it (consents, audit entry, e-mails) and the edition's lock logged at the commit."""

import logging
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress.accounts.models import Consent, ConsentKind
from congress.accounts.services import CONSENT_WORDING
from congress.audit.models import AuditEntry
from congress.registrations import seats, services
from congress.registrations.models import Order, OrderState, PaymentMethod
from tests.congress.registrations.conftest import delegate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The French catalogue puts a narrow no-break space before the colon.
WAITLIST = "\u202f: vous pouvez vous inscrire sur la liste d'attente."


def org_of(user):
    return user.memberships.get().organisation


def place(edition, manager, tariff, *delegates, **extra):
    return services.order_create(
        congress=edition,
        by=manager,
        organisation=org_of(manager),
        tariff=tariff,
        delegates=list(delegates),
        **extra,
    )


# --- Places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        (2, "Il ne reste plus de place" + WAITLIST),
        (3, "Il ne reste que 1 place" + WAITLIST),
        (4, "Il ne reste que 2 places" + WAITLIST),
    ],
)
def test_an_order_larger_than_the_places_left_is_refused_with_the_places_left(
    edition, tariffs, association_manager, ccas_manager, capacity, message
):
    edition.capacity = capacity
    edition.save()
    place(edition, ccas_manager, tariffs["public"], delegate(1), delegate(2))

    with pytest.raises(seats.PlacesUnavailable) as full:
        place(
            edition,
            association_manager,
            tariffs["association"],
            delegate(3),
            delegate(4),
            delegate(5),
            payment_method=PaymentMethod.TRANSFER,
        )

    assert full.value.messages == [message]
    assert full.value.code == "full"
    assert Order.objects.count() == 1


def test_an_order_of_exactly_the_places_left_is_accepted(
    edition, tariffs, association_manager, ccas_manager
):
    edition.capacity = 4
    edition.save()
    place(edition, ccas_manager, tariffs["public"], delegate(1), delegate(2))

    order = place(
        edition,
        association_manager,
        tariffs["association"],
        delegate(3),
        delegate(4),
        payment_method=PaymentMethod.TRANSFER,
    )

    assert order.registrations.count() == 2
    assert seats.places_left(edition) == 0


# --- A second unpaid card order ---------------------------------------------------------------


def test_a_second_unpaid_card_order_is_refused_naming_the_first_and_its_page(
    edition, tariffs, association_manager, stripe_settings
):
    first = place(edition, association_manager, tariffs["association"], delegate(1))
    assert first.payment_method == PaymentMethod.CARD

    with pytest.raises(ValidationError) as refused:
        place(edition, association_manager, tariffs["association"], delegate(2))

    assert refused.value.messages == [
        f"La commande {first.reference} attend déjà son paiement\u202f: payez-la ou annulez-la "
        f"({first.get_absolute_url()}) avant d'en passer une autre."
    ]
    assert refused.value.code == "pending_order"
    assert Order.objects.count() == 1


def test_a_person_alone_holds_one_unpaid_card_order_even_after_changing_address(
    edition, tariffs, stripe_settings
):
    # Another person alone with an unpaid card order blocks nobody else.
    other = UserFactory(full_name="Gaston Autre-Personne", email="gaston@example.org")
    services.order_create(congress=edition, by=other, tariff=tariffs["individual"], delegates=[{}])
    person = UserFactory(full_name="Odile Seule-Inscrite", email="odile@example.org")
    first = services.order_create(
        congress=edition, by=person, tariff=tariffs["individual"], delegates=[{}]
    )
    # A new address is no new person: her unpaid order still holds a place.
    person.email = "odile.nouvelle@example.org"
    person.save()

    with pytest.raises(ValidationError) as refused:
        services.order_create(
            congress=edition, by=person, tariff=tariffs["individual"], delegates=[{}]
        )

    assert refused.value.code == "pending_order"
    assert first.reference in refused.value.messages[0]
    assert Order.objects.filter(placed_by=person).count() == 1


def test_a_cancelled_unpaid_card_order_no_longer_blocks_a_new_one(
    edition, tariffs, association_manager, stripe_settings
):
    first = place(edition, association_manager, tariffs["association"], delegate(1))
    services.order_cancel(order=first, by=association_manager)

    second = place(edition, association_manager, tariffs["association"], delegate(2))

    assert second.state == OrderState.PENDING_PAYMENT


def test_an_unpaid_card_order_past_its_delay_no_longer_blocks_even_before_the_sweep(
    edition, tariffs, association_manager, stripe_settings
):
    first = place(edition, association_manager, tariffs["association"], delegate(1))
    Order.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    second = place(edition, association_manager, tariffs["association"], delegate(2))

    assert second.state == OrderState.PENDING_PAYMENT
    assert Order.objects.get(pk=first.pk).state == OrderState.PENDING_PAYMENT  # not swept


def test_an_unpaid_card_order_for_an_organisation_does_not_block_its_manager_alone(
    edition, tariffs, association_manager, stripe_settings
):
    place(edition, association_manager, tariffs["association"], delegate(1))

    alone = services.order_create(
        congress=edition, by=association_manager, tariff=tariffs["individual"], delegates=[{}]
    )

    assert (alone.organisation, alone.state) == (None, OrderState.PENDING_PAYMENT)


def test_an_unpaid_card_order_of_a_person_alone_does_not_block_her_organisation(
    edition, tariffs, association_manager, stripe_settings
):
    services.order_create(
        congress=edition, by=association_manager, tariff=tariffs["individual"], delegates=[{}]
    )

    order = place(edition, association_manager, tariffs["association"], delegate(1))

    assert (order.organisation, order.state) == (
        org_of(association_manager),
        OrderState.PENDING_PAYMENT,
    )


# --- The moment the order is placed (the demo seed) -------------------------------------------


def test_an_order_placed_at_a_past_moment_is_checked_and_dated_at_that_moment(
    edition, tariffs, association_manager
):
    at = timezone.now() - timedelta(days=2)
    edition.registration_opens_at = at - timedelta(days=5)
    edition.registration_closes_at = at + timedelta(days=1)  # closed today, open then
    edition.save()
    tariffs["association"].sale_starts_at = None
    tariffs["association"].sale_ends_at = None

    order = place(
        edition,
        association_manager,
        tariffs["association"],
        delegate(1),
        payment_method=PaymentMethod.TRANSFER,
        now=at,
    )

    order.refresh_from_db()
    assert order.created_at == at
    assert not AuditEntry.objects.filter(action="order.late_registration").exists()


def test_a_card_order_placed_at_a_given_moment_expires_after_the_payment_delay(
    edition, tariffs, association_manager, stripe_settings
):
    at = timezone.now() - timedelta(minutes=3)

    order = place(edition, association_manager, tariffs["association"], delegate(1), now=at)

    order.refresh_from_db()
    assert order.created_at == at
    assert order.expires_at == at + timedelta(minutes=settings.ORDER_PAYMENT_DELAY_MINUTES)


# --- What is written with the order -----------------------------------------------------------


def test_an_order_without_service_code_nor_engagement_number_stores_them_empty(
    edition, tariffs, ccas_manager
):
    order = place(edition, ccas_manager, tariffs["public"], delegate(1))

    order.refresh_from_db()
    assert (order.code_service, order.engagement_number) == ("", "")
    assert order.invoices.get().buyer["code_service"] == ""


def test_the_photo_consent_of_each_delegate_is_recorded_with_the_order(
    edition, tariffs, ccas_manager
):
    account = UserFactory(
        full_name="Délégué·e Un", email="delegue1@example.org", email_confirmed_at=timezone.now()
    )

    order = place(
        edition,
        ccas_manager,
        tariffs["public"],
        delegate(1, photo_consent=True),
        delegate(2, photo_consent=False),
    )

    rows = list(
        Consent.objects.filter(kind=ConsentKind.PHOTO)
        .order_by("email")
        .values_list("email", "given", "user", "congress", "source", "recorded_by", "wording")
    )
    wording = str(CONSENT_WORDING[ConsentKind.PHOTO])
    source = f"order:{order.pk}"
    assert rows == [
        ("delegue1@example.org", True, account.pk, edition.pk, source, ccas_manager.pk, wording),
        ("delegue2@example.org", False, None, edition.pk, source, ccas_manager.pk, wording),
    ]


def test_the_sharing_of_declared_needs_is_recorded_with_who_and_where(
    edition, tariffs, ccas_manager
):
    account = UserFactory(
        full_name="Délégué·e Un", email="delegue1@example.org", email_confirmed_at=timezone.now()
    )

    order = place(
        edition, ccas_manager, tariffs["public"], delegate(1, needs_lsf=True, needs_shared=False)
    )

    rows = list(
        Consent.objects.filter(kind=ConsentKind.ACCESSIBILITY_DATA).values_list(
            "email", "given", "user", "congress", "source", "recorded_by"
        )
    )
    assert rows == [
        (
            "delegue1@example.org",
            False,
            account.pk,
            edition.pk,
            f"order:{order.pk}",
            ccas_manager.pk,
        )
    ]


def test_a_late_registration_is_audited_at_its_edition(
    edition, tariffs, association_manager, organiser
):
    edition.registration_closes_at = timezone.now() - timedelta(minutes=1)
    edition.save()
    organiser.email_confirmed_at = timezone.now()
    organiser.save()

    order = services.order_create(
        congress=edition,
        by=organiser,
        organisation=org_of(association_manager),
        tariff=tariffs["association"],
        delegates=[delegate(1), delegate(2)],
    )

    entry = AuditEntry.objects.get(action="order.late_registration")
    assert (entry.congress, entry.actor, entry.target_id) == (edition, organiser, str(order.pk))
    assert entry.details == {"phase": "closed", "delegates": 2}


def test_an_order_paid_on_site_mails_how_to_pay(
    edition, tariffs, association_manager, django_capture_on_commit_callbacks
):
    edition.accepts_on_site = True
    edition.refund_terms = "Remboursement intégral jusqu'au 1er mars, ensuite plus rien."
    edition.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order = place(
            edition,
            association_manager,
            tariffs["association"],
            delegate(1),
            payment_method=PaymentMethod.ON_SITE,
        )

    assert order.state == OrderState.AWAITING_ON_SITE
    sent = [m for m in mail.outbox if m.to == [association_manager.email]]
    assert [m.subject for m in sent] == [f"Commande {order.reference}\u202f: à régler sur place"]
    # The cancellation terms come from the edition's registration window.
    assert "Remboursement intégral jusqu'au 1er mars, ensuite plus rien." in sent[0].body


def test_an_order_on_invoice_mails_no_payment_instructions(
    edition, tariffs, ccas_manager, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order = place(edition, ccas_manager, tariffs["public"], delegate(1))

    assert order.state == OrderState.AWAITING_MANDATE
    assert [m for m in mail.outbox if m.to == [ccas_manager.email]] == []


def test_a_card_order_mails_nothing_before_it_is_paid(
    edition, tariffs, association_manager, stripe_settings, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order = place(edition, association_manager, tariffs["association"], delegate(1))

    assert order.state == OrderState.PENDING_PAYMENT
    assert mail.outbox == []


def test_the_time_the_edition_lock_is_held_is_logged_at_the_commit(
    edition, tariffs, association_manager, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG, logger="congress.registrations.lock")

    with django_capture_on_commit_callbacks(execute=True):
        order = place(
            edition,
            association_manager,
            tariffs["association"],
            delegate(1),
            payment_method=PaymentMethod.TRANSFER,
        )

    held = [r.getMessage() for r in caplog.records if r.name == "congress.registrations.lock"]
    assert len(held) == 1
    assert re.fullmatch(rf"edition lock held \d+\.\d\d ms \(order {order.pk}\)", held[0])


def test_a_free_order_is_confirmed_at_once(edition, tariffs, association_manager):
    tariffs["association"].price = Decimal("0.00")
    tariffs["association"].save()
    before = timezone.now()

    order = place(edition, association_manager, tariffs["association"], delegate(1))

    order.refresh_from_db()
    assert (order.state, order.expires_at) == (OrderState.FREE, None)
    assert before <= order.confirmed_at <= timezone.now()
    assert list(order.registrations.values_list("status", flat=True)) == ["confirmed"]
