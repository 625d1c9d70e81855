"""Who sets the billing identity, what a bad call changes (nothing) and what the audit log keeps:
the fields that really changed, by whom, on which edition (mutation testing, issue 19)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congress.audit.models import AuditEntry
from congress.editions.models import Congress, VatRegime
from congress.payments import services
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(edition):
    """The shared fixture's SIRET has a wrong check digit: full_clean() would refuse any save."""
    Congress.objects.filter(pk=edition.pk).update(billing_siret="73282932000074")
    edition.refresh_from_db()
    return edition


def billing(congress):
    return Congress.objects.filter(pk=congress.pk).values(*services.BILLING_FIELDS).get()


def test_a_stranger_is_refused_in_french_and_nothing_changes(edition):
    before = billing(edition)

    with pytest.raises(PermissionDenied) as error:
        services.billing_settings_update(
            congress=edition, by=UserFactory(), billing_name="Escroc SARL"
        )

    assert str(error.value) == "Seuls les organisateurs règlent la facturation."
    assert billing(edition) == before
    assert not AuditEntry.objects.exists()


def test_the_organiser_of_another_edition_is_refused(edition):
    other = CongressFactory()
    organiser = UserFactory()
    other.organisers.add(organiser)

    with pytest.raises(PermissionDenied):
        services.billing_settings_update(congress=edition, by=organiser, billing_name="X")

    assert Congress.objects.get(pk=edition.pk).billing_name == "CCAS du Mans"


def test_a_field_that_is_not_a_billing_setting_is_refused_and_named(edition):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    before = billing(edition)

    with pytest.raises(TypeError) as error:
        services.billing_settings_update(
            congress=edition, by=organiser, capacity=3, billing_name="X", name="Autre"
        )

    assert str(error.value) == "Unknown billing fields: ['capacity', 'name']"
    assert billing(edition) == before
    assert Congress.objects.get(pk=edition.pk).capacity == 10
    assert not AuditEntry.objects.exists()


def test_a_bad_value_is_refused_and_nothing_changes(edition):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    before = billing(edition)

    with pytest.raises(ValidationError) as error:
        services.billing_settings_update(
            congress=edition, by=organiser, billing_vat_regime=VatRegime.VAT, billing_name="X"
        )

    assert error.value.message_dict == {"billing_vat_rate": ["Indiquez le taux de TVA appliqué."]}
    assert billing(edition) == before
    assert not AuditEntry.objects.exists()


def test_the_audit_log_names_only_the_fields_that_changed(edition):
    organiser = UserFactory(full_name="Claire Organisatrice")
    edition.organisers.add(organiser)

    congress = services.billing_settings_update(
        congress=edition,
        by=organiser,
        billing_name="CCAS du Mans",  # unchanged
        billing_vat_regime=VatRegime.VAT,
        billing_vat_rate=Decimal("20.00"),
        invoice_prefix="CNS",
    )

    stored = Congress.objects.get(pk=edition.pk)
    assert (stored.billing_vat_regime, stored.billing_vat_rate, stored.invoice_prefix) == (
        VatRegime.VAT, Decimal("20.00"), "CNS",
    )  # fmt: skip
    assert stored.billing_name == "CCAS du Mans"
    assert (congress.pk, congress.invoice_prefix) == (edition.pk, "CNS")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.congress) == ("billing.updated", organiser, edition)
    assert (entry.target_type, entry.target_id) == ("congress.Congress", str(edition.pk))
    assert entry.details == {"fields": ["billing_vat_rate", "billing_vat_regime", "invoice_prefix"]}


def test_only_the_fields_given_are_written(edition):
    """The edition is re-read under its lock: a stale copy does not write its other values back."""
    organiser = UserFactory()
    edition.organisers.add(organiser)
    stale = Congress.objects.get(pk=edition.pk)
    Congress.objects.filter(pk=edition.pk).update(billing_bic="AGRIFRPP", capacity=25)

    services.billing_settings_update(congress=stale, by=organiser, payment_terms_days=45)

    stored = Congress.objects.get(pk=edition.pk)
    assert (stored.payment_terms_days, stored.billing_bic, stored.capacity) == (
        45, "AGRIFRPP", 25,
    )  # fmt: skip
