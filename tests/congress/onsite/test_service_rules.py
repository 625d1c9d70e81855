"""The rules of the welcome desk's services (congress/onsite/services.py), stated exactly so that
changing one fails a test (issue 19, mutation testing): the refusals' French messages, fields
and codes, which rows each filter may match, the instants and dates written, the defaults of
optional arguments, the lengths kept, and every audit entry's actor, edition, target and
details."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.onsite import services
from congress.onsite.models import CertificateSettings, CheckIn, DeskPayment, DeskRole
from congress.payments.models import Invoice, InvoiceKind
from congress.registrations.models import Order, Registration, RegistrationStatus
from congress.registrations.seats import PlacesUnavailable
from tests.congress.onsite.conftest import delegate
from tests.factories import CongressFactory, TariffFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db

DESK_ONLY = "Vous ne faites pas partie de l'accueil de ce congrès."
ORGANISERS_ONLY = "Seuls les organisateurs gèrent l'équipe d'accueil."
PAYER = {
    "name": "CCAS de Sablé-sur-Sarthe",
    "address": "2 rue Saint-Denis",
    "postal_code": "72300",
    "commune": "Sablé-sur-Sarthe",
}


@pytest.fixture(autouse=True)
def _on_site(edition):
    edition.accepts_on_site = True
    edition.save(update_fields=["accepts_on_site"])


@pytest.fixture
def frozen(monkeypatch, today):
    """`timezone.now()` as the services call it, fixed on today (the models' defaults keep the
    real clock, so a value left to a default differs)."""
    instant = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9, 30, 0, 1234)))
    monkeypatch.setattr(timezone, "now", lambda: instant)
    return instant


def walk_in(edition, by, tariff, today, **extra):
    values = {
        "congress": edition, "by": by, "tariff": tariff, "full_name": "Zoé Martin",
        "day": today, "payment": DeskPayment.CASH,
    }  # fmt: skip
    return services.walk_in_register(**{**values, **extra})


def only_entry(action):
    entry = AuditEntry.objects.get()
    assert entry.action == action
    return entry


def target_of(entry):
    return (entry.target_type, entry.target_id)


def refusal(error):
    return plain(error.message_dict if hasattr(error, "error_dict") else error.messages)


# --- The desk role -------------------------------------------------------------------------


def test_desk_role_grant_refusals_say_why_and_change_nothing(edition, organiser, volunteer):
    UserFactory(email="ancien@example.org", is_active=False)
    with pytest.raises(PermissionDenied) as outsider:
        services.desk_role_grant(congress=edition, email=volunteer.email, by=volunteer)
    assert str(outsider.value) == ORGANISERS_ONLY
    with pytest.raises(ValidationError) as inactive:
        services.desk_role_grant(congress=edition, email="ancien@example.org", by=organiser)
    assert refusal(inactive.value) == {
        "email": [
            "Aucun compte actif n'utilise cette adresse : la personne doit d'abord créer son "
            "compte."
        ]
    }
    # Already on the desk for the whole edition (no granted_by, no hours): refused as well.
    with pytest.raises(ValidationError) as twice:
        services.desk_role_grant(congress=edition, email=volunteer.email, by=organiser)
    assert refusal(twice.value) == {"email": ["Cette personne fait déjà partie de l'accueil."]}
    assert list(DeskRole.objects.values_list("user", "granted_by")) == [(volunteer.pk, None)]
    assert not AuditEntry.objects.exists()


def test_desk_role_grant_audit_names_the_organiser_the_edition_and_the_role(edition, organiser):
    UserFactory(email="victor@example.org")
    role = services.desk_role_grant(congress=edition, email="victor@example.org", by=organiser)
    entry = only_entry("desk.grant")
    assert (entry.actor, entry.congress) == (organiser, edition)
    assert target_of(entry) == (DeskRole._meta.label, str(role.pk))


def test_desk_role_revoke_refused_to_non_organisers_then_audited(edition, organiser, volunteer):
    role = DeskRole.objects.get(user=volunteer)
    with pytest.raises(PermissionDenied) as outsider:
        services.desk_role_revoke(role=role, by=volunteer)
    assert str(outsider.value) == ORGANISERS_ONLY
    assert DeskRole.objects.filter(pk=role.pk).exists()
    pk = role.pk
    services.desk_role_revoke(role=role, by=organiser)
    assert not DeskRole.objects.filter(pk=pk).exists()
    entry = only_entry("desk.revoke")
    assert (entry.actor, entry.congress) == (organiser, edition)
    assert target_of(entry) == (DeskRole._meta.label, str(pk))


# --- Check-in and its undoing --------------------------------------------------------------


def test_checkin_record_refusals_say_why(edition, volunteer, helene, today):
    with pytest.raises(PermissionDenied) as outsider:
        services.checkin_record(registration=helene, day=today, by=UserFactory())
    assert str(outsider.value) == DESK_ONLY
    with pytest.raises(ValidationError) as off_day:
        services.checkin_record(
            registration=helene, day=today + datetime.timedelta(days=5), by=volunteer
        )
    assert refusal(off_day.value) == ["Ce jour n'est pas un jour du congrès."]
    helene.status = RegistrationStatus.PENDING
    helene.save(update_fields=["status"])
    with pytest.raises(ValidationError) as pending:
        services.checkin_record(registration=helene, day=today, by=volunteer)
    assert refusal(pending.value) == ["Cette inscription n'est pas confirmée."]
    assert not CheckIn.objects.exists()


def test_checkin_record_stamps_the_service_clock(volunteer, helene, today, frozen):
    arrival = services.checkin_record(registration=helene, day=today, by=volunteer)
    assert CheckIn.objects.get(pk=arrival.check_in.pk).checked_in_at == frozen


def test_a_second_scan_finds_its_own_registration_and_day(
    edition, tariff, volunteer, helene, today
):
    """Other delegates checked in the same day, and the delegate's other day, are not the
    arrival a second scan returns."""
    tomorrow = today + datetime.timedelta(days=1)
    paul = delegate(edition, tariff=tariff, name="Paul Petit")
    theirs = services.checkin_record(registration=paul, day=today, by=volunteer).check_in
    first = services.checkin_record(registration=helene, day=today, by=volunteer).check_in
    second = services.checkin_record(registration=helene, day=tomorrow, by=volunteer).check_in
    again = services.checkin_record(registration=helene, day=today, by=volunteer)
    assert (again.check_in, again.created) == (first, False)
    again = services.checkin_record(registration=helene, day=tomorrow, by=volunteer)
    assert (again.check_in, again.created) == (second, False)
    again = services.checkin_record(registration=paul, day=today, by=volunteer)
    assert (again.check_in, again.created) == (theirs, False)
    assert CheckIn.objects.count() == 3


def test_checkin_undo_refused_outside_the_desk_then_audited(edition, volunteer, helene, today):
    check_in = services.checkin_record(registration=helene, day=today, by=volunteer).check_in
    with pytest.raises(PermissionDenied) as outsider:
        services.checkin_undo(check_in=check_in, by=UserFactory())
    assert str(outsider.value) == DESK_ONLY
    assert CheckIn.objects.filter(pk=check_in.pk).exists()
    services.checkin_undo(check_in=check_in, by=volunteer)
    assert not CheckIn.objects.exists()
    entry = only_entry("checkin.undo")
    assert (entry.actor, entry.congress, entry.details) == (
        volunteer, edition, {"day": today.isoformat()},
    )  # fmt: skip
    assert target_of(entry) == (Registration._meta.label, str(helene.pk))


# --- Certificate settings ------------------------------------------------------------------


def test_certificate_settings_refused_to_non_organisers_then_audited(edition, organiser, volunteer):
    values = {"issuer": "CCAS du Mans", "signatory_name": "Olga", "signatory_title": "Directrice"}
    with pytest.raises(PermissionDenied) as outsider:
        services.certificate_settings_update(congress=edition, by=volunteer, **values)
    assert str(outsider.value) == "Seuls les organisateurs règlent les attestations."
    assert not CertificateSettings.objects.exists()
    saved = services.certificate_settings_update(congress=edition, by=organiser, **values)
    entry = only_entry("certificates.settings")
    assert (entry.actor, entry.congress) == (organiser, edition)
    assert target_of(entry) == (CertificateSettings._meta.label, str(saved.pk))


# --- Walk-in registration ------------------------------------------------------------------


def test_walk_in_refusals_say_why(edition, volunteer, tariff, today):
    with pytest.raises(PermissionDenied) as outsider:
        walk_in(edition, UserFactory(), tariff, today)
    assert str(outsider.value) == DESK_ONLY
    with pytest.raises(ValidationError) as nameless:
        walk_in(edition, volunteer, tariff, today, full_name="   ")
    assert refusal(nameless.value) == {"full_name": ["Indiquez le nom de la personne."]}
    other_tariff = TariffFactory(congress=CongressFactory())
    with pytest.raises(ValidationError) as foreign:
        walk_in(edition, volunteer, other_tariff, today)
    assert refusal(foreign.value) == {"tariff": ["Ce tarif n'appartient pas à cette édition."]}
    with pytest.raises(ValidationError) as unknown:
        walk_in(edition, volunteer, tariff, today, payment="bitcoin")
    assert refusal(unknown.value) == {"payment": ["Choisissez comment la personne règle."]}
    assert not Registration.objects.exists()


def test_walk_in_email_already_registered_only_counts_active_ones_of_this_edition(
    edition, volunteer, tariff, today, helene
):
    other = CongressFactory()
    delegate(other, tariff=TariffFactory(congress=other), email="ailleurs@example.org")
    delegate(
        edition, tariff=tariff, name="Annulée", email="annulee@example.org",
        status=RegistrationStatus.CANCELLED,
    )  # fmt: skip
    # Another edition's registration, a cancelled one, another person's: accepted.
    for email in ("ailleurs@example.org", "annulee@example.org", "nouvelle@example.org"):
        registration = walk_in(edition, volunteer, tariff, today, email=email).registration
        assert registration.email == email
    with pytest.raises(ValidationError) as taken:
        walk_in(edition, volunteer, tariff, today, email=helene.email.upper())
    assert refusal(taken.value) == {
        "email": ["Cette adresse est déjà inscrite : cherchez la personne par son nom."]
    }


def test_walk_in_on_a_full_edition_is_refused_with_the_code_full(
    edition, volunteer, tariff, today, helene
):
    edition.capacity = 1
    edition.save(update_fields=["capacity"])
    with pytest.raises(PlacesUnavailable) as full:
        walk_in(edition, volunteer, tariff, today)
    assert full.value.code == "full"


def test_walk_in_on_the_last_day_is_still_accepted(volunteer, today):
    edition = CongressFactory(
        start_date=today - datetime.timedelta(days=1), end_date=today, accepts_on_site=True
    )
    DeskRole.objects.create(congress=edition, user=volunteer)
    tariff = TariffFactory(congress=edition, price=Decimal("60.00"))
    registration = walk_in(edition, volunteer, tariff, today).registration
    assert registration.days == [today.isoformat()]


def test_walk_in_defaults_stamps_and_audit(edition, volunteer, tariff, today, frozen):
    arrival = walk_in(edition, volunteer, tariff, today)
    registration = Registration.objects.get(pk=arrival.registration.pk)
    order = registration.order
    assert registration.declared_organisation == ""
    assert (registration.created_at, order.created_at, order.confirmed_at) == (
        frozen, frozen, frozen,
    )  # fmt: skip
    assert order.paid_at == today
    assert CheckIn.objects.get(registration=registration).checked_in_at == frozen
    entry = only_entry("order.walk_in")
    assert entry.congress == edition
    assert target_of(entry) == (Order._meta.label, str(order.pk))


def test_walk_in_payment_reference_keeps_120_characters(edition, volunteer, tariff, today):
    order = walk_in(
        edition, volunteer, tariff, today, payment=DeskPayment.CHEQUE, payment_reference="7" * 200
    ).registration.order
    order.refresh_from_db()
    assert order.payment_reference == "Chèque – " + "7" * 111


def test_walk_in_links_only_an_account_whose_address_is_confirmed(
    edition, volunteer, tariff, today
):
    UserFactory(email="zoe@example.org", email_confirmed_at=None)
    registration = walk_in(edition, volunteer, tariff, today, email="zoe@example.org").registration
    assert Registration.objects.get(pk=registration.pk).user is None


# --- Invoicing a walk-in -------------------------------------------------------------------


def to_invoice(edition, volunteer, tariff, today):
    return walk_in(
        edition, volunteer, tariff, today, payment=DeskPayment.TO_INVOICE
    ).registration.order


def test_walk_in_invoice_refusals_say_why(edition, volunteer, organiser, tariff, today):
    order = to_invoice(edition, volunteer, tariff, today)
    with pytest.raises(PermissionDenied) as outsider:
        services.walk_in_invoice_issue(order=order, by=volunteer, payer=PAYER)
    assert str(outsider.value) == "Seuls les organisateurs émettent les factures."
    # A key left out is a blank field, never the text "None".
    payer = {key: PAYER[key] for key in ("name", "address", "postal_code")}
    with pytest.raises(ValidationError) as missing:
        services.walk_in_invoice_issue(order=order, by=organiser, payer=payer)
    assert refusal(missing.value) == {"commune": ["Ce champ est obligatoire."]}
    assert not Invoice.objects.exists()


def test_walk_in_invoice_refused_when_the_order_already_has_one(
    edition, volunteer, organiser, tariff, today
):
    order = to_invoice(edition, volunteer, tariff, today)
    Invoice.objects.create(
        congress=edition, order=order, kind=InvoiceKind.INVOICE, series="F", year=today.year,
        number=1, reference="F-1", issued_on=today, due_on=today, seller={}, buyer={}, lines=[],
        total=Decimal(60),
    )  # fmt: skip
    with pytest.raises(ValidationError) as twice:
        services.walk_in_invoice_issue(order=order, by=organiser, payer=PAYER)
    assert refusal(twice.value) == ["Cette commande a déjà une facture."]
    assert Invoice.objects.count() == 1


def test_walk_in_invoice_defaults_blank_and_audit(edition, volunteer, organiser, tariff, today):
    order = to_invoice(edition, volunteer, tariff, today)
    AuditEntry.objects.all().delete()
    invoice = services.walk_in_invoice_issue(order=order, by=organiser, payer=PAYER)
    order.refresh_from_db()
    assert (order.code_service, order.engagement_number) == ("", "")
    assert (invoice.buyer["siret"], invoice.buyer["code_service"]) == ("", "")
    assert invoice.buyer["engagement_number"] == ""
    entry = only_entry("order.walk_in_invoiced")
    assert (entry.actor, entry.congress) == (organiser, edition)
    assert entry.details == {"reference": invoice.reference, "total": "60.00"}


def test_walk_in_invoice_keeps_100_characters_of_code_and_engagement(
    edition, volunteer, organiser, tariff, today
):
    order = to_invoice(edition, volunteer, tariff, today)
    services.walk_in_invoice_issue(
        order=order, by=organiser, payer=PAYER, code_service="C" * 150,
        engagement_number="E" * 150,
    )  # fmt: skip
    order.refresh_from_db()
    assert (order.code_service, order.engagement_number) == ("C" * 100, "E" * 100)
