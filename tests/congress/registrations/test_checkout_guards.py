"""Guards of the card payment: each test fails when its guard is removed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congress.payments import card
from congress.registrations import checkout, seats, services
from congress.registrations.models import Order, OrderState, RegistrationStatus
from tests.congress.registrations.conftest import delegate
from tests.congress.registrations.test_stripe import post_event
from tests.factories import UserFactory
from tests.fakes.stripe_server import make_event

pytestmark = pytest.mark.django_db


def order_row(order):
    order = Order.objects.get(pk=order.pk)
    return (
        order.state,
        order.stripe_checkout_session_id,
        order.stripe_payment_intent_id,
        order.stripe_refund_id,
        sorted(order.registrations.values_list("status", flat=True)),
    )


def start(order, by):
    return checkout.order_start_checkout(
        order=order, by=by, success_url="http://t/ok", cancel_url="http://t/ko"
    )


@pytest.fixture
def unpaid_order(edition, tariffs, association_manager, stripe_settings):
    return services.order_create(
        congress=edition,
        by=association_manager,
        organisation=association_manager.memberships.get().organisation,
        tariff=tariffs["association"],
        delegates=[delegate(1)],
    )


def test_webhook_amount_mismatch_leaves_the_order_unpaid(client, card_order, stripe_settings):
    session_id = card_order.stripe_checkout_session_id
    stripe_settings.complete_session(session_id)
    stripe_settings.sessions[session_id]["amount_total"] = 100  # Stripe took 1 €, not 120 €
    before = order_row(card_order)
    response = post_event(
        client, make_event("checkout.session.completed", stripe_settings.sessions[session_id])
    )
    assert (response.status_code, response.content) == (200, b"amount mismatch")
    assert order_row(card_order) == before


def test_webhook_currency_mismatch_leaves_the_order_unpaid(client, card_order, stripe_settings):
    session_id = card_order.stripe_checkout_session_id
    stripe_settings.complete_session(session_id)
    stripe_settings.sessions[session_id]["currency"] = "usd"
    before = order_row(card_order)
    response = post_event(
        client, make_event("checkout.session.completed", stripe_settings.sessions[session_id])
    )
    assert (response.status_code, response.content) == (200, b"amount mismatch")
    assert order_row(card_order) == before


def test_late_payment_after_expiry_is_refunded_when_the_places_are_gone(
    client, card_order, stripe_settings, edition, tariffs, ccas_manager
):
    services.order_expire(order=card_order)
    services.order_create(  # 9 of the 10 places go to someone else meanwhile
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(n) for n in range(10, 19)],
    )
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    response = post_event(client, make_event("checkout.session.completed", session))
    assert (response.status_code, response.content) == (200, b"late payment refunded")
    card_order.refresh_from_db()
    refund = stripe_settings.refunds[card_order.stripe_refund_id]
    assert (refund["payment_intent"], refund["amount"]) == (session["payment_intent"], 12000)
    assert card_order.state == OrderState.EXPIRED
    assert sorted(card_order.registrations.values_list("status", flat=True)) == [
        RegistrationStatus.EXPIRED,
        RegistrationStatus.EXPIRED,
    ]
    assert seats.places_left(edition) == 1


def test_checkout_creation_failing_gives_a_clear_message_and_changes_nothing(
    unpaid_order, association_manager, stripe_settings
):
    before = order_row(unpaid_order)
    stripe_settings.fail_next(500)
    with pytest.raises(ValidationError) as error:
        start(unpaid_order, association_manager)
    assert error.value.messages == [
        "Le paiement par carte est momentanément indisponible. Réessayez dans un instant."
    ]
    assert order_row(unpaid_order) == before


def test_checkout_of_an_order_cancelled_meanwhile_is_not_recorded(
    unpaid_order, association_manager, stripe_settings, monkeypatch
):
    real_create = card.create_checkout_session

    def create_while_the_order_is_cancelled(**kwargs):
        session = real_create(**kwargs)
        Order.objects.filter(pk=unpaid_order.pk).update(state=OrderState.CANCELLED)
        return session

    monkeypatch.setattr(card, "create_checkout_session", create_while_the_order_is_cancelled)
    with pytest.raises(ValidationError) as error:
        start(unpaid_order, association_manager)
    assert error.value.messages == ["Cette commande n'attend plus de paiement."]
    assert Order.objects.get(pk=unpaid_order.pk).stripe_checkout_session_id is None


def test_checkout_of_someone_elses_order_is_refused(unpaid_order, stripe_settings):
    before = order_row(unpaid_order)
    with pytest.raises(PermissionDenied):
        start(unpaid_order, UserFactory())
    assert order_row(unpaid_order) == before
    assert stripe_settings.find_requests("POST", "/v1/checkout/sessions") == []


def test_checkout_of_a_confirmed_order_is_refused(
    unpaid_order, association_manager, stripe_settings
):
    Order.objects.filter(pk=unpaid_order.pk).update(state=OrderState.PAID)
    unpaid_order.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        start(unpaid_order, association_manager)
    assert error.value.messages == ["Cette commande n'attend pas de paiement par carte."]
    assert stripe_settings.find_requests("POST", "/v1/checkout/sessions") == []


def test_checkout_without_stripe_configured_is_refused(
    unpaid_order, association_manager, stripe_settings, settings
):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(ValidationError) as error:
        start(unpaid_order, association_manager)
    assert error.value.messages == [card.card_unavailable_reason()]
    assert stripe_settings.find_requests("POST", "/v1/checkout/sessions") == []


def test_webhook_of_another_type_is_ignored(client, card_order, stripe_settings):
    before = order_row(card_order)
    event = make_event("payment_intent.created", {"id": "pi_1", "object": "payment_intent"})
    response = post_event(client, event)
    assert (response.status_code, response.content) == (200, b"ignored")
    assert order_row(card_order) == before


def test_expired_session_of_a_cancelled_order_changes_nothing(
    client, card_order, stripe_settings, association_manager
):
    services.order_cancel(order=card_order, by=association_manager)
    before = order_row(card_order)
    session = stripe_settings.expire_session(card_order.stripe_checkout_session_id)
    response = post_event(client, make_event("checkout.session.expired", session))
    assert (response.status_code, response.content) == (200, b"nothing to do")
    assert order_row(card_order) == before


def test_expired_event_of_an_unknown_session_changes_nothing(client, card_order, stripe_settings):
    before = order_row(card_order)
    event = make_event("checkout.session.expired", {"id": "cs_unknown", "object": "x"})
    response = post_event(client, event)
    assert (response.status_code, response.content) == (200, b"unknown session")
    assert order_row(card_order) == before
