"""The rules of congress/accounts/invitations.py that the other tests leave open (issue 19): what
a link signs, how long it lives, which messages refuse it, the claim on the locked row and what
accepting records. Exercised with the organisations' invitations (any kind shares them)."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.accounts.invitations import (
    invitation_accepted,
    invitation_claim,
    invitation_link_token,
    pending_invitation,
)
from congress.accounts.models import User
from congress.organisations.models import Invitation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SALT = "tests.invitation"
EXPIRED = "Cette invitation a expiré. Demandez-en une nouvelle."
INVALID = "Ce lien d'invitation n'est pas valide."
USED = "Cette invitation a déjà été utilisée ou annulée."


@pytest.fixture
def invitation():
    return Invitation.objects.create(
        organisation=OrganisationFactory(), email="Odette.Lanvin@Example.org"
    )


def read(token, **kwargs):
    options = {"salt": SALT, "key": "i", "queryset": Invitation.objects.all()} | kwargs
    return pending_invitation(token, **options)


def messages(excinfo):
    return excinfo.value.messages


def test_the_link_signs_the_invitation_id_under_its_key_with_its_salt(invitation):
    token = invitation_link_token(invitation, salt=SALT, key="i")
    assert signing.loads(token, salt=SALT) == {"i": invitation.pk}
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt="another.kind")


def test_a_fresh_link_reads_back_its_pending_invitation(invitation):
    token = invitation_link_token(invitation, salt=SALT, key="i")
    assert read(token) == invitation


def test_a_link_lives_exactly_the_configured_number_of_days(invitation, settings, monkeypatch):
    settings.INVITATION_MAX_AGE_DAYS = 3
    signed_at = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: signed_at)
    token = invitation_link_token(invitation, salt=SALT, key="i")
    max_age = 3 * 24 * 3600

    monkeypatch.setattr(signing.time, "time", lambda: signed_at + max_age - 60)
    assert read(token) == invitation

    monkeypatch.setattr(signing.time, "time", lambda: signed_at + max_age + 60)
    with pytest.raises(ValidationError) as excinfo:
        read(token)
    assert messages(excinfo) == [EXPIRED]


def test_a_forged_link_is_refused_as_invalid(invitation):
    token = invitation_link_token(invitation, salt=SALT, key="i")
    with pytest.raises(ValidationError) as excinfo:
        read(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert messages(excinfo) == [INVALID]


def test_a_link_of_another_kind_is_refused_as_invalid(invitation):
    token = invitation_link_token(invitation, salt="another.kind", key="i")
    with pytest.raises(ValidationError) as excinfo:
        read(token)
    assert messages(excinfo) == [INVALID]


def test_a_link_under_another_key_finds_no_invitation(invitation):
    token = invitation_link_token(invitation, salt=SALT, key="j")
    with pytest.raises(ValidationError) as excinfo:
        read(token)
    assert messages(excinfo) == [USED]


def test_only_the_invitations_of_the_given_queryset_are_read(invitation):
    token = invitation_link_token(invitation, salt=SALT, key="i")
    with pytest.raises(ValidationError) as excinfo:
        read(token, queryset=Invitation.objects.exclude(pk=invitation.pk))
    assert messages(excinfo) == [USED]


@pytest.mark.parametrize("field", ["accepted_at", "revoked_at"])
def test_an_accepted_or_revoked_invitation_is_refused_as_used(invitation, field):
    token = invitation_link_token(invitation, salt=SALT, key="i")
    Invitation.objects.filter(pk=invitation.pk).update(**{field: timezone.now()})
    with pytest.raises(ValidationError) as excinfo:
        read(token)
    assert messages(excinfo) == [USED]


def test_the_claim_returns_the_row_read_again_from_the_database(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(role="manager")
    claimed = invitation_claim(invitation, by=UserFactory(email="odette.lanvin@example.org"))
    assert claimed.pk == invitation.pk
    assert claimed.role == "manager"


def test_the_claim_ignores_the_case_of_both_addresses():
    invitation = Invitation.objects.create(
        organisation=OrganisationFactory(), email="odette.lanvin@example.org"
    )
    invitee = UserFactory(email="ODETTE.LANVIN@EXAMPLE.ORG")
    assert invitation_claim(invitation, by=invitee).pk == invitation.pk


@pytest.mark.parametrize("field", ["accepted_at", "revoked_at"])
def test_the_claim_refuses_an_invitation_used_since_it_was_read(invitation, field):
    Invitation.objects.filter(pk=invitation.pk).update(**{field: timezone.now()})
    assert invitation.is_pending  # the copy read before
    with pytest.raises(ValidationError) as excinfo:
        invitation_claim(invitation, by=UserFactory(email="odette.lanvin@example.org"))
    assert messages(excinfo) == [USED]


def test_the_claim_by_another_address_names_the_invited_address(invitation):
    with pytest.raises(PermissionDenied) as excinfo:
        invitation_claim(invitation, by=UserFactory(email="someone.else@example.org"))
    assert str(excinfo.value) == (
        "Cette invitation a été envoyée à Odette.Lanvin@Example.org\u202f: "
        "connectez-vous avec cette adresse."
    )


def test_accepting_records_when_and_by_whom_and_confirms_the_address(invitation):
    invitee = UserFactory(email="odette.lanvin@example.org", email_confirmed_at=None)
    before = timezone.now()
    invitation_accepted(invitation, by=invitee)
    after = timezone.now()
    stored = Invitation.objects.get(pk=invitation.pk)
    assert before <= stored.accepted_at <= after
    assert stored.accepted_by_id == invitee.pk
    assert stored.revoked_at is None
    confirmed_at = User.objects.values_list("email_confirmed_at", flat=True).get(pk=invitee.pk)
    assert before <= confirmed_at <= after
    assert invitee.email_confirmed_at == confirmed_at


def test_accepting_keeps_the_date_an_address_was_first_confirmed(invitation):
    first = timezone.now() - timedelta(days=30)
    invitee = UserFactory(email="odette.lanvin@example.org", email_confirmed_at=first)
    invitation_accepted(invitation, by=invitee)
    assert User.objects.get(pk=invitee.pk).email_confirmed_at == first


def test_accepting_writes_only_the_acceptance(invitation):
    invitee = UserFactory(email="odette.lanvin@example.org", email_confirmed_at=None)
    invitee.full_name = "Nom jamais enregistré"
    invitation.role = "manager"
    invitation_accepted(invitation, by=invitee)
    assert Invitation.objects.get(pk=invitation.pk).role == "member"
    assert User.objects.get(pk=invitee.pk).full_name != "Nom jamais enregistré"
