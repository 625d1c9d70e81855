"""The rules of congress/audit/services.py that the other tests leave open (issue 19): who is
recorded as the actor, what an entry without a target or details holds, and how long a target's
description may be."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from congress.audit.models import AuditEntry
from congress.audit.services import audit_record
from congress.organisations.models import Invitation
from tests.factories import CongressFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def stored(entry):
    return AuditEntry.objects.get(pk=entry.pk)


def test_the_entry_records_the_signed_in_actor_the_action_and_the_edition():
    congress = CongressFactory()
    organiser = UserFactory()
    target = OrganisationFactory(name="CCAS de Coulaines")
    entry = stored(
        audit_record(
            actor=organiser,
            action="payment.recorded",
            congress=congress,
            target=target,
            details={"amount": "270.00"},
        )
    )
    assert (entry.actor_id, entry.action, entry.congress_id) == (
        organiser.pk,
        "payment.recorded",
        congress.pk,
    )
    assert (entry.target_type, entry.target_id, entry.target_repr, entry.details) == (
        "congress.Organisation",
        str(target.pk),
        "CCAS de Coulaines",
        {"amount": "270.00"},
    )


@pytest.mark.parametrize(
    "actor",
    [None, AnonymousUser(), SimpleNamespace(name="tâche planifiée")],
    ids=["nobody", "anonymous", "not-an-account"],
)
def test_an_action_without_a_signed_in_actor_is_recorded_without_one(actor):
    entry = stored(audit_record(actor=actor, action="order.expired"))
    assert entry.actor_id is None
    assert entry.action == "order.expired"


def test_an_entry_without_edition_target_or_details_holds_empty_values():
    entry = stored(audit_record(actor=UserFactory(), action="user.merged"))
    assert entry.congress_id is None
    assert (entry.target_type, entry.target_id, entry.target_repr, entry.details) == (
        "",
        "",
        "",
        {},
    )


def test_the_target_description_is_cut_at_255_characters():
    organisation = OrganisationFactory(name="Association des solidarités du Maine " * 5)
    target = Invitation.objects.create(
        organisation=organisation, email="odette.lanvin.beaumarchais" * 3 + "@example.org"
    )
    assert len(str(target)) > 255
    entry = stored(audit_record(actor=UserFactory(), action="invitation.sent", target=target))
    assert entry.target_type == "congress.Invitation"
    assert entry.target_repr == str(target)[:255]
