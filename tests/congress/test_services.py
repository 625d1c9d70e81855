import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congress.accounts import services
from congress.accounts.models import User
from congress.editions import services as editions_services
from congress.organisations import services as organisations_services
from congress.organisations.models import (
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db

ORG = dict(
    kind=OrganisationKind.ASSOCIATION,
    name="Épicerie solidaire du Maine",
    siret="73282932000074",
    rna="W723001234",
    commune="Le Mans",
    departement="72",
    contact_email="contact@epicerie.fr",
)


def test_user_sign_up_sends_confirmation_and_confirm_sets_date(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_sign_up(
            email="Louise@Example.org", full_name="Louise", password="x-Tr3s-long-pass"
        )
    assert user.email == "louise@example.org"
    assert user.email_confirmed is False
    (mail,) = mailoutbox
    assert (mail.to, mail.subject) == (
        ["louise@example.org"],
        "Confirmez votre adresse e-mail – Congrès des Solidarités",
    )
    assert mail.body.startswith("Bonjour Louise,\n")
    assert plain("Pour confirmer votre adresse e-mail, ouvrez ce lien :\nhttp") in plain(mail.body)
    token = mail.body.split("/account/confirm/")[1].split("/")[0]
    confirmed = services.user_confirm_email(token=token)
    assert confirmed.email_confirmed is True


def test_user_sign_up_with_an_existing_address_mails_its_owner_and_creates_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="louise@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.user_sign_up(
            email="LOUISE@example.org", full_name="L", password="x-Tr3s-long-pass"
        )
    assert result is None
    assert list(User.objects.values_list("pk", flat=True)) == [owner.pk]
    assert [m.to for m in mailoutbox] == [["louise@example.org"]]


def test_user_confirm_email_forged_token_is_refused():
    user = UserFactory(email_confirmed_at=None)
    token = services.email_confirmation_token(user)
    with pytest.raises(ValidationError) as error:
        services.user_confirm_email(token=token[:-2] + "xx")
    assert error.value.messages == ["Ce lien de confirmation n'est pas valide."]
    user.refresh_from_db()
    assert user.email_confirmed is False


def test_organisation_create_makes_creator_manager():
    user = UserFactory()
    organisation = organisations_services.organisation_create(by=user, **ORG)
    assert organisation.slug == "epicerie-solidaire-du-maine"
    assert list(organisation.memberships.values_list("user", "role")) == [
        (user.pk, MembershipRole.MANAGER)
    ]


def test_organisation_create_invalid_siret_changes_nothing():
    with pytest.raises(ValidationError) as error:
        organisations_services.organisation_create(
            by=UserFactory(), **(ORG | {"siret": "73282932000075"})
        )
    assert plain(error.value.message_dict["siret"]) == plain(
        ["Ce numéro SIRET n'est pas valide : la clé de contrôle ne correspond pas."]
    )
    assert Organisation.objects.count() == 0
    assert Membership.objects.count() == 0


def test_organisation_create_duplicate_siret_is_refused():
    OrganisationFactory(siret="73282932000074", rna="")
    with pytest.raises(ValidationError) as error:
        organisations_services.organisation_create(by=UserFactory(), **ORG)
    assert "siret" in error.value.message_dict
    assert Organisation.objects.count() == 1


def test_organisation_public_body_requires_siret():
    with pytest.raises(ValidationError) as error:
        organisations_services.organisation_create(
            by=UserFactory(), **(ORG | {"kind": OrganisationKind.CCAS, "siret": "", "rna": ""})
        )
    assert error.value.message_dict["siret"] == [
        "Le SIRET est obligatoire pour un organisme public."
    ]


def test_organisation_rna_only_for_associations():
    with pytest.raises(ValidationError) as error:
        organisations_services.organisation_create(
            by=UserFactory(), **(ORG | {"kind": OrganisationKind.CCAS})
        )
    assert error.value.message_dict["rna"] == ["Seules les associations ont un numéro RNA."]


def test_organisation_update_by_plain_member_is_forbidden():
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    with pytest.raises(PermissionDenied):
        organisations_services.organisation_update(
            organisation=membership.organisation, by=membership.user, name="Autre nom"
        )
    membership.organisation.refresh_from_db()
    assert membership.organisation.name != "Autre nom"


def test_invitation_accept_with_the_invited_address(mailoutbox, django_capture_on_commit_callbacks):
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        organisations_services.invitation_create(
            organisation=manager.organisation, email="Karim@Example.org", by=manager.user
        )
    (mail,) = mailoutbox
    assert (mail.to, mail.subject) == (
        ["karim@example.org"],
        f"Invitation à rejoindre {manager.organisation.name}",
    )
    assert (
        f"{manager.user.full_name} vous invite à rejoindre {manager.organisation.name}" in mail.body
    )
    # The mailed link carries this invitation's signed token (its timestamp is the sending's
    # second, so it is read from the mail rather than signed again).
    token = re.search(r"/invitations/([^/\s]+)/", mail.body).group(1)
    invitee = UserFactory(email="karim@example.org", email_confirmed_at=None)
    membership = organisations_services.invitation_accept(token=token, by=invitee)
    assert (membership.organisation, membership.role) == (
        manager.organisation,
        MembershipRole.MEMBER,
    )
    invitee.refresh_from_db()
    assert invitee.email_confirmed is True
    # The link cannot be replayed.
    with pytest.raises(ValidationError):
        organisations_services.invitation_accept(token=token, by=invitee)


def test_invitation_accept_by_someone_else_is_forbidden():
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    invitation = organisations_services.invitation_create(
        organisation=manager.organisation, email="karim@example.org", by=manager.user
    )
    with pytest.raises(PermissionDenied):
        organisations_services.invitation_accept(
            token=organisations_services.invitation_token(invitation), by=UserFactory()
        )
    assert Invitation.objects.get().is_pending


def test_invitation_create_by_member_is_forbidden():
    member = MembershipFactory(role=MembershipRole.MEMBER)
    with pytest.raises(PermissionDenied):
        organisations_services.invitation_create(
            organisation=member.organisation, email="x@example.org", by=member.user
        )
    assert Invitation.objects.count() == 0


def test_invitation_create_twice_revokes_the_first():
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    first = organisations_services.invitation_create(
        organisation=manager.organisation, email="x@example.org", by=manager.user
    )
    second = organisations_services.invitation_create(
        organisation=manager.organisation, email="x@example.org", by=manager.user
    )
    first.refresh_from_db()
    assert (first.is_pending, second.is_pending) == (False, True)


def test_membership_remove_last_manager_is_refused():
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    with pytest.raises(ValidationError):
        organisations_services.membership_remove(membership=manager, by=manager.user)
    assert Membership.objects.filter(pk=manager.pk).exists()


def test_membership_remove_member_by_manager():
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    member = MembershipFactory(organisation=manager.organisation)
    organisations_services.membership_remove(membership=member, by=manager.user)
    assert list(Membership.objects.values_list("pk", flat=True)) == [manager.pk]


def test_organiser_grant_admin_gives_admin_permissions_of_the_apps(client):
    from tests.factories import CongressFactory

    congress = CongressFactory()
    user = UserFactory()
    editions_services.organiser_grant_admin(user=user, congress=congress)
    user = type(user).objects.get(pk=user.pk)
    assert user.is_staff is True
    assert user.has_perm("congress.change_organisation") is True
    assert user.has_perm("auth.change_user") is False
    assert list(congress.organisers.all()) == [user]
    client.force_login(user)
    assert client.get("/admin/congress/organisation/").status_code == 200


def test_mail_server_failure_after_commit_is_logged_not_raised(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from congress.accounts import emails

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(emails, "send_email_confirmation", broken)
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_sign_up(
            email="l@example.org", full_name="L", password="x-Tr3s-long-pass"
        )
    assert user.pk is not None
    assert "Email broken could not be sent" in caplog.text


def test_member_can_leave_their_organisation():
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    member = MembershipFactory(organisation=manager.organisation)
    organisations_services.membership_remove(membership=member, by=member.user)
    assert list(Membership.objects.values_list("pk", flat=True)) == [manager.pk]


def test_member_cannot_remove_another_member():
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    a = MembershipFactory(organisation=manager.organisation)
    b = MembershipFactory(organisation=manager.organisation)
    with pytest.raises(PermissionDenied):
        organisations_services.membership_remove(membership=b, by=a.user)
    assert Membership.objects.filter(pk=b.pk).exists()
