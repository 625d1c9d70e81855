"""Record of consents, the retention rule and the registration part of the GDPR export/erasure."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from congress.accounts import services
from congress.accounts.models import Consent, User
from congress.profile import services as profile_services
from congress.registrations import retention
from congress.registrations import services as registrations_services
from congress.registrations.models import Registration
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    OrderFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def registration_with_needs(congress, **extra):
    order = OrderFactory(congress=congress)
    return RegistrationFactory(
        order=order,
        congress=congress,
        needs_lsf=True,
        dietary_needs="sans gluten",
        other_needs="place près de la scène",
        function="Directrice",
        **extra,
    )


def ended(days_ago: int):
    end = timezone.localdate() - timedelta(days=days_ago)
    return CongressFactory(start_date=end - timedelta(days=1), end_date=end)


def test_order_create_records_photo_consent_with_its_wording(settings):
    from tests.factories import TariffFactory

    congress = CongressFactory(capacity=10)
    tariff = TariffFactory(congress=congress, price=0, audience="individual")
    user = UserFactory(email="louise@example.org")
    registrations_services.order_create(
        congress=congress,
        by=user,
        tariff=tariff,
        delegates=[{"full_name": "Louise", "email": "louise@example.org", "photo_consent": False}],
    )
    consent = Consent.objects.get()
    assert (consent.email, consent.kind, consent.given, consent.user) == (
        "louise@example.org",
        "photo",
        False,
        user,
    )
    assert consent.wording == "J'accepte d'être photographié·e ou filmé·e pendant le congrès."


def test_purge_before_the_delay_changes_nothing():
    registration = registration_with_needs(ended(days_ago=10))
    done = retention.personal_data_purge(congress=registration.congress)
    assert done == {"sensitive": 0, "personal": 0, "waitlist": 0}
    registration.refresh_from_db()
    assert (registration.needs_lsf, registration.dietary_needs) == (True, "sans gluten")


def test_purge_removes_accessibility_and_dietary_data_first():
    registration = registration_with_needs(ended(days_ago=31))
    done = retention.personal_data_purge(congress=registration.congress)
    assert done == {"sensitive": 1, "personal": 0, "waitlist": 0}
    registration.refresh_from_db()
    assert (registration.needs_lsf, registration.dietary_needs, registration.other_needs) == (
        False,
        "",
        "",
    )
    assert registration.full_name != "Participant·e (données effacées)"  # identity kept for now
    assert registration.congress.audit_entries.get().action == "retention.purged"


def test_purge_anonymises_identities_after_three_years_and_keeps_figures():
    registration = registration_with_needs(ended(days_ago=3 * 365 + 1))
    price, status = registration.price, registration.status
    call_command("purge_personal_data", "--congress", registration.congress.slug)
    registration.refresh_from_db()
    assert registration.full_name == "Participant·e (données effacées)"
    assert registration.email == f"efface-{registration.pk}@invalid.invalid"
    assert (registration.function, registration.user, registration.needs_lsf) == ("", None, False)
    assert (registration.price, registration.status) == (price, status)


def test_purge_dry_run_changes_nothing():
    registration = registration_with_needs(ended(days_ago=3 * 365 + 1))
    call_command("purge_personal_data", "--dry-run")
    registration.refresh_from_db()
    assert registration.dietary_needs == "sans gluten"


def test_export_includes_registrations_and_consents():
    user = UserFactory(email="louise@example.org")
    congress = CongressFactory()
    registration_with_needs(congress, user=user, email=user.email)
    services.consent_record(kind="photo", given=True, email=user.email, user=user, source="test")
    data = profile_services.user_export_data(user=user)["congress"]
    assert data["registrations"][0]["needs"]["dietary_needs"] == "sans gluten"
    assert [c["kind"] for c in data["consents"]] == ["photo"]


def test_delete_account_anonymises_registrations_but_keeps_them():
    user = UserFactory(email="louise@example.org")
    registration = registration_with_needs(CongressFactory(), user=user, email=user.email)
    profile_services.user_delete_account(user=user, password=TEST_PASSWORD)
    registration.refresh_from_db()
    assert (registration.full_name, registration.user, registration.dietary_needs) == (
        "Compte supprimé",
        None,
        "",
    )
    assert Registration.objects.count() == 1
    assert User.objects.get(pk=user.pk).is_active is False
