import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from congress.payments import services
from congress.payments.models import Invoice, InvoiceKind
from congress.registrations import seats
from congress.registrations import services as registrations_services
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    RegistrationStatus,
    WaitlistState,
)
from congress.registrations.permissions import is_participant
from tests.congress.registrations.conftest import delegate
from tests.factories import UserFactory, make_participant
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def org_of(user):
    return user.memberships.get().organisation


def test_order_create_public_body_is_confirmed_with_numbered_invoice(
    edition, tariffs, ccas_manager, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        order = registrations_services.order_create(
            congress=edition,
            by=ccas_manager,
            organisation=org_of(ccas_manager),
            tariff=tariffs["public"],
            delegates=[delegate(1), delegate(2), delegate(3)],
            code_service="SERV-SOCIAL",
            engagement_number="EJ-2024-0042",
        )
    assert order.state == OrderState.AWAITING_MANDATE
    assert order.payment_method == PaymentMethod.INVOICE
    assert order.total == Decimal("270.00")
    assert list(order.registrations.values_list("status", flat=True)) == ["confirmed"] * 3
    invoice = order.invoices.get()
    assert (invoice.kind, invoice.number, invoice.reference) == (
        "invoice",
        1,
        f"F-{timezone.localdate().year}-00001",
    )
    assert invoice.buyer["code_service"] == "SERV-SOCIAL"
    assert invoice.buyer["siret"] == org_of(ccas_manager).siret
    assert invoice.lines[0]["quantity"] == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "delegue1@example.org",
        "delegue2@example.org",
        "delegue3@example.org",
    ]
    mail = next(m for m in mailoutbox if m.to == ["delegue1@example.org"])
    assert mail.subject == f"Votre inscription au {edition.name} est confirmée"
    assert mail.body.startswith("Bonjour Délégué·e 1,\n")
    assert f"Votre inscription au {edition.name} ({edition.city}) est confirmée." in mail.body
    assert plain(f"Tarif : {tariffs['public'].name}") in plain(mail.body)
    ticket, attachment = mail.attachments
    first = order.registrations.get(email="delegue1@example.org")
    assert (ticket[0], ticket[2]) == (
        f"billet-{edition.slug}-{first.pk}.pdf",
        "application/pdf",
    )
    ticket_text = PdfReader(io.BytesIO(ticket[1])).pages[0].extract_text()
    assert "Délégué·e 1" in ticket_text
    assert "Votre billet personnel est joint à ce message (PDF)" in mail.body
    assert (attachment[0], attachment[2]) == (f"{edition.slug}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in attachment[1]
    assert "SUMMARY:" + edition.name in attachment[1]


def test_invoice_numbers_follow_without_gaps_and_credit_note_on_cancel(
    edition, tariffs, ccas_manager
):
    orders = [
        registrations_services.order_create(
            congress=edition,
            by=ccas_manager,
            organisation=org_of(ccas_manager),
            tariff=tariffs["public"],
            delegates=[delegate(n)],
        )
        for n in range(3)
    ]
    assert [o.invoices.get().number for o in orders] == [1, 2, 3]
    registrations_services.order_cancel(order=orders[1], by=ccas_manager)
    credit = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert (credit.number, credit.total, credit.credited_invoice) == (
        1,
        Decimal("-90.00"),
        orders[1].invoices.get(kind="invoice"),
    )
    assert credit.reference == f"AV-{timezone.localdate().year}-00001"
    orders[1].refresh_from_db()
    assert orders[1].state == OrderState.CANCELLED
    with pytest.raises(ValidationError):
        services.credit_note_issue(invoice=orders[1].invoices.get(kind="invoice"))


def test_order_create_refuses_tariff_of_another_audience(edition, tariffs, association_manager):
    with pytest.raises(ValidationError) as error:
        registrations_services.order_create(
            congress=edition,
            by=association_manager,
            organisation=org_of(association_manager),
            tariff=tariffs["public"],
            delegates=[delegate(1)],
        )
    assert error.value.message_dict == {"tariff": ["Ce tarif ne vous est pas ouvert."]}


def test_order_create_refuses_member_who_is_not_manager(edition, tariffs, association_manager):
    from tests.factories import MembershipFactory

    member = MembershipFactory(organisation=org_of(association_manager)).user
    with pytest.raises(PermissionDenied):
        registrations_services.order_create(
            congress=edition,
            by=member,
            organisation=org_of(association_manager),
            tariff=tariffs["association"],
            delegates=[delegate(1)],
        )


def test_order_create_card_without_stripe_keys_is_refused(
    edition, tariffs, association_manager, settings
):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(ValidationError) as error:
        registrations_services.order_create(
            congress=edition,
            by=association_manager,
            organisation=org_of(association_manager),
            tariff=tariffs["association"],
            delegates=[delegate(1)],
            payment_method="card",
        )
    assert error.value.message_dict["payment_method"] == [
        "Ce mode de paiement n'est pas proposé pour ce tarif."
    ]
    assert not Order.objects.exists()


def test_invited_tariff_needs_the_code_and_is_free(edition, tariffs):
    speaker = UserFactory()
    with pytest.raises(ValidationError):
        registrations_services.order_create(
            congress=edition,
            by=speaker,
            tariff=tariffs["speaker"],
            delegates=[{}],
            invitation_code="faux",
        )
    order = registrations_services.order_create(
        congress=edition,
        by=speaker,
        tariff=tariffs["speaker"],
        delegates=[{"needs_lsf": True}],
        invitation_code="INTERVENANT-2024",
    )
    registration = order.registrations.get()
    assert (order.state, registration.user, registration.email) == ("free", speaker, speaker.email)
    assert is_participant(speaker, edition) is True


def test_full_edition_refuses_then_waitlist_gets_offer_when_place_frees(
    edition, tariffs, ccas_manager, django_capture_on_commit_callbacks, mailoutbox
):
    edition.capacity = 2
    edition.save()
    first = registrations_services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=org_of(ccas_manager),
        tariff=tariffs["public"],
        delegates=[delegate(1), delegate(2)],
    )
    late = UserFactory()
    with pytest.raises(seats.PlacesUnavailable):
        registrations_services.order_create(
            congress=edition,
            by=late,
            tariff=tariffs["speaker"],
            delegates=[{}],
            invitation_code="INTERVENANT-2024",
        )
    entry = seats.waitlist_join(congress=edition, by=late)
    assert entry.state == WaitlistState.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        registrations_services.order_cancel(order=first, by=ccas_manager)
    entry.refresh_from_db()
    assert entry.state == WaitlistState.OFFERED
    (offer,) = [m for m in mailoutbox if "place se libère" in m.subject]
    assert (offer.to, offer.subject) == ([late.email], f"Une place se libère au {edition.name}")
    assert f"Une place vient de se libérer au {edition.name}." in offer.body
    assert f"/congresses/{edition.slug}/register/" in offer.body
    # Only one offer for two freed places? No: the second place is free for anyone.
    assert seats.places_left(edition) == 1
    order = registrations_services.order_create(
        congress=edition,
        by=late,
        tariff=tariffs["speaker"],
        delegates=[{}],
        invitation_code="INTERVENANT-2024",
    )
    entry.refresh_from_db()
    assert (order.state, entry.state) == ("free", WaitlistState.ACCEPTED)


