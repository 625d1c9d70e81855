"""Sending a confirmation again: refused in French to someone who has nothing to do with the
order (nothing sent, nothing logged); the audit entry is the edition's (mutation testing,
issue 19)."""

import pytest
from django.core.exceptions import PermissionDenied

from congress.audit.models import AuditEntry
from congress.registrations import services
from tests.congress.registrations.conftest import delegate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(edition, tariffs, ccas_manager):
    order = services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(1)],
    )
    return order.registrations.get()


def test_a_stranger_is_refused_in_french_and_nothing_is_sent(
    registration, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(PermissionDenied) as error,
    ):
        services.registration_resend_confirmation(registration=registration, by=UserFactory())

    assert str(error.value) == "Vous ne pouvez pas renvoyer cette confirmation."
    assert mailoutbox == []
    assert not AuditEntry.objects.filter(action="registration.resend_confirmation").exists()


def test_the_resend_is_logged_in_the_editions_audit(registration, organiser, edition):
    services.registration_resend_confirmation(registration=registration, by=organiser)

    entry = AuditEntry.objects.get(action="registration.resend_confirmation")
    assert (entry.congress, entry.actor, entry.target_id) == (
        edition,
        organiser,
        str(registration.pk),
    )
    assert entry.details == {}
