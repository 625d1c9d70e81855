"""Reads on site: the desk's search, a delegate's arrival, the live figures, tickets and
certificates of a person or an organisation."""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from congress.accounts.selectors import owned_by
from congress.core.collation import by_name, french_sort_key
from congress.editions.models import Congress
from congress.onsite import guests
from congress.onsite.models import CheckIn, DeskRole
from congress.organisations.models import Membership, MembershipRole, Organisation
from congress.payments.models import Invoice, InvoiceKind
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    Tariff,
)

SEARCH_LIMIT = 20
SETTLED_ORDER_STATES = (OrderState.PAID, OrderState.FREE)


def fold(text) -> str:
    """Text compared without accents, case or punctuation: « Hélène » matches « helene »,
    « sable sur sarthe » matches « Sablé-sur-Sarthe », « l epicerie » « L’Épicerie »."""
    return " ".join(re.sub(r"[\W_]+", " ", french_sort_key(text)[0]).split())


def desk_day(congress, chosen: str = "", *, today: date | None = None) -> date | None:
    """The day the desk records arrivals for: the day it chose (one of the congress's days),
    otherwise today during the congress, the first day before it, and none once it is over
    (the desk may still choose a day, to type in a paper list)."""
    try:
        day = date.fromisoformat(chosen) if chosen else None
    except ValueError:
        day = None
    if day in congress.days:
        return day
    today = today or timezone.localdate()
    if today in congress.days:
        return today
    return congress.start_date if today < congress.start_date else None


def confirmed_registrations(congress) -> QuerySet:
    return Registration.objects.filter(congress=congress, status=RegistrationStatus.CONFIRMED)


def desk_search(congress, query: str, *, limit: int = SEARCH_LIMIT) -> list[int]:
    """Ids of the edition's confirmed delegates whose name or organisation holds `query`,
    accents and case aside, in French name order.

    The comparison runs in Python over two short columns of one query: the same on SQLite and
    PostgreSQL (no `unaccent` extension to install), a few milliseconds for a few thousand
    delegates."""
    key = fold(query)
    if not key:
        return []
    rows = (
        confirmed_registrations(congress)
        .order_by(*by_name("full_name"), "pk")
        .values_list("pk", "full_name", "order__organisation__name", "declared_organisation")
    )
    found = []
    for pk, name, organisation, declared in rows.iterator():
        if key in fold(name) or key in fold(organisation or declared):
            found.append(pk)
            if len(found) == limit:
                break
    return found


def desk_guests(congress, query: str, *, day: date | None, limit: int = SEARCH_LIMIT) -> list:
    """The guests (accredited press...) of every registered source matching `query`, each
    source's in its own order (congress/onsite/guests.py)."""
    key = fold(query)
    if not key:
        return []
    found = []
    for source in guests.sources():
        found.extend(source.search(congress, key, day=day, limit=limit))
    return found


def desk_entries(congress, ids: list[int], *, day: date | None) -> list[Registration]:
    """The delegates `ids` as the desk sees them (in that order), each with `.arrival` (their
    check-in on `day`, or None) and `.amount_due`."""
    arrivals = CheckIn.objects.filter(day=day).select_related("by")
    registrations = (
        confirmed_registrations(congress)
        .filter(pk__in=ids)
        .select_related("order__organisation", "tariff")
        .prefetch_related(Prefetch("check_ins", queryset=arrivals, to_attr="arrivals"))
    )
    by_id = {registration.pk: registration for registration in registrations}
    entries = [by_id[pk] for pk in ids if pk in by_id]
    for registration in entries:
        registration.arrival = registration.arrivals[0] if registration.arrivals else None
        registration.amount_due = amount_due(registration)
    return entries


def amount_due(registration: Registration):
    """What is still to pay for this delegate: their price while the order is not settled."""
    if registration.order.state in SETTLED_ORDER_STATES:
        return registration.price * 0
    return registration.price


def desk_volunteers(congress) -> QuerySet:
    return (
        DeskRole.objects.filter(congress=congress)
        .select_related("user", "granted_by")
        .order_by(*by_name("user__full_name"), "pk")
    )


@dataclass
class DayFigures:
    day: date
    expected: int = 0
    arrived: int = 0
    by_tariff: list = field(default_factory=list)  # (tariff, expected, arrived)
    walk_ins: int = 0  # registered at the desk that day (counted in expected and arrived)
    guests: list = field(default_factory=list)  # (mark, arrived): press... apart, if any came


