"""Reads of the messaging app: who a segment reaches, the segments an edition offers, the
message list and a message's recipients."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.core.collation import by_name
from congress.core.french import format_date
from congress.editions.models import Congress
from congress.organisations.models import Membership, MembershipRole
from congress.payments.models import InvoiceKind
from congress.registrations.models import (
    CONFIRMED_ORDER_STATES,
    Order,
    OrderState,
    Registration,
    RegistrationStatus,
    Tariff,
    WaitlistState,
)
from messaging.models import Audience, Message, MessageRecipient, OptOut, RecipientStatus
from proposals.models import ProposalState, Speaker
from tracks.models import Session, Track, TrackRoleKind, WorkshopSignup

# Order states a message "by payment state" may target (cancelled and expired orders are gone).
PAYMENT_STATES = [state for state in OrderState if state not in ("cancelled", "expired")]
# Transfers due within this many days get the "unpaid" reminder.
UNPAID_REMINDER_DAYS = 3


@dataclass
class Person:
    email: str
    full_name: str
    user_id: int | None = None
    organisation: str = ""
    order_reference: str = ""
    language: str = "fr"


def _confirmed_registrations(congress: Congress):
    return Registration.objects.filter(
        congress=congress,
        status=RegistrationStatus.CONFIRMED,
        order__state__in=CONFIRMED_ORDER_STATES,
    )


def _from_registrations(registrations) -> list[Person]:
    registrations = registrations.select_related("order__organisation", "order__congress")
    return [
        Person(
            email=r.email,
            full_name=r.full_name,
            user_id=r.user_id,
            organisation=r.order.organisation.name if r.order.organisation else "",
            order_reference=r.order.reference,
        )
        for r in registrations.order_by(*by_name("full_name"), "pk")
    ]


def _from_users(congress: Congress, users) -> list[Person]:
    """People known by their account; organisation and order from their own registration."""
    users = list(users)
    registrations = {
        r.user_id: r
        for r in _confirmed_registrations(congress)
        .filter(user__in=[u.pk for u in users])
        .select_related("order__organisation", "order__congress")
    }
    people = []
    for user in users:
        registration = registrations.get(user.pk)
        order = registration.order if registration else None
        people.append(
            Person(
                email=user.email,
                full_name=user.full_name,
                user_id=user.pk,
                organisation=order.organisation.name if order and order.organisation else "",
                order_reference=order.reference if order else "",
            )
        )
    return people


def _managers(congress: Congress) -> list[Person]:
    orders = (
        Order.objects.filter(congress=congress, organisation__isnull=False)
        .exclude(state__in=[OrderState.CANCELLED, OrderState.EXPIRED])
        .select_related("organisation", "congress")
        .order_by("created_at")
    )
    first_order = {}
    for order in orders:
        first_order.setdefault(order.organisation_id, order)
    memberships = Membership.objects.filter(
        organisation__in=list(first_order), role=MembershipRole.MANAGER, user__is_active=True
    ).select_related("user", "organisation")
    return [
        Person(
            email=m.user.email,
            full_name=m.user.full_name,
            user_id=m.user_id,
            organisation=m.organisation.name,
            order_reference=first_order[m.organisation_id].reference,
        )
        for m in memberships.order_by(*by_name("user__full_name"), "pk")
    ]


def _speakers(congress: Congress, track_id: int) -> list[Person]:
    speakers = Speaker.objects.filter(
        proposal__congress=congress, proposal__track_id=track_id,
        proposal__state=ProposalState.ACCEPTED,
    ).exclude(email="").order_by(*by_name("name"), "pk")  # fmt: skip
    return [Person(email=s.email, full_name=s.name, organisation=s.organisation_name)
            for s in speakers]  # fmt: skip


def _unpaid_transfers(congress: Congress, today: date) -> list[Person]:
    orders = Order.objects.filter(
        congress=congress, state=OrderState.AWAITING_TRANSFER
    ).select_related("placed_by", "organisation", "congress")
    horizon = today + timedelta(days=UNPAID_REMINDER_DAYS)
    return [
        Person(
            email=order.placed_by.email,
            full_name=order.placed_by.full_name,
            user_id=order.placed_by_id,
            organisation=order.organisation.name if order.organisation else "",
            order_reference=order.reference,
        )
        for order in orders
        if today <= order.transfer_due_on <= horizon
    ]


def _unpaid_mandates(congress: Congress, today: date) -> list[Person]:
    """Orders awaiting an administrative mandate whose invoice falls due within a few days:
    the invoice's `due_on` (issue date + the edition's payment terms) is their deadline."""
    horizon = today + timedelta(days=UNPAID_REMINDER_DAYS)
    orders = Order.objects.filter(
        congress=congress,
        state=OrderState.AWAITING_MANDATE,
        invoices__kind=InvoiceKind.INVOICE,
        invoices__due_on__range=(today, horizon),
    ).select_related("placed_by", "organisation")
    return [
        Person(
            email=order.placed_by.email,
            full_name=order.placed_by.full_name,
            user_id=order.placed_by_id,
            organisation=order.organisation.name if order.organisation else "",
            order_reference=order.reference,
        )
        for order in orders.distinct().order_by("created_at", "pk")
    ]


def segment_people(
    congress: Congress, audience: str, value: str = "", today: date | None = None
) -> list[Person]:
    """Everyone a segment reaches, each e-mail address once (the first occurrence wins), with
    their preferred language."""
    delegates = _confirmed_registrations(congress)
    if audience == Audience.DELEGATES:
        people = _from_registrations(delegates)
    elif audience == Audience.MANAGERS:
        people = _managers(congress)
    elif audience == Audience.TARIFF:
        people = _from_registrations(delegates.filter(tariff_id=value))
    elif audience == Audience.PAYMENT_STATE:
        people = _from_registrations(
            Registration.objects.filter(
                congress=congress, order__state=value,
                status__in=[RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED],
            )
        )  # fmt: skip
    elif audience == Audience.DAY:
        present = [r.pk for r in delegates.only("pk", "days") if value in (r.days or [])]
        people = _from_registrations(delegates.filter(pk__in=present))
    elif audience == Audience.WORKSHOP:
        signups = WorkshopSignup.objects.filter(session__congress=congress, session_id=value)
        users = User.objects.filter(workshop_signups__in=signups, is_active=True)
        people = _from_users(congress, users.order_by(*by_name("full_name"), "pk"))
    elif audience == Audience.SPEAKERS:
        people = _speakers(congress, value)
    elif audience in (Audience.MODERATORS, Audience.REVIEWERS):
        role = (
            TrackRoleKind.MODERATOR if audience == Audience.MODERATORS else TrackRoleKind.REVIEWER
        )
        users = User.objects.filter(
            track_roles__track__congress=congress, track_roles__track_id=value,
            track_roles__role=role, is_active=True,
        ).distinct()  # fmt: skip
        people = _from_users(congress, users.order_by(*by_name("full_name"), "pk"))
    elif audience == Audience.WAITLIST:
        users = User.objects.filter(
            waitlist_entries__congress=congress,
            waitlist_entries__state=WaitlistState.WAITING, is_active=True,
        ).distinct()  # fmt: skip
        people = _from_users(congress, users.order_by(*by_name("full_name"), "pk"))
    elif audience == Audience.UNPAID_MANDATE:
        people = _unpaid_mandates(congress, today or timezone.localdate())
    else:  # Audience.UNPAID_TRANSFER
        people = _unpaid_transfers(congress, today or timezone.localdate())
    return _with_languages(_unique(people))


def _unique(people: list[Person]) -> list[Person]:
    seen, unique = set(), []
    for person in people:
        key = person.email.strip().lower()
        if key and key not in seen:
            seen.add(key)
            person.email = person.email.strip()
            unique.append(person)
    return unique


def _with_languages(people: list[Person]) -> list[Person]:
    emails = [p.email.lower() for p in people]
    languages = dict(
        (email.lower(), language)
        for email, language in User.objects.filter(email__in=emails).values_list(
            "email", "preferred_language"
        )
    )
    for person in people:
        person.language = languages.get(person.email.lower(), "fr")
    return people


def opted_out(emails: list[str]) -> set[str]:
    lowered = [e.lower() for e in emails]
    return {
        e.lower() for e in OptOut.objects.filter(email__in=lowered).values_list("email", flat=True)
    }


def is_opted_out(email: str) -> bool:
    return OptOut.objects.filter(email=email.lower()).exists()


def segment_choices(congress: Congress) -> list:
    """The segments offered to organisers: (value, label) pairs, grouped like a <select>."""
    day = [(f"day:{d.isoformat()}", format_date(d, "l j F Y")) for d in congress.days]
    tariffs = [(f"tariff:{t.pk}", t.name) for t in Tariff.objects.filter(congress=congress)
               .order_by(*by_name("name"))]  # fmt: skip
    states = [(f"payment_state:{state.value}", state.label) for state in PAYMENT_STATES]
    workshops = [
        (f"workshop:{s.pk}", s.title)
        for s in Session.objects.filter(congress=congress).order_by("starts_at", "title")
    ]
    tracks = list(Track.objects.filter(congress=congress).order_by("order", "name"))
    return [
        (_("Tout le monde"), [
            (Audience.DELEGATES.value, Audience.DELEGATES.label),
            (Audience.MANAGERS.value, Audience.MANAGERS.label),
            (Audience.WAITLIST.value, Audience.WAITLIST.label),
        ]),
        (_("Par tarif"), tariffs),
        (_("Par état du paiement"), states),
        (_("Par jour de présence"), day),
        (_("Par atelier"), workshops),
        (_("Intervenants d'un thème"), [(f"speakers:{t.pk}", t.name) for t in tracks]),
        (_("Animateurs d'un thème"), [(f"moderators:{t.pk}", t.name) for t in tracks]),
        (_("Relecteurs d'un thème"), [(f"reviewers:{t.pk}", t.name) for t in tracks]),
    ]  # fmt: skip


def message_list(congress: Congress):
    """An edition's messages, newest first, with their author and counts per status."""
    return (
        Message.objects.filter(congress=congress)
        .select_related("created_by", "sent_by")
        .annotate(
            recipient_count=Count("recipients"),
            sent_count=Count("recipients", filter=Q(recipients__status=RecipientStatus.SENT)),
            failed_count=Count("recipients", filter=Q(recipients__status=RecipientStatus.FAILED)),
            bounced_count=Count("recipients", filter=Q(recipients__status=RecipientStatus.BOUNCED)),
        )
        .order_by("-created_at", "-pk")
    )


def message_progress(message: Message) -> dict:
    counts = dict(
        MessageRecipient.objects.filter(message=message)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    total = sum(counts.values())
    done = counts.get(RecipientStatus.SENT, 0) + counts.get(RecipientStatus.FAILED, 0)
    done += counts.get(RecipientStatus.OPTED_OUT, 0) + counts.get(RecipientStatus.BOUNCED, 0)
    return {
        "total": total,
        "counts": [(status, counts.get(status.value, 0)) for status in RecipientStatus],
        "failed": counts.get(RecipientStatus.FAILED, 0),
        "percent": round(100 * done / total) if total else 0,
    }


def message_recipients(message: Message, status: str = ""):
    recipients = MessageRecipient.objects.filter(message=message).order_by(
        *by_name("full_name"), "pk"
    )
    return recipients.filter(status=status) if status else recipients
