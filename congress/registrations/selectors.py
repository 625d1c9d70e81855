"""Reads of the registrations sub-domain: tariffs on sale, a person's orders, the board."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from congress.accounts.selectors import owned_by
from congress.core.collation import by_name
from congress.editions.models import Congress, CongressStatus
from congress.organisations.models import Organisation
from congress.payments import card
from congress.registrations import window
from congress.registrations.models import (
    ACTIVE_REGISTRATION_STATUSES,
    CONFIRMED_ORDER_STATES,
    Order,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    Tariff,
    WaitlistEntry,
    WaitlistState,
)
from congress.registrations.window import RegistrationWindow


def tariffs_for_sale(congress: Congress) -> QuerySet[Tariff]:
    return congress.tariffs.order_by("order", "price")


def user_orders(user) -> QuerySet[Order]:
    """Orders the user placed or is registered in (by account or confirmed address)."""
    registered = Registration.objects.filter(owned_by(user)).values("order_id")
    return (
        Order.objects.filter(Q(placed_by=user) | Q(pk__in=registered))
        .distinct()
        .select_related("congress", "organisation")
        .prefetch_related("registrations")
        .order_by("-created_at")
    )


def user_waitlist(user) -> QuerySet[WaitlistEntry]:
    return WaitlistEntry.objects.filter(
        user=user, state__in=[WaitlistState.WAITING, WaitlistState.OFFERED]
    ).select_related("congress")


def user_live_offer(user, congress: Congress) -> WaitlistEntry | None:

    return WaitlistEntry.objects.filter(
        congress=congress,
        user=user,
        state=WaitlistState.OFFERED,
        offered_until__gt=timezone.now(),
    ).first()


def organisation_orders(organisation: Organisation) -> QuerySet[Order]:
    return (
        organisation.orders.select_related("congress")
        .annotate(delegate_count=Count("registrations"))
        .order_by("-created_at")
    )


def order_with_details(congress: Congress, pk: int) -> Order:

    return get_object_or_404(
        Order.objects.select_related("congress", "organisation", "placed_by").prefetch_related(
            Prefetch("registrations", queryset=Registration.objects.select_related("tariff")),
            "invoices",
        ),
        pk=pk,
        congress=congress,
    )


def registrations_board(
    congress: Congress,
    *,
    tariff: str = "",
    kind: str = "",
    state: str = "",
    departement: str = "",
) -> QuerySet[Registration]:
    qs = Registration.objects.filter(congress=congress).select_related(
        "tariff", "order", "order__organisation"
    )
    if tariff:
        qs = qs.filter(tariff_id=tariff)
    if kind == "individual":
        qs = qs.filter(order__organisation__isnull=True)
    elif kind:
        qs = qs.filter(order__organisation__kind=kind)
    if state:
        qs = qs.filter(order__state=state)
    if departement:
        qs = qs.filter(order__organisation__departement=departement)
    # The delegates of one order together (the board records its payment once, on its first
    # row), sorted on the registrations' own columns (congress/registrations/sorting.py).
    return qs.order_by(*by_name("sort_name", "=order_id", "full_name", "=pk"))


def registration_totals(congress: Congress) -> dict:
    """The board's figures in two queries (one over the delegates, one over the orders); `held`:
    the active registrations (seats.seats_held without the waiting list's offers)."""
    people = Registration.objects.filter(congress=congress).aggregate(
        confirmed=Count("pk", filter=Q(order__state__in=CONFIRMED_ORDER_STATES)),
        pending=Count("pk", filter=Q(status="pending")),
        held=Count("pk", filter=Q(status__in=ACTIVE_REGISTRATION_STATUSES)),
    )
    money = Order.objects.filter(congress=congress).aggregate(
        paid_amount=Sum("total", filter=Q(state="paid")),
        awaiting_amount=Sum("total", filter=Q(state="awaiting_mandate")),
    )
    return {
        **people,
        "paid_amount": money["paid_amount"] or 0,
        "awaiting_amount": money["awaiting_amount"] or 0,
    }


def board_figures(congress: Congress) -> tuple[dict, int | None, list[WaitlistEntry]]:
    """The board's totals, places left and waiting list in three queries: the places left are
    seats.places_left's, counted from the totals' active registrations and the live offers of
    the waiting list already read (no query of their own)."""
    totals = registration_totals(congress)
    waitlist = list(congress_waitlist(congress))
    places_left = None
    if congress.capacity is not None:
        now = timezone.now()
        offers = sum(
            1 for e in waitlist if e.state == WaitlistState.OFFERED and e.offered_until > now
        )
        places_left = max(0, congress.capacity - totals["held"] - offers)
    return totals, places_left, waitlist


def congress_waitlist(congress: Congress) -> QuerySet[WaitlistEntry]:
    return (
        congress.waitlist.filter(state__in=[WaitlistState.WAITING, WaitlistState.OFFERED])
        .select_related("user", "tariff", "organisation")
        .order_by("created_at", "pk")
    )


def registration_window(congress: Congress, now=None) -> RegistrationWindow:
    """The edition's registration phase and its effective dates (blank ones derived from the
    edition's days): the one place where pages, services and the API read them."""
    now = now or timezone.now()
    first_day = congress.start_date
    closes_at = congress.registration_closes_at or window.end_of_day(
        first_day - timedelta(days=window.CLOSE_DAYS_BEFORE)
    )
    deadline = congress.cancellation_deadline or window.end_of_day(
        first_day - timedelta(days=window.CANCELLATION_DAYS_BEFORE)
    )
    opens_at = congress.registration_opens_at
    if now > window.end_of_day(congress.end_date) or congress.status == CongressStatus.ARCHIVED:
        phase = window.PAST
    elif congress.status != CongressStatus.PUBLISHED or now > closes_at:
        phase = window.CLOSED
    elif opens_at is not None and now < opens_at:
        phase = window.UPCOMING
    else:
        phase = window.OPEN
    return RegistrationWindow(
        phase=phase,
        opens_at=opens_at,
        closes_at=closes_at,
        cancellation_deadline=deadline,
        custom_refund_terms=congress.refund_terms,
    )


def payment_methods_offered(congress: Congress, tariff: Tariff, organisation=None) -> list[str]:
    """The ways to pay an order at this tariff, in the order they are proposed: none but « free »
    for a free tariff; the edition's choice, then the tariff's restriction, otherwise."""
    if tariff.price == 0:
        return [PaymentMethod.FREE]
    public_body = organisation is not None and organisation.is_public_body
    offered = {
        PaymentMethod.INVOICE: congress.accepts_invoice and public_body,
        PaymentMethod.CARD: congress.accepts_card and card.card_payment_available(),
        PaymentMethod.TRANSFER: congress.accepts_transfer and bool(congress.billing_iban),
        PaymentMethod.ON_SITE: congress.accepts_on_site,
    }
    return [
        method
        for method, available in offered.items()
        if available and (not tariff.payment_methods or method in tariff.payment_methods)
    ]


def attendance_days(user, congress: Congress) -> set[str]:
    """The days (ISO dates) the person's confirmed registrations cover; a registration that
    names no day covers the whole edition."""
    days: set[str] = set()
    rows = Registration.objects.filter(
        owned_by(user), congress=congress, status=RegistrationStatus.CONFIRMED
    ).values_list("days", flat=True)
    for registered in rows:
        days.update(registered or [day.isoformat() for day in congress.days])
    return days
