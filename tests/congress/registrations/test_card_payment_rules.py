"""Rules of the card payment that the other Stripe tests left unproven (issue 19, mutants of
congress/registrations/checkout.py): the delayed payment methods, a late payment when exactly
enough places are left, an order cancelled before its payment arrived, the refund's time."""

import logging

import pytest

from congress.payments.models import StripeEvent
from congress.registrations import checkout, seats, services
from congress.registrations.models import Order, OrderState, RegistrationStatus, Tariff
from tests.congress.registrations.conftest import delegate
from tests.congress.registrations.test_stripe import post_event
from tests.fakes.stripe_server import make_event

pytestmark = pytest.mark.django_db


def _statuses(order):
    return sorted(order.registrations.values_list("status", flat=True))


def test_a_delayed_card_payment_that_succeeds_later_confirms_the_order(
    client, card_order, stripe_settings
):
    """Some payment methods settle after the session completes: Stripe then sends
    `checkout.session.async_payment_succeeded`, which confirms the order like a completed one."""
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)

    response = post_event(client, make_event("checkout.session.async_payment_succeeded", session))

    assert (response.status_code, response.content) == (200, b"paid")
    card_order.refresh_from_db()
    assert (card_order.state, card_order.stripe_payment_intent_id) == (
        OrderState.PAID,
        session["payment_intent"],
    )


def test_a_late_payment_takes_the_places_back_when_exactly_enough_are_left(
    client, card_order, stripe_settings, edition, tariffs, ccas_manager
):
    """Expired, then paid: 2 people on the order, 2 places left: the order gets them (no
    refund)."""
    services.order_expire(order=card_order)
    services.order_create(  # 8 of the 10 places go to someone else meanwhile
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(n) for n in range(10, 18)],
    )
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)

    response = post_event(client, make_event("checkout.session.completed", session))

    assert response.content == b"paid"
    card_order.refresh_from_db()
    assert (card_order.state, card_order.stripe_refund_id) == (OrderState.PAID, None)
    assert _statuses(card_order) == [RegistrationStatus.CONFIRMED] * 2
    assert stripe_settings.refunds == {}
    assert seats.places_left(edition) == 0


def test_an_order_cancelled_before_its_payment_arrived_is_confirmed_and_no_longer_cancelled(
    client, card_order, stripe_settings, association_manager, edition
):
    """The manager cancels the unpaid order while Stripe is still taking the payment: the places
    are free, so the payment confirms the order again, and it no longer reads as cancelled."""
    services.order_cancel(order=card_order, by=association_manager)
    assert Order.objects.get(pk=card_order.pk).cancelled_at is not None
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)

    response = post_event(client, make_event("checkout.session.completed", session))

    assert response.content == b"paid"
    card_order.refresh_from_db()
    assert (card_order.state, card_order.cancelled_at) == (OrderState.PAID, None)
    assert _statuses(card_order) == [RegistrationStatus.CONFIRMED] * 2
    assert seats.places_left(edition) == 8


def test_a_late_payment_refunded_records_when(
    client, card_order, stripe_settings, edition, tariffs, ccas_manager
):
    """The places are gone: the refund is made and its time recorded (the order page and the
    accounts show it)."""
    services.order_expire(order=card_order)
    services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(n) for n in range(10, 20)],
    )
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)

    response = post_event(client, make_event("checkout.session.completed", session))

    assert response.content == b"late payment refunded"
    card_order.refresh_from_db()
    assert card_order.stripe_refund_id in stripe_settings.refunds
    assert card_order.refunded_at is not None
    assert card_order.stripe_payment_intent_id == session["payment_intent"]


def test_a_completed_session_whose_payment_is_still_pending_confirms_nothing(
    client, card_order, stripe_settings
):
    """A delayed payment method: the session is complete, Stripe has not been paid yet
    (`payment_status="unpaid"`): the order stays unpaid until the money is there."""
    session_id = card_order.stripe_checkout_session_id
    stripe_settings.complete_session(session_id)
    stripe_settings.sessions[session_id]["payment_status"] = "unpaid"

    response = post_event(
        client, make_event("checkout.session.completed", stripe_settings.sessions[session_id])
    )

    assert response.content == b"not paid"
    card_order.refresh_from_db()
    assert (card_order.state, card_order.stripe_payment_intent_id) == (
        OrderState.PENDING_PAYMENT,
        None,
    )
    assert _statuses(card_order) == [RegistrationStatus.PENDING] * 2