def test_waitlist_offer_lapses_and_passes_on(edition, tariffs, ccas_manager):
    edition.capacity = 1
    edition.save()
    order = registrations_services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=org_of(ccas_manager),
        tariff=tariffs["public"],
        delegates=[delegate(1)],
    )
    first, second = UserFactory(), UserFactory()
    entry1 = seats.waitlist_join(congress=edition, by=first)
    entry2 = seats.waitlist_join(congress=edition, by=second)
    registrations_services.order_cancel(order=order, by=ccas_manager)
    entry1.refresh_from_db()
    assert entry1.state == WaitlistState.OFFERED
    entry1.offered_until = timezone.now() - timezone.timedelta(minutes=1)
    entry1.save()
    call_command("expire_orders")
    entry1.refresh_from_db()
    entry2.refresh_from_db()
    assert (entry1.state, entry2.state) == (WaitlistState.LAPSED, WaitlistState.OFFERED)


def test_tariff_quota_is_enforced(edition, tariffs, ccas_manager):
    tariffs["public"].quota = 1
    tariffs["public"].save()
    with pytest.raises(seats.PlacesUnavailable):
        registrations_services.order_create(
            congress=edition,
            by=ccas_manager,
            organisation=org_of(ccas_manager),
            tariff=tariffs["public"],
            delegates=[delegate(1), delegate(2)],
        )


def test_same_person_cannot_register_twice(edition, tariffs, ccas_manager):
    kwargs = dict(
        congress=edition,
        by=ccas_manager,
        organisation=org_of(ccas_manager),
        tariff=tariffs["public"],
    )
    registrations_services.order_create(**kwargs, delegates=[delegate(1)])
    with pytest.raises(ValidationError) as error:
        registrations_services.order_create(**kwargs, delegates=[delegate(1)])
    assert plain(error.value.messages) == plain(
        ["Déjà inscrit·e à cette édition : delegue1@example.org."]
    )


def test_make_participant_and_is_participant(edition):
    user, other = UserFactory(), UserFactory()
    registration = make_participant(user, edition)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert (is_participant(user, edition), is_participant(other, edition)) == (True, False)


def test_record_payment_of_invoice(edition, tariffs, ccas_manager, organiser):
    order = registrations_services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=org_of(ccas_manager),
        tariff=tariffs["public"],
        delegates=[delegate(1)],
    )
    with pytest.raises(PermissionDenied):
        registrations_services.order_record_payment(
            order=order, by=ccas_manager, paid_on=timezone.localdate(), reference="x"
        )
    registrations_services.order_record_payment(
        order=order, by=organiser, paid_on=timezone.localdate(), reference="Mandat 1234"
    )
    order.refresh_from_db()
    assert (order.state, order.payment_reference) == (OrderState.PAID, "Mandat 1234")
    entry = edition.audit_entries.get()
    assert (entry.actor, entry.action, entry.target_id) == (
        organiser,
        "payment.recorded",
        str(order.pk),
    )
    assert entry.details["reference"] == "Mandat 1234"


def test_delegate_registered_before_having_an_account_is_participant_once_confirmed(
    edition, tariffs, ccas_manager
):
    registrations_services.order_create(
        congress=edition, by=ccas_manager, organisation=org_of(ccas_manager),
        tariff=tariffs["public"], delegates=[delegate(7)],
    )  # fmt: skip
    later = UserFactory(email="delegue7@example.org", email_confirmed_at=None)
    assert is_participant(later, edition) is False
    later.email_confirmed_at = timezone.now()
    assert is_participant(later, edition) is True


def test_tariff_outside_its_sale_window_is_refused(edition, tariffs, ccas_manager):
    tariffs["public"].sale_ends_at = timezone.now() - timezone.timedelta(days=1)
    tariffs["public"].save()
    with pytest.raises(ValidationError) as error:
        registrations_services.order_create(
            congress=edition, by=ccas_manager, organisation=org_of(ccas_manager),
            tariff=tariffs["public"], delegates=[delegate(1)],
        )  # fmt: skip
    assert error.value.message_dict == {"tariff": ["Ce tarif n'est pas en vente actuellement."]}
