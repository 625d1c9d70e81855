"""Issue 12: the registration window (phases, deadlines, organiser override) and every way to pay,
enforced in the services."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from congress.audit.models import AuditEntry
from congress.editions.models import CongressStatus
from congress.registrations import seats, selectors, services, window
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    RegistrationStatus,
    TariffAudience,
)
from tests.congress.registrations.conftest import delegate
from tests.factories import CongressFactory, TariffFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def org_of(user):
    return user.memberships.get().organisation


def aware(day, hour=0, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def register(edition, user, tariff, **extra):
    return services.order_create(
        congress=edition,
        by=user,
        organisation=org_of(user),
        tariff=tariff,
        delegates=[delegate(1), delegate(2)],
        **extra,
    )


# --- the window: phases and effective dates ---------------------------------------------------


def test_blank_dates_are_derived_from_the_editions_days():
    edition = CongressFactory(start_date=date(2027, 3, 15), end_date=date(2027, 3, 16))
    now = aware(date(2027, 1, 10))
    win = selectors.registration_window(edition, now)
    assert win.phase == window.OPEN and win.is_open
    assert win.opens_at is None
    assert win.closes_at == aware(date(2027, 3, 14), 23, 59)
    assert win.cancellation_deadline == aware(date(2027, 3, 1), 23, 59)
    with translation.override("fr"):
        assert plain(win.refund_terms) == (
            plain(
                "Annulation en ligne avec remboursement intégral jusqu'au 1er mars 2027 à 23:59. "
                "Après cette date, l'inscription n'est plus remboursée : écrivez aux organisateurs."
            )
        )
    with translation.override("en"):
        assert "until 1 March 2027 at 23:59" in win.refund_terms


def test_each_edge_of_the_window():
    opens = aware(date(2027, 1, 1), 9)
    closes = aware(date(2027, 2, 1), 18)
    edition = CongressFactory(
        start_date=date(2027, 3, 15),
        end_date=date(2027, 3, 16),
        registration_opens_at=opens,
        registration_closes_at=closes,
        refund_terms="Pas de remboursement.",
    )
    tick = timedelta(microseconds=1)
    phase = lambda now: selectors.registration_window(edition, now).phase  # noqa: E731
    assert phase(opens - tick) == window.UPCOMING
    assert phase(opens) == window.OPEN
    assert phase(closes) == window.OPEN
    assert phase(closes + tick) == window.CLOSED
    last_minute = aware(date(2027, 3, 16), 23, 59)
    assert phase(last_minute) == window.CLOSED
    assert phase(last_minute + tick) == window.PAST
    win = selectors.registration_window(edition, opens)
    assert win.refund_terms == "Pas de remboursement."
    win = selectors.registration_window(edition, opens - tick)
    with translation.override("fr"):
        assert win.refusal() == "Les inscriptions ouvriront le 1er janvier 2027 à 09:00."
        closed = selectors.registration_window(edition, closes + tick)
        assert (
            closed.refusal() == "Les inscriptions sont closes depuis le 1er février 2027 à 18:00."
        )
        past = selectors.registration_window(edition, last_minute + tick)
        assert plain(past.refusal()) == plain(
            "Cette édition est terminée : les inscriptions sont closes."
        )
    with translation.override("en"):
        assert win.refusal() == "Registration opens on 1 January 2027 at 09:00."


def test_cancellation_deadline_edge():
    deadline = aware(date(2027, 2, 20), 12)
    edition = CongressFactory(start_date=date(2027, 3, 15), cancellation_deadline=deadline)
    win = selectors.registration_window(edition, deadline)
    assert win.cancellation_open(deadline)
    assert not win.cancellation_open(deadline + timedelta(microseconds=1))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (CongressStatus.DRAFT, window.CLOSED),
        (CongressStatus.CLOSED, window.CLOSED),
        (CongressStatus.ARCHIVED, window.PAST),
    ],
)
def test_status_other_than_published_is_not_open(status, expected):
    edition = CongressFactory(status=status)
    assert selectors.registration_window(edition).phase == expected


def test_closing_before_opening_is_refused_by_clean():
    edition = CongressFactory.build(
        registration_opens_at=aware(date(2027, 2, 1)),
        registration_closes_at=aware(date(2027, 1, 1)),
    )
    with pytest.raises(ValidationError) as error:
        edition.clean()
    assert "registration_closes_at" in error.value.message_dict


# --- refusals outside the window; organisers may still act -----------------------------------


def test_registration_refused_after_closing(edition, tariffs, association_manager):
    edition.registration_closes_at = timezone.now() - timedelta(minutes=1)
    edition.save()
    with pytest.raises(ValidationError) as error, translation.override("fr"):
        register(edition, association_manager, tariffs["association"])
    assert error.value.code == "registration_closed"
    assert error.value.messages[0].startswith("Les inscriptions sont closes depuis le ")
    assert not Order.objects.exists()


def test_registration_refused_before_opening(edition, tariffs, association_manager):
    edition.registration_opens_at = timezone.now() + timedelta(days=2)
    edition.save()
    with pytest.raises(ValidationError, match="Les inscriptions ouvriront le"):
        register(edition, association_manager, tariffs["association"])
    assert not Order.objects.exists()


def test_organiser_registers_late_on_behalf_of_an_organisation(
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
        delegates=[delegate(1)],
    )
    assert order.state == OrderState.AWAITING_TRANSFER
    entry = AuditEntry.objects.get(action="order.late_registration")
    assert entry.actor == organiser and entry.target_id == str(order.pk)
    assert entry.details == {"phase": "closed", "delegates": 1}


def test_registration_in_the_window_is_not_audited_as_late(edition, tariffs, association_manager):
    register(edition, association_manager, tariffs["association"])
    assert not AuditEntry.objects.filter(action="order.late_registration").exists()


def test_waitlist_refused_outside_the_window_but_not_for_organisers(edition, organiser):
    edition.capacity = 0
    edition.registration_closes_at = timezone.now() - timedelta(minutes=1)
    edition.save()
    with pytest.raises(ValidationError, match="Les inscriptions sont closes"):
        seats.waitlist_join(congress=edition, by=UserFactory())
    assert seats.waitlist_join(congress=edition, by=organiser).state == "waiting"


def _past_deadline(edition):
    edition.cancellation_deadline = timezone.now() - timedelta(minutes=1)
    edition.save()


def test_cancellation_refused_after_the_deadline(edition, tariffs, association_manager):
    order = register(edition, association_manager, tariffs["association"])
    _past_deadline(edition)
    with pytest.raises(ValidationError) as error, translation.override("fr"):
        services.order_cancel(order=order, by=association_manager)
    assert error.value.code == "cancellation_closed"
    assert "Le délai d'annulation avec remboursement est dépassé" in error.value.messages[0]
    order.refresh_from_db()
    assert order.state == OrderState.AWAITING_TRANSFER


def test_cancellation_before_the_deadline(edition, tariffs, association_manager):
    order = register(edition, association_manager, tariffs["association"])
    services.order_cancel(order=order, by=association_manager)
    assert AuditEntry.objects.get(action="order.cancelled").details["after_deadline"] is False


def test_organiser_cancels_after_the_deadline_with_audit(
    edition, tariffs, association_manager, organiser
):
    order = register(edition, association_manager, tariffs["association"])
    _past_deadline(edition)
    services.order_cancel(order=order, by=organiser)
    order.refresh_from_db()
    assert order.state == OrderState.CANCELLED
    entry = AuditEntry.objects.get(action="order.cancelled")
    assert entry.actor == organiser and entry.details["after_deadline"] is True


def test_unpaid_card_order_can_be_cancelled_after_the_deadline(
    edition, tariffs, association_manager, stripe_settings
):
    order = register(edition, association_manager, tariffs["association"])
    assert order.state == OrderState.PENDING_PAYMENT
    _past_deadline(edition)
    services.order_cancel(order=order, by=association_manager)
    order.refresh_from_db()
    assert order.state == OrderState.CANCELLED


# --- every way to pay -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "state", "registration_status"),
    [
        (PaymentMethod.CARD, OrderState.PENDING_PAYMENT, RegistrationStatus.PENDING),
        (PaymentMethod.TRANSFER, OrderState.AWAITING_TRANSFER, RegistrationStatus.CONFIRMED),
        (PaymentMethod.ON_SITE, OrderState.AWAITING_ON_SITE, RegistrationStatus.CONFIRMED),
    ],
)
def test_each_method_gives_its_state(
    edition, tariffs, association_manager, stripe_settings, method, state, registration_status
):
    edition.accepts_on_site = True
    edition.save()
    order = register(edition, association_manager, tariffs["association"], payment_method=method)
    assert (order.payment_method, order.state) == (method, state)
    assert order.is_confirmed == (method != PaymentMethod.CARD)
    assert {r.status for r in order.registrations.all()} == {registration_status}
    assert (order.expires_at is not None) == (method == PaymentMethod.CARD)


def test_public_body_pays_on_invoice_by_default(edition, tariffs, ccas_manager):
    order = register(edition, ccas_manager, tariffs["public"])
    assert order.state == OrderState.AWAITING_MANDATE
    assert order.invoices.count() == 1


def test_public_body_may_pay_by_transfer_without_invoice(edition, tariffs, ccas_manager):
    order = register(edition, ccas_manager, tariffs["public"], payment_method="transfer")
    assert order.state == OrderState.AWAITING_TRANSFER
    assert not order.invoices.exists()


def test_free_tariff_has_no_payment_step(edition, association_manager):
    tariff = TariffFactory(congress=edition, name="Bénévole", price=Decimal("0"))
    assert selectors.payment_methods_offered(edition, tariff) == [PaymentMethod.FREE]
    order = register(edition, association_manager, tariff)
    assert (order.payment_method, order.state, order.total) == ("free", "free", Decimal("0"))


def test_a_method_not_offered_is_refused(edition, tariffs, association_manager):
    # On-site payment is off unless organisers allow it.
    with pytest.raises(ValidationError) as error:
        register(edition, association_manager, tariffs["association"], payment_method="on_site")
    assert "payment_method" in error.value.message_dict
    assert not Order.objects.exists()


def test_tariff_restricts_the_editions_methods(edition, association_manager, stripe_settings):
    tariff = TariffFactory(
        congress=edition, name="Solidaire", price=Decimal("20"), payment_methods=["card"]
    )
    assert selectors.payment_methods_offered(edition, tariff) == [PaymentMethod.CARD]
    with pytest.raises(ValidationError):
        register(edition, association_manager, tariff, payment_method="transfer")
    order = register(edition, association_manager, tariff)
    assert order.payment_method == PaymentMethod.CARD


def test_no_method_at_all_is_a_clear_refusal(edition, tariffs, association_manager):
    edition.accepts_transfer = False
    edition.save()  # and Stripe is not configured
    assert selectors.payment_methods_offered(edition, tariffs["association"]) == []
    with pytest.raises(ValidationError, match="Aucun mode de paiement"):
        register(edition, association_manager, tariffs["association"])


def test_transfer_needs_an_iban_and_card_needs_stripe(edition, tariffs, stripe_settings):
    edition.billing_iban = ""
    assert selectors.payment_methods_offered(edition, tariffs["association"]) == ["card"]
    public = tariffs["public"]
    assert public.audience == TariffAudience.PUBLIC_BODY


def test_unknown_method_in_a_tariff_is_refused_by_clean(edition):
    tariff = TariffFactory.build(congress=edition, name="X", price=1, payment_methods=["cash"])
    with pytest.raises(ValidationError) as error:
        tariff.clean()
    assert "payment_methods" in error.value.message_dict


def test_transfer_due_date_is_the_payment_delay_at_most_the_first_day(
    edition, tariffs, ccas_manager
):
    order = register(edition, ccas_manager, tariffs["public"], payment_method="transfer")
    assert order.transfer_due_on == timezone.localdate() + timedelta(days=30)
    order.congress.start_date = timezone.localdate() + timedelta(days=5)
    assert order.transfer_due_on == order.congress.start_date
