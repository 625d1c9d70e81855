"""Card payments: the real `stripe` library against the local fake, webhooks signed like Stripe."""

import json
import time

import pytest
from django.urls import reverse

from congress.payments.models import StripeEvent
from congress.registrations import checkout, seats, services
from congress.registrations.models import Order, OrderState, RegistrationStatus
from tests.conftest import STRIPE_TEST_WEBHOOK_SECRET
from tests.fakes.stripe_server import make_event, signed_webhook

pytestmark = pytest.mark.django_db

URL = "/payments/stripe/webhook/"


def post_event(client, event, *, secret=STRIPE_TEST_WEBHOOK_SECRET, timestamp=None):
    payload, header = signed_webhook(event, secret, timestamp=timestamp)
    return client.post(URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def test_checkout_session_is_created_with_idempotency_key_and_amount(card_order, stripe_settings):
    session = stripe_settings.sessions[card_order.stripe_checkout_session_id]
    assert (session["amount_total"], session["currency"]) == (12000, "eur")
    assert session["client_reference_id"] == str(card_order.pk)
    request = stripe_settings.find_requests("POST", "/v1/checkout/sessions")[0]
    assert request.headers["Idempotency-Key"] == f"order-{card_order.pk}-checkout-1"
    assert card_order.state == OrderState.PENDING_PAYMENT


def test_reopening_checkout_reuses_the_open_session(
    card_order, association_manager, stripe_settings
):
    url = checkout.order_start_checkout(
        order=card_order,
        by=association_manager,
        success_url="http://t/ok",
        cancel_url="http://t/ko",
    )
    assert url == f"{stripe_settings.url}/pay/{card_order.stripe_checkout_session_id}"
    assert len(stripe_settings.find_requests("POST", "/v1/checkout/sessions")) == 1


def test_valid_webhook_marks_order_paid_once(
    client, card_order, stripe_settings, django_capture_on_commit_callbacks, mailoutbox
):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    event = make_event("checkout.session.completed", session)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(client, event)
    assert (response.status_code, response.content) == (200, b"paid")
    card_order.refresh_from_db()
    assert card_order.state == OrderState.PAID
    assert card_order.stripe_payment_intent_id == session["payment_intent"]
    assert set(card_order.registrations.values_list("status", flat=True)) == {"confirmed"}
    assert len(mailoutbox) == 2
    # The session was re-read from Stripe before anything was marked paid.
    assert stripe_settings.find_requests("GET", f"/v1/checkout/sessions/{session['id']}")


def test_duplicate_event_changes_nothing(client, card_order, stripe_settings):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    event = make_event("checkout.session.completed", session)
    assert post_event(client, event).status_code == 200
    gets = len(stripe_settings.find_requests("GET"))
    response = post_event(client, event)
    assert (response.status_code, response.content) == (200, b"duplicate")
    assert len(stripe_settings.find_requests("GET")) == gets
    assert StripeEvent.objects.count() == 1


def test_second_event_for_same_payment_is_idempotent(client, card_order, stripe_settings):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    post_event(client, make_event("checkout.session.completed", session))
    response = post_event(client, make_event("checkout.session.async_payment_succeeded", session))
    assert (response.status_code, response.content) == (200, b"already processed")


def test_bad_signature_is_rejected(client, card_order, stripe_settings):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    response = post_event(
        client, make_event("checkout.session.completed", session), secret="whsec_wrong"
    )
    assert response.status_code == 400
    card_order.refresh_from_db()
    assert card_order.state == OrderState.PENDING_PAYMENT
    assert StripeEvent.objects.count() == 0


def test_stale_timestamp_is_rejected(client, card_order, stripe_settings):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    event = make_event("checkout.session.completed", session)
    response = post_event(client, event, timestamp=int(time.time()) - 3600)
    assert response.status_code == 400
    card_order.refresh_from_db()
    assert card_order.state == OrderState.PENDING_PAYMENT


def test_forged_unpaid_event_is_not_trusted(client, card_order, stripe_settings):
    # A correctly signed event whose object claims "paid" while Stripe says otherwise.
    forged = {**stripe_settings.sessions[card_order.stripe_checkout_session_id]}
    forged.update(status="complete", payment_status="paid")
    response = post_event(client, make_event("checkout.session.completed", forged))
    assert (response.status_code, response.content) == (200, b"not paid")
    card_order.refresh_from_db()
    assert card_order.state == OrderState.PENDING_PAYMENT


def test_out_of_order_expired_after_completed_changes_nothing(client, card_order, stripe_settings):
    open_copy = {**stripe_settings.sessions[card_order.stripe_checkout_session_id]}
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    post_event(client, make_event("checkout.session.completed", session))
    stale = {**open_copy, "status": "expired"}
    response = post_event(client, make_event("checkout.session.expired", stale))
    assert (response.status_code, response.content) == (200, b"session not expired")
    card_order.refresh_from_db()
    assert card_order.state == OrderState.PAID


def test_expired_session_releases_places(client, card_order, stripe_settings, edition):
    assert seats.places_left(edition) == 8
    session = stripe_settings.expire_session(card_order.stripe_checkout_session_id)
    response = post_event(client, make_event("checkout.session.expired", session))
    assert (response.status_code, response.content) == (200, b"expired")
    card_order.refresh_from_db()
    assert card_order.state == OrderState.EXPIRED
    assert seats.places_left(edition) == 10


def test_unknown_session_gets_2xx_and_changes_nothing(client, card_order, stripe_settings):
    event = make_event(
        "checkout.session.completed", {"id": "cs_test_unknown", "object": "checkout.session"}
    )
    response = post_event(client, event)
    assert (response.status_code, response.content) == (200, b"unknown session")
    assert Order.objects.filter(state=OrderState.PAID).count() == 0


def test_webhook_without_configuration_is_404(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    assert client.post(URL, b"{}", content_type="application/json").status_code == 404


def test_cancel_paid_order_refunds_once_through_stripe(
    client, card_order, stripe_settings, association_manager
):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    post_event(client, make_event("checkout.session.completed", session))
    card_order.refresh_from_db()
    services.order_cancel(order=card_order, by=association_manager)
    card_order.refresh_from_db()
    refund = stripe_settings.refunds[card_order.stripe_refund_id]
    assert (refund["amount"], refund["payment_intent"]) == (12000, session["payment_intent"])
    assert card_order.state == OrderState.CANCELLED
    assert set(card_order.registrations.values_list("status", flat=True)) == {
        RegistrationStatus.CANCELLED
    }
    request = stripe_settings.find_requests("POST", "/v1/refunds")[0]
    assert request.headers["Idempotency-Key"] == f"order-{card_order.pk}-refund"


def test_refund_failure_cancels_nothing(client, card_order, stripe_settings, association_manager):
    from django.core.exceptions import ValidationError

    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    post_event(client, make_event("checkout.session.completed", session))
    card_order.refresh_from_db()
    stripe_settings.fail_next(500)
    with pytest.raises(ValidationError):
        services.order_cancel(order=card_order, by=association_manager)
    card_order.refresh_from_db()
    assert (card_order.state, card_order.stripe_refund_id) == (OrderState.PAID, None)


def test_late_payment_after_expiry_takes_places_back(client, card_order, stripe_settings, edition):
    services.order_expire(order=card_order)
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    response = post_event(client, make_event("checkout.session.completed", session))
    assert response.content == b"paid"
    card_order.refresh_from_db()
    assert card_order.state == OrderState.PAID
    assert seats.places_left(edition) == 8


def test_expire_orders_command_expires_unpaid_card_orders(card_order, edition):
    from django.core.management import call_command
    from django.utils import timezone

    Order.objects.filter(pk=card_order.pk).update(
        expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    call_command("expire_orders")
    card_order.refresh_from_db()
    assert card_order.state == OrderState.EXPIRED
    assert seats.places_left(edition) == 10


def test_order_page_redirects_to_stripe(
    client, edition, tariffs, association_manager, stripe_settings
):
    org = association_manager.memberships.get().organisation
    client.force_login(association_manager)
    url = (
        reverse("registration_start", kwargs={"slug": edition.slug})
        + f"?organisation={org.slug}&count=1"
    )
    response = client.post(
        url,
        {
            "tariff": tariffs["association"].pk,
            "d0-full_name": "Ana Lima",
            "d0-email": "ana@example.org",
            "d0-days": [edition.start_date.isoformat()],
            "payment_method": "card",
            "action": "confirm",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{stripe_settings.url}/pay/{order.stripe_checkout_session_id}"


def test_paying_again_after_a_paid_session_confirms_instead_of_charging_twice(
    card_order, stripe_settings, association_manager
):
    stripe_settings.complete_session(card_order.stripe_checkout_session_id)  # webhook not yet in
    url = checkout.order_start_checkout(
        order=card_order,
        by=association_manager,
        success_url="http://t/ok",
        cancel_url="http://t/ko",
    )
    card_order.refresh_from_db()
    assert (url, card_order.state) == ("http://t/ok", OrderState.PAID)
    assert len(stripe_settings.find_requests("POST", "/v1/checkout/sessions")) == 1


def test_expired_session_is_replaced_by_a_new_one(card_order, stripe_settings, association_manager):
    first = card_order.stripe_checkout_session_id
    stripe_settings.expire_session(first)
    url = checkout.order_start_checkout(
        order=card_order,
        by=association_manager,
        success_url="http://t/ok",
        cancel_url="http://t/ko",
    )
    card_order.refresh_from_db()
    assert card_order.stripe_checkout_session_id != first
    assert url == f"{stripe_settings.url}/pay/{card_order.stripe_checkout_session_id}"
    keys = [
        r.headers["Idempotency-Key"]
        for r in stripe_settings.find_requests("POST", "/v1/checkout/sessions")
    ]
    assert keys == [f"order-{card_order.pk}-checkout-1", f"order-{card_order.pk}-checkout-{first}"]


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"id": "evt_1", "type": "checkout.session.completed"},
        {"type": "checkout.session.completed", "data": {"object": {"id": "cs_1"}}},
        {"id": "evt_1", "type": "checkout.session.completed", "data": {}},
        {"id": "evt_1", "type": "checkout.session.completed", "data": {"object": {}}},
        {"id": "evt_1", "type": "checkout.session.completed", "data": {"object": []}},
    ],
    ids=["array", "no-data", "no-id", "no-object", "object-without-id", "object-is-array"],
)
def test_signed_webhook_of_the_wrong_shape_is_a_400(client, stripe_settings, body):
    from tests.fakes.stripe_server import sign_payload

    payload = json.dumps(body).encode()
    response = client.post(
        URL,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign_payload(payload, STRIPE_TEST_WEBHOOK_SECRET),
    )
    assert response.status_code == 400
    assert "contenu mal formé" in response.text
    assert StripeEvent.objects.count() == 0