def attendance_figures(congress) -> list[DayFigures]:
    """Per day of the edition: delegates expected (confirmed, registered for that day) and
    arrived (checked in), in all and per tariff; the guests (press) who arrived, apart. Three
    queries whatever the size, and one per source of guests."""
    tariffs = list(Tariff.objects.filter(congress=congress).order_by("order", "price", "pk"))
    expected: Counter = Counter()
    walk_ins: Counter = Counter()
    rows = confirmed_registrations(congress).values_list("days", "tariff_id", "order__walk_in")
    for days, tariff_id, walk_in in rows:
        for day in days or []:
            expected[(str(day), tariff_id)] += 1
        if walk_in and days:
            walk_ins[min(str(day) for day in days)] += 1  # from the day they came on
    arrived: Counter = Counter()
    rows = CheckIn.objects.filter(registration__congress=congress).values_list(
        "day", "registration__tariff_id"
    )
    for day, tariff_id in rows:
        arrived[(day.isoformat(), tariff_id)] += 1
    arrived_guests = [
        (source.mark, source.arrivals_by_day(congress)) for source in guests.sources()
    ]
    figures = []
    for day in congress.days:
        key = day.isoformat()
        per_tariff = [
            (tariff, expected[(key, tariff.pk)], arrived[(key, tariff.pk)]) for tariff in tariffs
        ]
        figures.append(
            DayFigures(
                day=day,
                expected=sum(row[1] for row in per_tariff),
                arrived=sum(row[2] for row in per_tariff),
                by_tariff=per_tariff,
                walk_ins=walk_ins[key],
                guests=[(mark, counts[day]) for mark, counts in arrived_guests if counts[day]],
            )
        )
    return figures


def attended_days(registration: Registration) -> list[date]:
    return list(registration.check_ins.order_by("day").values_list("day", flat=True))


@dataclass
class TicketGroup:
    organisation: object  # None: the person's own tickets
    registrations: list


def ticket_groups(user, congress) -> list[TicketGroup]:
    """The person's own confirmed registrations, then those of each organisation they manage,
    each delegate with `.days_attended` (for the certificate link)."""
    days = Prefetch("check_ins", queryset=CheckIn.objects.only("registration_id", "day"))
    base = (
        confirmed_registrations(congress)
        .select_related("order__organisation")
        .prefetch_related(days)
        .order_by(*by_name("full_name"), "pk")
    )
    groups = []
    own = list(base.filter(owned_by(user)))
    if own:
        groups.append(TicketGroup(None, own))
    managed = Membership.objects.filter(user=user, role=MembershipRole.MANAGER).values(
        "organisation_id"
    )
    delegates = list(
        base.filter(order__organisation__in=managed).order_by(
            *by_name("order__organisation__name", "full_name"), "order__organisation_id", "pk"
        )
    )
    for registration in delegates:
        organisation = registration.order.organisation
        if not groups or groups[-1].organisation != organisation:
            groups.append(TicketGroup(organisation, []))
        groups[-1].registrations.append(registration)
    for group in groups:
        for registration in group.registrations:
            registration.days_attended = [c.day for c in registration.check_ins.all()]
    return groups


def organisation_delegates(congress, organisation) -> list[Registration]:
    return list(
        confirmed_registrations(congress)
        .filter(order__organisation=organisation)
        .select_related("order__organisation", "congress")
        .prefetch_related("check_ins")
        .order_by(*by_name("full_name"), "pk")
    )


def organisations_with_attendance(congress) -> QuerySet:
    """Organisations of the edition with at least one delegate checked in, with `.attended`
    (how many of their delegates came)."""
    attended = Q(
        orders__registrations__congress=congress,
        orders__registrations__status=RegistrationStatus.CONFIRMED,
        orders__registrations__check_ins__isnull=False,
    )
    return (
        Organisation.objects.annotate(
            attended=Count("orders__registrations", filter=attended, distinct=True)
        )
        .filter(attended__gt=0)
        .order_by(*by_name("name"), "pk")
    )


def desk_editions_of(user) -> list:
    """The editions whose welcome desk the person helps at (for « Mon compte »), latest first."""
    if not (user.is_authenticated and user.is_active):
        return []
    return list(
        Congress.objects.filter(desk_roles__user=user).order_by("-start_date", "pk").distinct()
    )


def walk_ins_to_invoice(congress) -> list[Order]:
    """Walk-ins registered « à facturer » (awaiting their invoice or already invoiced), oldest
    first, each with its registrations and `.invoice` (None until issued). Three queries."""
    orders = list(
        Order.objects.filter(
            congress=congress,
            walk_in=True,
            payment_method=PaymentMethod.INVOICE,
        )
        .exclude(state__in=(OrderState.CANCELLED, OrderState.EXPIRED))
        .prefetch_related(
            Prefetch("registrations", queryset=Registration.objects.order_by("pk")),
            Prefetch(
                "invoices",
                queryset=Invoice.objects.filter(kind=InvoiceKind.INVOICE),
                to_attr="issued",
            ),
        )
        .order_by("created_at", "pk")
    )
    for order in orders:
        order.invoice = order.issued[0] if order.issued else None
    return orders
