"""Orders: registering delegates under the edition's lock, confirming, cancelling, expiring,
recording payments received outside Stripe."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import ConsentKind, User
from congress.accounts.services import consent_record
from congress.audit.services import audit_record
from congress.core import mail, pagecache
from congress.core.models import IdempotencyRecord
from congress.editions.cached import live_scope
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.organisations.models import Organisation
from congress.payments import card
from congress.payments.models import InvoiceKind
from congress.payments.services import credit_note_issue, invoice_issue
from congress.registrations import emails, selectors, tasks
from congress.registrations.drafts import order_check
from congress.registrations.models import (
    ACTIVE_REGISTRATION_STATUSES,
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    Tariff,
    WaitlistState,
)
from congress.registrations.order_rows import (
    ROWS_JUST_READ,
    refuse_already_registered,
    registrations_write,
)
from congress.registrations.permissions import can_cancel_order
from congress.registrations.seats import (
    _live_offer,
    lock_congress,
    refuse_when_full,
    waitlist_advance,
)

logger = logging.getLogger(__name__)
lock_logger = logging.getLogger("congress.registrations.lock")


# The state an order is confirmed in, for each way to pay but the card (paid on Stripe first).
CONFIRMING_STATES = {
    PaymentMethod.FREE: OrderState.FREE,
    PaymentMethod.INVOICE: OrderState.AWAITING_MANDATE,
    PaymentMethod.TRANSFER: OrderState.AWAITING_TRANSFER,
    PaymentMethod.ON_SITE: OrderState.AWAITING_ON_SITE,
}


def _after_capacity_check() -> None:
    """Hook between the capacity check and the write (tests widen the race window here)."""


def order_create(
    *,
    congress: Congress,
    by: User,
    tariff: Tariff,
    delegates: list[dict],
    organisation: Organisation | None = None,
    invitation_code: str = "",
    code_service: str = "",
    engagement_number: str = "",
    payment_method: str = "",
    now=None,
) -> Order:
    """Register delegates in one order, taking their places under the edition's lock.

    Outside the registration window only the edition's organisers may register (late
    registration), and the audit log keeps it. `now`: see `order_check` (the demo seed only)."""
    with transaction.atomic():
        now = now or timezone.now()
        draft = order_check(
            congress=congress,
            by=by,
            tariff=tariff,
            delegates=delegates,
            organisation=organisation,
            invitation_code=invitation_code,
            payment_method=payment_method,
            code_service=code_service,
            engagement_number=engagement_number,
            now=now,
        )
        delegates, method, total, window = draft.delegates, draft.method, draft.total, draft.window
        emails_seen = {delegate["email"] for delegate in delegates}
        # Logged first thing after the commit (before the e-mails registered below are sent).
        lock = {}
        transaction.on_commit(lambda: _log_lock_held(lock))
        refuse_already_registered(congress, emails_seen)
        # Refused before anything is written when the places are already gone (issue 18): in
        # a rush most attempts come after the last place is taken, and each would otherwise
        # write its order and delegates only to undo them under the lock. Counted without the
        # lock: a place being taken at this moment is not seen yet, and the count under the
        # lock below decides.
        refuse_when_full(
            congress, tariff, len(delegates), exclude_offer=_live_offer(congress, by, lock=False)
        )
        # Everything that does not depend on the places left is written first, before the
        # edition's lock: the lock lasts until the commit, and every order waits for it.
        # Every way to pay but the card confirms the order as it is written (the card: once
        # paid on Stripe).
        confirming = CONFIRMING_STATES.get(method)
        order = Order(
            congress=congress,
            organisation=organisation,
            placed_by=by,
            payment_method=method,
            state=confirming or OrderState.PENDING_PAYMENT,
            confirmed_at=timezone.now() if confirming else None,
            total=total,
            created_at=now,
            code_service=draft.code_service,
            engagement_number=draft.engagement_number,
        )
        if method == PaymentMethod.CARD:
            order.expires_at = now + timedelta(minutes=settings.ORDER_PAYMENT_DELAY_MINUTES)
        # Its fields checked; not the rows it points to, just read, nor its constraints, which
        # the service's own checks satisfy and the database enforces: Django spends a query on
        # each (issue 18).
        order.full_clean(exclude=ROWS_JUST_READ, validate_constraints=False)
        order.save()
        status = RegistrationStatus.CONFIRMED if confirming else RegistrationStatus.PENDING
        registrations = registrations_write(order, tariff, delegates, by, emails_seen, status)
        registration_consents_record(registrations, source=f"order:{order.pk}", by=by)
        if confirming:
            confirmations_queue([registration.pk for registration in registrations])
        if method in (PaymentMethod.TRANSFER, PaymentMethod.ON_SITE):
            mail.send_after_commit(emails.send_payment_instructions, order, window)
        if not window.is_open:
            audit_record(
                actor=by,
                action="order.late_registration",
                congress=congress,
                target=order,
                details={"phase": window.phase, "delegates": len(registrations)},
            )
        # The seats: under the lock, only what decides them (its time is logged, issue 18).
        congress = lock_congress(congress.pk)
        lock.update(order=order.pk, at=time.perf_counter())
        if method == PaymentMethod.CARD:
            _refuse_a_second_unpaid_card_order(
                congress, by=by, organisation=organisation, this_order=order
            )
        offer = _live_offer(congress, by)
        refuse_when_full(congress, tariff, len(delegates), exclude_offer=offer, exclude_order=order)
        _after_capacity_check()
        if offer is not None:
            offer.state = WaitlistState.ACCEPTED
            offer.save(update_fields=["state"])
        if method == PaymentMethod.INVOICE:
            # Numbered under the series' lock, taken after the edition's like everywhere else.
            invoice_issue(order=order)
        return order


def _log_lock_held(lock: dict) -> None:
    held = (time.perf_counter() - lock["at"]) * 1000
    lock_logger.debug("edition lock held %.2f ms (order %s)", held, lock["order"])


def registration_consents_record(registrations, *, source: str, by) -> None:
    """The consents asked on the registration form: the photo, always; the sharing of the
    declared needs with moderators and the welcome desk, only when a need is declared."""
    for registration in registrations:
        consent_record(
            kind=ConsentKind.PHOTO,
            given=registration.photo_consent,
            email=registration.email,
            user=registration.user,
            congress=registration.congress,
            source=source,
            recorded_by=by,
        )
        if registration.accessibility_needs:  # nothing declared, nothing to share
            consent_record(
                kind=ConsentKind.ACCESSIBILITY_DATA,
                given=registration.needs_shared,
                email=registration.email,
                user=registration.user,
                congress=registration.congress,
                source=source,
                recorded_by=by,
            )


def order_create_once(*, key: str, **order) -> Order:
    """The review step's « Confirmer »: a second submission with the same key (a double click,
    the form sent again) gives back the first order instead of creating another one.

    The key is the person's and the edition's: the same key sent at another edition (a copied
    form) is another submission there, never the order of the first edition."""
    by = order["by"]
    scoped = f"order-review:{order['congress'].pk}:{key}"[:255]
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                user=by, key=scoped, method="POST", path="order_review"
            )
            created = order_create(**order)
            record.response_body = {"order": created.pk}
            record.save(update_fields=["response_body"])
            return created
    except IntegrityError:
        record = IdempotencyRecord.objects.filter(user=by, key=scoped).first()
        if record is None:  # the integrity error came from something else
            raise
    return Order.objects.get(pk=record.response_body["order"], congress=order["congress"])


def _refuse_a_second_unpaid_card_order(
    congress: Congress, *, by: User, organisation, this_order: Order
) -> None:
    """One unpaid card order at a time per organisation (or per person registering alone):
    places cannot be held again and again without paying (caller holds the edition's lock)."""
    pending = Order.objects.filter(
        congress=congress,
        payment_method=PaymentMethod.CARD,
        state=OrderState.PENDING_PAYMENT,
        expires_at__gt=timezone.now(),
    ).exclude(pk=this_order.pk)
    if organisation is None:
        pending = pending.filter(organisation__isnull=True, placed_by=by)
    else:
        pending = pending.filter(organisation=organisation)
    order = pending.order_by("created_at").first()
    if order is not None:
        raise ValidationError(
            _(
                "La commande %(reference)s attend déjà son paiement : payez-la ou annulez-la "
                "(%(url)s) avant d'en passer une autre."
            )
            % {"reference": order.reference, "url": order.get_absolute_url()},
            code="pending_order",
        )


def _order_confirm(order: Order, state: str) -> None:
    order.state = state
    order.confirmed_at = timezone.now()
    order.expires_at = None
    order.save(update_fields=["state", "confirmed_at", "expires_at", "stripe_payment_intent_id"])
    order.registrations.update(status=RegistrationStatus.CONFIRMED)
    confirmations_queue(list(order.registrations.values_list("pk", flat=True)))


def confirmations_queue(pks: list[int]) -> None:
    """Queue the confirmation e-mails (each with its ticket PDF) for the task worker once the
    transaction commits: the request, or Stripe's webhook, does not wait for the PDFs, and a
    failure to queue or to send never undoes the order (it is logged)."""
    mail.send_after_commit(tasks.send_confirmations.enqueue, pks)


def registration_resend_confirmation(*, registration: Registration, by: User) -> None:
    """Send a confirmation (with its ticket PDF) again: queued for the task worker once the
    audit entry is committed, like every confirmation; the request renders no PDF."""
    with transaction.atomic():
        congress = registration.congress
        if not (is_organiser(by, congress) or can_cancel_order(by, registration.order)):
            raise PermissionDenied(_("Vous ne pouvez pas renvoyer cette confirmation."))
        if registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(_("Seule une inscription confirmée a une confirmation."))
        if not registration.email:
            raise ValidationError(_("Cette personne n'a pas donné d'adresse e-mail."))
        audit_record(
            actor=by,
            action="registration.resend_confirmation",
            congress=congress,
            target=registration,
        )
        confirmations_queue([registration.pk])


def _release(order: Order, *, state: str, registration_status: str) -> None:
    lock_congress(order.congress_id)
    order.state = state
    if state == OrderState.CANCELLED:
        order.cancelled_at = timezone.now()
    order.save(update_fields=["state", "cancelled_at"])
    order.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES).update(
        status=registration_status
    )
    pagecache.bump(live_scope(order.congress_id))  # the places left on the edition's page
    waitlist_advance(congress=order.congress)


