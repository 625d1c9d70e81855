"""Stripe, the only payment provider: a configured client and the calls the services make.

Nothing here writes to the database; `congress.services` decides what a payment means.
"""

import json

import stripe
from django.conf import settings
from django.utils.translation import gettext as _


def card_payment_available() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def card_unavailable_reason() -> str:
    return _(
        "Le paiement par carte n'est pas disponible sur ce site (paiement en ligne non "
        "configuré). Les organismes publics peuvent payer sur facture ; sinon contactez "
        "l'organisation du congrès."
    )


def checkout_origin() -> str:
    """Where Checkout pages live (the local fake's address in tests)."""
    if settings.STRIPE_API_BASE:
        return settings.STRIPE_API_BASE.rstrip("/")
    return "https://checkout.stripe.com"


def client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
    )


# Stripe keeps a Checkout Session open at least this long (its `expires_at` minimum), plus a
# minute for the request's own time and clock drift.
CHECKOUT_MIN_OPEN_SECONDS = 31 * 60


def create_checkout_session(
    *, order, success_url: str, cancel_url: str, attempt: int, expires_at: int
):
    lines = {}
    for registration in order.registrations.all():
        key = (registration.tariff.name, registration.price)
        lines[key] = lines.get(key, 0) + 1
    params = {
        "mode": "payment",
        "client_reference_id": str(order.pk),
        "customer_email": order.placed_by.email,
        "line_items": [
            {
                "quantity": quantity,
                "price_data": {
                    "currency": "eur",
                    "unit_amount": int(price * 100),
                    "product_data": {"name": f"{order.congress.name} – {name}"},
                },
            }
            for (name, price), quantity in lines.items()
        ],
        "metadata": {"order": str(order.pk), "congress": order.congress.slug},
        "payment_intent_data": {"metadata": {"order": str(order.pk)}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": expires_at,
        "locale": "fr",
    }
    return client().v1.checkout.sessions.create(
        params=params, options={"idempotency_key": f"order-{order.pk}-checkout-{attempt}"}
    )


def retrieve_checkout_session(session_id: str):
    return client().v1.checkout.sessions.retrieve(session_id)


def refund_payment(*, order) -> stripe.Refund:
    return client().v1.refunds.create(
        params={
            "payment_intent": order.stripe_payment_intent_id,
            "reason": "requested_by_customer",
            "metadata": {"order": str(order.pk)},
        },
        options={"idempotency_key": f"order-{order.pk}-refund"},
    )


def construct_event(payload: bytes, signature: str):
    """Verify `Stripe-Signature` and the event's shape (an object with an `id`, a `type` and
    `data.object` holding an `id`); raises stripe.SignatureVerificationError or ValueError."""
    text = payload.decode("utf-8")  # UnicodeDecodeError is a ValueError
    secret = settings.STRIPE_WEBHOOK_SECRET
    stripe.WebhookSignature.verify_header(text, signature, secret, stripe.Webhook.DEFAULT_TOLERANCE)
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a Stripe event: a JSON object is expected")
    obj = data.get("data", {}).get("object") if isinstance(data.get("data"), dict) else None
    if not (
        isinstance(data.get("id"), str)
        and isinstance(data.get("type"), str)
        and isinstance(obj, dict)
        and isinstance(obj.get("id"), str)
    ):
        raise ValueError("not a Stripe event: id, type and data.object.id are required")
    return stripe.Webhook.construct_event(text, signature, secret)
