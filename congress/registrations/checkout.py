"""Card payment of an order: Stripe Checkout, and the webhook events that confirm or expire it."""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.payments import card
from congress.payments.models import StripeEvent
from congress.registrations.models import Order, OrderState, PaymentMethod
from congress.registrations.permissions import can_cancel_order
from congress.registrations.seats import lock_congress, places_left
from congress.registrations.services import _order_confirm, order_expire

logger = logging.getLogger(__name__)


def order_start_checkout(*, order: Order, by: User, success_url: str, cancel_url: str) -> str:
    """Open (or reopen) the Stripe Checkout page of an unpaid card order; returns its URL."""
    import stripe

    if not can_cancel_order(by, order):
        raise PermissionDenied(_("Cette commande n'est pas la vôtre."))
    if order.state != OrderState.PENDING_PAYMENT or order.payment_method != PaymentMethod.CARD:
        raise ValidationError(_("Cette commande n'attend pas de paiement par carte."))
    if not card.card_payment_available():
        raise ValidationError(card.card_unavailable_reason())
    now = timezone.now()
    if order.expires_at is not None and order.expires_at <= now:
        order_expire(order=order)
        raise ValidationError(
            _("Le délai de paiement de cette commande est dépassé : ses places sont libérées.")
        )
    # The order holds its places exactly as long as Stripe accepts its payment.
    expires_at = max(
        order.expires_at or now, now + timedelta(seconds=card.CHECKOUT_MIN_OPEN_SECONDS)
    ).replace(microsecond=0)
    try:
        previous = order.stripe_checkout_session_id
        if previous:
            session = card.retrieve_checkout_session(previous)
            if session.status == "open":
                return session.url
            if session.status == "complete":
                # Paid, the webhook is late: confirm now rather than open a second payment.
                order_confirm_card_payment(session_id=previous)
                return success_url
        session = card.create_checkout_session(
            order=order,
            success_url=success_url,
            cancel_url=cancel_url,
            attempt=previous or "1",
            expires_at=int(expires_at.timestamp()),
        )
    except stripe.StripeError:
        logger.exception("Stripe checkout failed for order %s", order.pk)
        raise ValidationError(
            _("Le paiement par carte est momentanément indisponible. Réessayez dans un instant.")
        ) from None
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.state != OrderState.PENDING_PAYMENT:
            raise ValidationError(_("Cette commande n'attend plus de paiement."))
        locked.stripe_checkout_session_id = session.id
        locked.expires_at = expires_at
        locked.save(update_fields=["stripe_checkout_session_id", "expires_at"])
    return session.url


def stripe_event_process(*, event) -> str:
    """Handle one verified webhook event, at most once. Returns what was done (for logs)."""
    with transaction.atomic():
        created = StripeEvent.objects.get_or_create(
            event_id=event["id"], defaults={"type": event["type"]}
        )[1]
        if not created:
            return "duplicate"
        obj = event["data"]["object"]
        if event["type"] in (
            "checkout.session.completed",
            "checkout.session.async_payment_succeeded",
        ):
            return order_confirm_card_payment(session_id=obj["id"])
        if event["type"] == "checkout.session.expired":
            return order_checkout_expired(session_id=obj["id"])
        return "ignored"


def order_confirm_card_payment(*, session_id: str) -> str:
    """Confirm a card order from Stripe's own record of the session (never from the event)."""
    with transaction.atomic():
        if not Order.objects.filter(stripe_checkout_session_id=session_id).exists():
            return "unknown session"
        session = card.retrieve_checkout_session(session_id)
        order = Order.objects.select_for_update().get(stripe_checkout_session_id=session_id)
        if session.status != "complete" or session.payment_status != "paid":
            return "not paid"
        if (
            order.state in (OrderState.PAID, OrderState.CANCELLED)
            and order.stripe_payment_intent_id
        ):
            return "already processed"
        if session.amount_total != int(order.total * 100) or session.currency != "eur":
            logger.error("Amount mismatch for order %s (session %s)", order.pk, session_id)
            return "amount mismatch"
        order.stripe_payment_intent_id = session.payment_intent
        if order.state in (OrderState.EXPIRED, OrderState.CANCELLED):
            # Paid after its places were released: take them again if still free, else refund.
            congress = lock_congress(order.congress_id)
            registrations = list(order.registrations.all())
            tariff = registrations[0].tariff
            left = places_left(congress, tariff=tariff)
            if left is not None and left < len(registrations):
                order.save(update_fields=["stripe_payment_intent_id"])
                refund = card.refund_payment(order=order)
                order.stripe_refund_id = refund.id
                order.refunded_at = timezone.now()
                order.save(update_fields=["stripe_refund_id", "refunded_at"])
                return "late payment refunded"
            order.cancelled_at = None
            order.save(update_fields=["cancelled_at"])
        _order_confirm(order, OrderState.PAID)
        return "paid"


def order_checkout_expired(*, session_id: str) -> str:
    with transaction.atomic():
        if not Order.objects.filter(stripe_checkout_session_id=session_id).exists():
            return "unknown session"
        session = card.retrieve_checkout_session(session_id)
        if session.status != "expired":
            return "session not expired"
        order = Order.objects.select_for_update().get(stripe_checkout_session_id=session_id)
        if order.state != OrderState.PENDING_PAYMENT:
            return "nothing to do"
        order_expire(order=order)
        return "expired"
