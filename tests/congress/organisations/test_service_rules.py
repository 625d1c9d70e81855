"""The rules of congress/organisations/services.py that the other tests leave open (issue 19):
the slugs made, the exact refusals, what an update writes, which pending invitations a new
one revokes, the role an invitation gives, an orphaned organisation getting its manager back,
and the last-manager rule counted on this organisation's managers only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.core import pagecache
from congress.organisations import services
from congress.organisations.models import Invitation, Membership, MembershipRole, Organisation
from congress.organisations.permissions import can_manage_organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

MANAGER, MEMBER = MembershipRole.MANAGER, MembershipRole.MEMBER


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Secours du Nord")


@pytest.fixture
def manager(organisation):
    return MembershipFactory(organisation=organisation, role=MANAGER).user


def memberships():
    return sorted(Membership.objects.values_list("organisation_id", "user_id", "role"))


def refused(call, message, **kwargs):
    before = memberships(), sorted(Invitation.objects.values_list("pk", "revoked_at", "role"))
    with pytest.raises(PermissionDenied) as error:
        call(**kwargs)
    assert str(error.value) == message
    assert (memberships(), sorted(Invitation.objects.values_list("pk", "revoked_at", "role"))) == (
        before
    )


# _unique_slug


def test_slugs_are_numbered_from_2_upwards():
    OrganisationFactory(slug="secours-du-nord")
    OrganisationFactory(slug="secours-du-nord-2")
    assert services._unique_slug("Secours du Nord") == "secours-du-nord-3"


def test_a_name_without_letters_gets_the_slug_organisation():
    assert services._unique_slug("« … »") == "organisation"
    OrganisationFactory(slug="organisation")
    assert services._unique_slug("???") == "organisation-2"


def test_a_slug_is_cut_at_200_characters():
    assert services._unique_slug("ﬁ" * 150) == "fi" * 100  # each ligature slugifies to 2 letters


def test_an_organisation_keeps_its_own_slug_when_excluded(organisation):
    organisation.slug = "secours-du-nord"
    organisation.save()
    assert services._unique_slug("Secours du Nord", exclude_pk=organisation.pk) == (
        "secours-du-nord"
    )
    assert services._unique_slug("Secours du Nord") == "secours-du-nord-2"


# organisation_create, organisation_update


def test_an_anonymous_visitor_is_told_to_log_in():
    refused(
        services.organisation_create,
        "Connectez-vous pour créer une organisation.",
        by=AnonymousUser(),
        name="Secours du Nord",
    )


def test_the_creator_manages_the_new_organisation_at_once():
    """Roles already read for the creator (cached for the request) are forgotten."""
    user = UserFactory()
    other = OrganisationFactory()
    assert can_manage_organisation(user, other) is False  # fills the cache
    organisation = services.organisation_create(
        by=user, name="Secours du Nord", kind="association", commune="Lille",
        departement="59", contact_email="contact@secours-nord.fr",
    )  # fmt: skip
    assert can_manage_organisation(user, organisation) is True


def test_a_manager_updates_the_fields_given(organisation, manager):
    updated = services.organisation_update(
        organisation=organisation, by=manager, name="Secours du Nord-Est", commune="Lens"
    )
    assert updated.pk == organisation.pk
    assert Organisation.objects.filter(pk=organisation.pk).values_list("name", "commune").get() == (
        "Secours du Nord-Est",
        "Lens",
    )


def test_an_update_is_refused_with_its_message(organisation):
    member = MembershipFactory(organisation=organisation, role=MEMBER).user
    refused(
        services.organisation_update,
        "Seuls les gestionnaires peuvent modifier l'organisation.",
        organisation=organisation,
        by=member,
        name="Autre",
    )
    assert Organisation.objects.get(pk=organisation.pk).name == "Secours du Nord"


# invitations


def test_only_managers_invite_with_the_message(organisation):
    member = MembershipFactory(organisation=organisation, role=MEMBER).user
    refused(
        services.invitation_create,
        "Seuls les gestionnaires peuvent inviter des membres.",
        organisation=organisation,
        email="a@example.org",
        by=member,
    )
    assert Invitation.objects.count() == 0


def test_an_invitation_keeps_the_role_chosen(organisation, manager, mailoutbox,
                                             django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            organisation=organisation, email="a@example.org", role=MANAGER, by=manager
        )
    assert list(Invitation.objects.values_list("email", "role", "invited_by")) == [
        ("a@example.org", MANAGER, manager.pk)
    ]
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


def test_inviting_revokes_only_the_pending_invitation_of_that_address(organisation, manager):
    long_ago = timezone.now() - timezone.timedelta(days=30)
    other = Invitation.objects.create(organisation=organisation, email="b@example.org")
    revoked = Invitation.objects.create(
        organisation=organisation, email="a@example.org", revoked_at=long_ago
    )
    accepted = Invitation.objects.create(
        organisation=organisation, email="a@example.org", accepted_at=long_ago
    )  # accepted, then the person left the organisation
    pending = Invitation.objects.create(organisation=organisation, email="a@example.org")
    new = services.invitation_create(organisation=organisation, email="A@example.org", by=manager)
    rows = dict(Invitation.objects.values_list("pk", "revoked_at"))
    assert rows[other.pk] is None
    assert rows[revoked.pk] == long_ago
    assert rows[accepted.pk] is None
    assert rows[pending.pk] is not None
    assert rows[new.pk] is None


def test_the_invitation_read_from_a_link_brings_its_organisation(organisation, manager,
                                                                django_assert_num_queries):  # fmt: skip
    invitation = services.invitation_create(
        organisation=organisation, email="a@example.org", by=manager
    )
    found = services.invitation_from_token(services.invitation_token(invitation))
    with django_assert_num_queries(0):
        assert found.organisation.name == "Secours du Nord"


def test_a_manager_invitation_makes_a_manager(organisation, manager):
    invitation = services.invitation_create(
        organisation=organisation, email="a@example.org", role=MANAGER, by=manager
    )
    newcomer = UserFactory(email="a@example.org")
    services.invitation_accept(token=services.invitation_token(invitation), by=newcomer)
    assert Membership.objects.get(user=newcomer).role == MANAGER


def test_a_manager_joining_an_orphaned_organisation_lists_it_again(organiser_invite_for):
    organisation, token, newcomer = organiser_invite_for(MANAGER)
    before = pagecache.version(pagecache.SITE)
    services.invitation_accept(token=token, by=newcomer)
    assert Organisation.objects.get(pk=organisation.pk).orphaned_at is None
    assert pagecache.version(pagecache.SITE) != before


def test_a_member_joining_an_orphaned_organisation_leaves_it_orphaned(organiser_invite_for):
    organisation, token, newcomer = organiser_invite_for(MEMBER)
    services.invitation_accept(token=token, by=newcomer)
    assert Organisation.objects.get(pk=organisation.pk).orphaned_at is not None


@pytest.fixture
def organiser_invite_for():
    def make(role):
        organisation = OrganisationFactory(orphaned_at=timezone.now())
        invitation = Invitation.objects.create(
            organisation=organisation, email="a@example.org", role=role
        )
        return (
            organisation,
            services.invitation_token(invitation),
            UserFactory(email="a@example.org"),
        )

    return make


def test_only_managers_revoke_with_the_message(organisation, manager):
    invitation = services.invitation_create(
        organisation=organisation, email="a@example.org", by=manager
    )
    member = MembershipFactory(organisation=organisation, role=MEMBER).user
    refused(
        services.invitation_revoke,
        "Seuls les gestionnaires peuvent annuler une invitation.",
        invitation=invitation,
        by=member,
    )


def test_revoking_writes_only_the_revocation(organisation, manager):
    stale = services.invitation_create(organisation=organisation, email="a@example.org", by=manager)
    Invitation.objects.filter(pk=stale.pk).update(role=MANAGER)
    services.invitation_revoke(invitation=stale, by=manager)
    fresh = Invitation.objects.get(pk=stale.pk)
    assert (fresh.revoked_at is not None, fresh.role) == (True, MANAGER)


# memberships


def test_only_managers_remove_others_with_the_message(organisation, manager):
    member = MembershipFactory(organisation=organisation, role=MEMBER)
    other = MembershipFactory(organisation=organisation, role=MEMBER).user
    refused(
        services.membership_remove,
        "Seuls les gestionnaires peuvent retirer un membre.",
        membership=member,
        by=other,
    )


def test_the_last_manager_cannot_leave_with_the_message(organisation, manager):
    MembershipFactory(organisation=organisation, role=MEMBER)  # members are not managers
    MembershipFactory(role=MANAGER)  # another organisation's manager does not count
    last = Membership.objects.get(user=manager)
    before = memberships()
    with pytest.raises(ValidationError) as error:
        services.membership_remove(membership=last, by=manager)
    assert error.value.messages == [
        "L'organisation doit garder au moins un gestionnaire\u202f: nommez-en un autre d'abord."
    ]
    assert memberships() == before


def test_a_manager_leaves_when_another_remains(organisation, manager):
    second = MembershipFactory(organisation=organisation, role=MANAGER)
    services.membership_remove(membership=Membership.objects.get(user=manager), by=manager)
    assert memberships() == [(organisation.pk, second.user_id, MANAGER)]


def test_only_managers_change_roles_with_the_message(organisation, manager):
    member = MembershipFactory(organisation=organisation, role=MEMBER)
    refused(
        services.membership_set_role,
        "Seuls les gestionnaires peuvent changer les rôles.",
        membership=member,
        role=MANAGER,
        by=member.user,
    )


def test_the_last_manager_cannot_step_down_whatever_other_organisations_have(organisation, manager):
    MembershipFactory(role=MANAGER)
    last = Membership.objects.get(user=manager)
    before = memberships()
    with pytest.raises(ValidationError) as error:
        services.membership_set_role(membership=last, role=MEMBER, by=manager)
    assert error.value.messages == ["L'organisation doit garder au moins un gestionnaire."]
    assert memberships() == before


def test_changing_a_role_writes_only_the_role(organisation, manager):
    stale = MembershipFactory(organisation=organisation, role=MEMBER)
    Membership.objects.filter(pk=stale.pk).update(function="Trésorière")
    services.membership_set_role(membership=stale, role=MANAGER, by=manager)
    assert Membership.objects.filter(pk=stale.pk).values_list("role", "function").get() == (
        MANAGER,
        "Trésorière",
    )
