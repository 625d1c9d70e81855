"""Invitations and roles: expired, forged or used links; members invited twice; the last
manager. Each test fails when its guard is removed."""

import time

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.organisations import services
from congress.organisations.models import Invitation, Membership, MembershipRole
from congress.organisations.permissions import is_member
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def manager(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user


def memberships():
    return sorted(Membership.objects.values_list("pk", "user_id", "role"))


def invitations():
    return sorted(Invitation.objects.values_list("pk", "accepted_at", "revoked_at"))


def invite(organisation, manager, email="nouvelle@example.org"):
    invitation = services.invitation_create(organisation=organisation, email=email, by=manager)
    return invitation, services.invitation_token(invitation)


def refused_accept(token, by):
    before = memberships(), invitations()
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, by=by)
    assert (memberships(), invitations()) == before
    return error.value


def test_an_expired_invitation_is_refused(organisation, manager, settings, monkeypatch):
    _invitation, token = invite(organisation, manager)
    later = time.time() + settings.INVITATION_MAX_AGE_DAYS * 24 * 3600 + 10
    monkeypatch.setattr(signing.time, "time", lambda: later)
    error = refused_accept(token, UserFactory(email="nouvelle@example.org"))
    assert error.messages == ["Cette invitation a expiré. Demandez-en une nouvelle."]


def test_a_forged_invitation_is_refused(organisation, manager):
    invitation, _token = invite(organisation, manager)
    forged = signing.dumps({"i": invitation.pk}, salt="congress.email-confirmation")
    error = refused_accept(forged, UserFactory(email="nouvelle@example.org"))
    assert error.messages == ["Ce lien d'invitation n'est pas valide."]


def test_a_revoked_invitation_is_refused(organisation, manager):
    invitation, token = invite(organisation, manager)
    services.invitation_revoke(invitation=invitation, by=manager)
    error = refused_accept(token, UserFactory(email="nouvelle@example.org"))
    assert error.messages == ["Cette invitation a déjà été utilisée ou annulée."]


def test_an_invitation_for_another_address_is_refused(organisation, manager):
    _invitation, token = invite(organisation, manager)
    before = memberships(), invitations()
    with pytest.raises(PermissionDenied):
        services.invitation_accept(token=token, by=UserFactory(email="autre@example.org"))
    assert (memberships(), invitations()) == before


def test_inviting_an_existing_member_is_refused(organisation, manager):
    member = MembershipFactory(organisation=organisation).user
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            organisation=organisation, email=member.email.upper(), by=manager
        )
    assert error.value.message_dict == {
        "email": ["Cette personne est déjà membre de l'organisation."]
    }
    assert invitations() == []


def test_inviting_again_revokes_the_pending_invitation(organisation, manager):
    first, _token = invite(organisation, manager)
    second, _token = invite(organisation, manager)
    first.refresh_from_db()
    assert (first.is_pending, second.is_pending) == (False, True)


# --- roles ------------------------------------------------------------------------------------


def test_a_manager_makes_a_member_manager(organisation, manager):
    membership = MembershipFactory(organisation=organisation)
    services.membership_set_role(membership=membership, role=MembershipRole.MANAGER, by=manager)
    membership.refresh_from_db()
    assert membership.role == MembershipRole.MANAGER


def test_the_last_manager_cannot_step_down(organisation, manager):
    membership = manager.memberships.get()
    before = memberships()
    with pytest.raises(ValidationError) as error:
        services.membership_set_role(membership=membership, role=MembershipRole.MEMBER, by=manager)
    assert error.value.messages == ["L'organisation doit garder au moins un gestionnaire."]
    assert memberships() == before


def test_a_manager_steps_down_when_another_remains(organisation, manager):
    MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER)
    membership = manager.memberships.get()
    services.membership_set_role(membership=membership, role=MembershipRole.MEMBER, by=manager)
    membership.refresh_from_db()
    assert membership.role == MembershipRole.MEMBER


def test_a_member_cannot_change_roles(organisation, manager):
    member = MembershipFactory(organisation=organisation)
    before = memberships()
    with pytest.raises(PermissionDenied):
        services.membership_set_role(membership=member, role=MembershipRole.MANAGER, by=member.user)
    assert memberships() == before


def test_an_unknown_role_is_refused(organisation, manager):
    member = MembershipFactory(organisation=organisation)
    before = memberships()
    with pytest.raises(ValidationError):
        services.membership_set_role(membership=member, role="owner", by=manager)
    assert memberships() == before


def test_an_invitation_accepted_meanwhile_is_refused(organisation, manager, monkeypatch):
    """Two acceptances of one link at once: the second one, past the token check, finds the
    invitation used under its row lock and adds no membership."""
    invitation, token = invite(organisation, manager)
    first = UserFactory(email="nouvelle@example.org")
    real_from_token = services.invitation_from_token

    def accepted_meanwhile(token):
        found = real_from_token(token)
        Invitation.objects.filter(pk=found.pk).update(accepted_at=timezone.now())
        return found

    monkeypatch.setattr(services, "invitation_from_token", accepted_meanwhile)
    error = refused_accept(token, first)
    assert error.messages == ["Cette invitation a déjà été utilisée ou annulée."]
    assert not Membership.objects.filter(user=first).exists()


def test_revoking_an_invitation_already_accepted_changes_nothing(organisation, manager):
    invitation, token = invite(organisation, manager)
    newcomer = UserFactory(email="nouvelle@example.org")
    services.invitation_accept(token=token, by=newcomer)
    invitation.refresh_from_db()
    before = invitations()
    services.invitation_revoke(invitation=invitation, by=manager)
    assert invitations() == before
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_duplicate_siret_that_raced_past_the_checks_is_refused(monkeypatch):
    """Two creations with one SIRET at once both pass full_clean(); the unique constraint
    refuses the second with the same clear message, and nothing is saved."""
    from congress.organisations.models import Organisation

    existing = OrganisationFactory()
    count = Organisation.objects.count()
    monkeypatch.setattr(Organisation, "full_clean", lambda self, *a, **k: None)
    twin = OrganisationFactory.build(siret=existing.siret, rna="")
    with pytest.raises(ValidationError) as error:
        services._save_organisation(twin)
    assert error.value.message_dict == {
        "siret": ["Une organisation avec ce SIRET ou ce RNA existe déjà."]
    }
    assert Organisation.objects.count() == count


def test_only_a_manager_revokes_an_invitation(organisation, manager):
    invitation, _token = invite(organisation, manager)
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    before = invitations()
    for someone in (member, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.invitation_revoke(invitation=invitation, by=someone)
    assert invitations() == before
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_accepting_refreshes_the_roles_already_read_for_the_person(organisation, manager):
    """Roles read before accepting (cached on the user for the request) are forgotten: the
    new member is a member at once."""
    _invitation, token = invite(organisation, manager)
    newcomer = UserFactory(email="nouvelle@example.org")
    assert is_member(newcomer, organisation) is False  # fills the cache
    services.invitation_accept(token=token, by=newcomer)
    assert is_member(newcomer, organisation) is True