def order_expire(*, order: Order) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.state != OrderState.PENDING_PAYMENT:
            return order
        _release(order, state=OrderState.EXPIRED, registration_status=RegistrationStatus.EXPIRED)
        return order


def order_cancel(*, order: Order, by: User) -> Order:
    """Cancel an order: refund a card payment, credit an invoice, free the places."""
    with transaction.atomic():
        import stripe

        if not can_cancel_order(by, order):
            raise PermissionDenied(_("Vous ne pouvez pas annuler cette commande."))
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.state in (OrderState.CANCELLED, OrderState.EXPIRED):
            raise ValidationError(_("Cette commande est déjà annulée."))
        window = selectors.registration_window(order.congress)
        late = order.state != OrderState.PENDING_PAYMENT and not window.cancellation_open()
        if late and not is_organiser(by, order.congress):
            raise ValidationError(window.cancellation_refusal(), code="cancellation_closed")
        if order.state == OrderState.PAID and order.stripe_payment_intent_id:
            try:
                refund = card.refund_payment(order=order)
            except stripe.StripeError:
                logger.exception("Refund failed for order %s", order.pk)
                raise ValidationError(
                    _("Le remboursement n'a pas pu être fait : rien n'est annulé, réessayez.")
                ) from None
            order.stripe_refund_id = refund.id
            order.refunded_at = timezone.now()
            order.save(update_fields=["stripe_refund_id", "refunded_at"])
        invoice = order.invoices.filter(kind=InvoiceKind.INVOICE).first()
        credit_note = credit_note_issue(invoice=invoice) if invoice is not None else None
        _release(
            order, state=OrderState.CANCELLED, registration_status=RegistrationStatus.CANCELLED
        )
        audit_record(
            actor=by,
            action="order.cancelled",
            congress=order.congress,
            target=order,
            details={
                "refund": order.stripe_refund_id or "",
                "credit_note": credit_note.reference if credit_note else "",
                "after_deadline": late,
            },
        )
        return order