def test_a_late_payment_is_refunded_when_its_tariffs_quota_is_gone(
    client, edition, tariffs, association_manager, stripe_settings
):
    """Expired, then paid: the edition still has places, but the order's tariff has none left
    (its quota is what counts too): the payment is refunded."""
    order = services.order_create(
        congress=edition,
        by=association_manager,
        organisation=association_manager.memberships.get().organisation,
        tariff=tariffs["association"],
        delegates=[delegate(1)],
    )
    checkout.order_start_checkout(
        order=order, by=association_manager, success_url="http://t/ok", cancel_url="http://t/ko"
    )
    order.refresh_from_db()
    services.order_expire(order=order)
    Tariff.objects.filter(pk=tariffs["association"].pk).update(quota=0)
    session = stripe_settings.complete_session(order.stripe_checkout_session_id)

    response = post_event(client, make_event("checkout.session.completed", session))

    assert response.content == b"late payment refunded"
    order.refresh_from_db()
    assert order.state == OrderState.EXPIRED
    assert order.stripe_refund_id in stripe_settings.refunds
    assert seats.places_left(edition) == 10


def test_an_amount_mismatch_is_logged_with_the_order_and_the_session(
    client, card_order, stripe_settings, caplog
):
    """Someone must look at a payment that does not match its order: the error names both."""
    session_id = card_order.stripe_checkout_session_id
    stripe_settings.complete_session(session_id)
    stripe_settings.sessions[session_id]["amount_total"] = 100

    with caplog.at_level(logging.ERROR, logger="congress.registrations.checkout"):
        post_event(
            client, make_event("checkout.session.completed", stripe_settings.sessions[session_id])
        )

    assert [r.getMessage() for r in caplog.records if r.name.endswith(".checkout")] == [
        f"Amount mismatch for order {card_order.pk} (session {session_id})"
    ]


def test_each_webhook_event_is_recorded_with_its_type(client, card_order, stripe_settings):
    """The events handled are kept with their type (what Stripe said, for the accounts)."""
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    event = make_event("checkout.session.completed", session)

    post_event(client, event)

    assert list(StripeEvent.objects.values_list("event_id", "type")) == [
        (event["id"], "checkout.session.completed")
    ]


def test_paying_an_order_past_its_delay_expires_it_and_says_why(
    edition, tariffs, association_manager, stripe_settings
):
    """The payment delay is over when the manager comes back to pay: no Stripe page is opened,
    the places are released and the message says so."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.utils import timezone

    from tests.factories import UserFactory

    order = services.order_create(
        congress=edition,
        by=association_manager,
        organisation=association_manager.memberships.get().organisation,
        tariff=tariffs["association"],
        delegates=[delegate(1)],
    )
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now())
    order.refresh_from_db()

    with pytest.raises(PermissionDenied) as stranger:
        checkout.order_start_checkout(
            order=order, by=UserFactory(), success_url="http://t/ok", cancel_url="http://t/ko"
        )
    with pytest.raises(ValidationError) as late:
        checkout.order_start_checkout(
            order=order, by=association_manager, success_url="http://t/ok", cancel_url="http://t/ko"
        )

    assert str(stranger.value) == "Cette commande n'est pas la vôtre."
    assert late.value.messages == [
        "Le délai de paiement de cette commande est dépassé\u202f: ses places sont libérées."
    ]
    order.refresh_from_db()
    assert order.state == OrderState.EXPIRED
    assert _statuses(order) == [RegistrationStatus.EXPIRED]
    assert stripe_settings.find_requests("POST", "/v1/checkout/sessions") == []
    assert seats.places_left(edition) == 10
