"""Registrations in the permission matrix's world: orders of A and B (and of A in the other
edition) with their invoices, the welcome desk (walk-ins, check-ins, an edition held today),
a full edition and the waiting list."""

from django.utils import timezone

from congress.onsite import tokens as onsite_tokens
from congress.onsite.models import CheckIn, DeskRole
from congress.payments import services as payments_services
from congress.registrations.models import Order, OrderState, PaymentMethod, WaitlistEntry
from tests.factories import CongressFactory, make_participant
from tests.security.world import make_order


def add_registrations(w) -> None:
    """Orders, invoices, the welcome desk, check-ins and the waiting list."""
    o = w.objects
    edition, other = o["edition"], o["other_edition"]
    org_a, org_b = o["org_a"], o["org_b"]
    tariff, tariff_public, tariff_other = o["tariff"], o["tariff_public"], o["tariff_other"]
    manager_a, manager_b = w.users["manager_a"], w.users["manager_b"]
    member_b, organiser = w.users["member_b"], w.users["organiser"]
    attendee = o["attendee"]
    # --- orders, registrations, invoices, waitlist -----------------------------------------
    o["order_a"], regs_a = make_order(
        edition,
        organisation=org_a,
        placed_by=manager_a,
        tariff=tariff,
        people=[("Déléguée A1", "a1@example.org"), ("Délégué A2", "a2@example.org")],
        method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )
    o["registration_a"] = regs_a[0]
    o["invoice_a"] = payments_services.invoice_issue(order=o["order_a"])
    o["order_b"], regs_b = make_order(
        edition,
        organisation=org_b,
        placed_by=manager_b,
        tariff=tariff_public,
        people=[("Délégué B1", "b1@example.org")],
        method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )
    o["registration_b"] = regs_b[0]
    o["invoice_b"] = payments_services.invoice_issue(order=o["order_b"])
    # A's own order in another edition: reachable only under that edition's URLs.
    o["order_other"], regs_other = make_order(
        other,
        organisation=org_a,
        placed_by=manager_a,
        tariff=tariff_other,
        people=[("Délégué autre", "autre@example.org")],
        method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )
    o["registration_other"] = regs_other[0]
    o["invoice_other"] = payments_services.invoice_issue(order=o["order_other"])
    # --- on site: reviewer 2 also volunteers at the welcome desk; the participant came on
    # the first day, and so did A's first delegate (their certificates exist); A's delegate in
    # the other edition came there.
    o["desk_role"] = DeskRole.objects.create(congress=edition, user=w.users["reviewer_2"])
    # A person registered « à facturer » at each edition's desk, awaiting their invoice.
    o["walk_in_order"], _walk_ins = make_order(
        edition, organisation=None, placed_by=w.users["reviewer_2"], tariff=tariff,
        people=[("Venue Sans Inscription", "")], method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )  # fmt: skip
    o["walk_in_order_other"], _walk_ins = make_order(
        other, organisation=None, placed_by=w.users["reviewer_1"], tariff=tariff_other,
        people=[("Autre Sans Inscription", "")], method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )  # fmt: skip
    Order.objects.filter(pk__in=[o["walk_in_order"].pk, o["walk_in_order_other"].pk]).update(
        walk_in=True
    )
    o["desk_role_other"] = DeskRole.objects.create(congress=other, user=w.users["reviewer_1"])
    o["check_in"] = CheckIn.objects.create(
        registration=o["participant_registration"], day=edition.start_date
    )
    o["check_in_a"] = CheckIn.objects.create(
        registration=o["registration_a"], day=edition.start_date
    )
    o["check_in_other"] = CheckIn.objects.create(
        registration=o["registration_other"], day=other.start_date
    )
    o["certificate_token"] = onsite_tokens.certificate_token(o["participant_registration"])
    # An edition held today (the world's edition is three months ahead): the same organiser and
    # desk check the other participant in there.
    today = timezone.localdate()
    o["today_edition"] = today_edition = CongressFactory(
        slug="matrix-today",
        start_date=today,
        end_date=today + timezone.timedelta(days=1),
        accepts_on_site=True,  # the desk may register a person who arrives without a registration
    )
    today_edition.organisers.add(organiser)
    DeskRole.objects.create(congress=today_edition, user=w.users["reviewer_2"])
    o["registration_today"] = make_participant(attendee, today_edition)
    # A full edition (one place, taken): what joining the waiting list needs.
    o["full_edition"] = full_edition = CongressFactory(slug="matrix-full", capacity=1)
    make_participant(attendee, full_edition)
    o["waitlist_entry"] = WaitlistEntry.objects.create(
        congress=edition, user=w.users["member_a"], organisation=org_a
    )
    o["waitlist_entry_b"] = WaitlistEntry.objects.create(
        congress=edition, user=member_b, organisation=org_b
    )
    o["waitlist_entry_other"] = WaitlistEntry.objects.create(
        congress=other, user=w.users["member_a"], organisation=org_a
    )