def orders_expire_due(*, now=None) -> int:
    """Expire unpaid card orders past their delay; returns how many."""
    now = now or timezone.now()
    due = Order.objects.filter(state=OrderState.PENDING_PAYMENT, expires_at__lte=now)
    count = 0
    for order in due.only("pk"):
        if order_expire(order=order).state == OrderState.EXPIRED:
            count += 1
    return count


# Orders an organiser can mark paid by hand.
PAYMENT_AWAITED_STATES = (
    OrderState.AWAITING_MANDATE,
    OrderState.AWAITING_TRANSFER,
    OrderState.AWAITING_ON_SITE,
    OrderState.PENDING_PAYMENT,
)


def order_record_payment(*, order: Order, by: User, paid_on, reference: str) -> Order:
    """Organisers record a payment received outside Stripe (administrative mandate, bank
    transfer, payment on site, or a card order settled another way)."""
    with transaction.atomic():
        if not is_organiser(by, order.congress):
            raise PermissionDenied(_("Seuls les organisateurs enregistrent les paiements."))
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.state not in PAYMENT_AWAITED_STATES:
            raise ValidationError(_("Cette commande n'attend pas de paiement."))
        if order.state == OrderState.PENDING_PAYMENT:
            _order_confirm(order, OrderState.PAID)
        order.state = OrderState.PAID
        order.paid_at = paid_on
        order.payment_reference = reference
        order.full_clean()
        order.save(update_fields=["state", "paid_at", "payment_reference"])
        audit_record(
            actor=by,
            action="payment.recorded",
            congress=order.congress,
            target=order,
            details={"paid_on": str(paid_on), "reference": reference, "total": str(order.total)},
        )
        return order
