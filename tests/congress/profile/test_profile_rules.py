"""The rules of congress/profile/services.py that the other tests leave open (issue 19): what
the export carries, which sole managers may not leave, every account field the erasure resets,
and the order in which the sub-domains let go of a person."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress.accounts.models import User
from congress.organisations.models import Membership, MembershipRole
from congress.profile import services
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def sole_manager_message(name):
    return (
        f"Vous êtes le seul gestionnaire de «\u202f{name}\u202f»\u202f: nommez un autre "
        "gestionnaire avant de supprimer votre compte."
    )


def test_the_export_names_its_format_and_when_it_was_made():
    user = UserFactory(email="odette.lanvin@example.org")
    before = timezone.now()
    data = services.user_export_data(user=user)
    after = timezone.now()
    assert data["format"] == "congres-solidarites/personal-data/1"
    assert before <= datetime.fromisoformat(data["exported_at"]) <= after


def test_the_export_gathers_every_sub_domain_of_an_app_under_its_label():
    membership = MembershipFactory(user=UserFactory(email="odette.lanvin@example.org"))
    data = services.user_export_data(user=membership.user)
    # congress.accounts and congress.organisations both export under « congress ».
    assert data["congress"]["account"]["email"] == "odette.lanvin@example.org"
    assert data["congress"]["memberships"][0]["organisation"] == membership.organisation.name
    assert {"congress", "tracks", "proposals"} <= set(data)


def test_a_wrong_password_is_refused_on_the_password_field_and_erases_nothing():
    user = UserFactory(email="odette.lanvin@example.org")
    membership = MembershipFactory(user=user)
    with pytest.raises(ValidationError) as excinfo:
        services.user_delete_account(user=user, password="pas le bon")
    assert excinfo.value.message_dict == {"password": ["Mot de passe incorrect."]}
    assert User.objects.get(pk=user.pk).email == "odette.lanvin@example.org"
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_sole_manager_of_an_organisation_with_members_is_refused_by_its_name():
    organisation = OrganisationFactory(name="Épicerie solidaire du Mans")
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER)
    with pytest.raises(ValidationError) as excinfo:
        services.user_delete_account(user=manager, password=TEST_PASSWORD)
    assert excinfo.value.messages == [sole_manager_message("Épicerie solidaire du Mans")]
    assert User.objects.get(pk=manager.pk).is_active is True
    assert Membership.objects.filter(user=manager).exists()


def test_the_refusal_names_the_organisation_left_without_manager_among_several():
    manager = UserFactory()
    shared = OrganisationFactory(name="Banque alimentaire de la Sarthe")
    MembershipFactory(user=manager, organisation=shared, role=MembershipRole.MANAGER)
    MembershipFactory(organisation=shared, role=MembershipRole.MANAGER)
    alone = OrganisationFactory(name="Restos du cœur d'Allonnes")
    MembershipFactory(user=manager, organisation=alone, role=MembershipRole.MANAGER)
    MembershipFactory(organisation=alone, role=MembershipRole.MEMBER)
    with pytest.raises(ValidationError) as excinfo:
        services.user_delete_account(user=manager, password=TEST_PASSWORD)
    assert excinfo.value.messages == [sole_manager_message("Restos du cœur d'Allonnes")]


def test_a_manager_beside_another_manager_may_leave():
    organisation = OrganisationFactory()
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER)
    MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER)
    services.user_delete_account(user=manager, password=TEST_PASSWORD)
    assert User.objects.get(pk=manager.pk).is_active is False


def test_the_sole_member_of_an_organisation_may_leave_as_its_manager():
    manager = MembershipFactory(role=MembershipRole.MANAGER).user
    services.user_delete_account(user=manager, password=TEST_PASSWORD)
    assert User.objects.get(pk=manager.pk).is_active is False


def test_a_plain_member_beside_no_manager_may_leave():
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER)
    services.user_delete_account(user=member, password=TEST_PASSWORD)
    assert User.objects.get(pk=member.pk).is_active is False


def test_the_erased_account_keeps_no_name_right_or_role():
    user = UserFactory(
        email="odette.lanvin@example.org",
        full_name="Odette Lanvin-Beaumarchais",
        phone="06 12 34 56 78",
        preferred_language="en",
        is_staff=True,
        is_superuser=True,
        last_login=timezone.now() - timedelta(days=1),
    )
    user.groups.add(Group.objects.create(name="Bénévoles"))
    user.user_permissions.add(Permission.objects.first())
    congress = CongressFactory()
    congress.organisers.add(user)
    services.user_delete_account(user=user, password=TEST_PASSWORD)
    erased = User.objects.get(pk=user.pk)
    assert (
        erased.email,
        erased.full_name,
        erased.phone,
        erased.preferred_language,
        erased.last_login,
        erased.email_confirmed_at,
        erased.is_active,
        erased.is_staff,
        erased.is_superuser,
        erased.has_usable_password(),
    ) == (
        f"supprime-{user.pk}@invalid.invalid",
        "Compte supprimé",
        "",
        "fr",
        None,
        None,
        False,
        False,
        False,
        False,
    )
    assert not erased.groups.exists()
    assert not erased.user_permissions.exists()
    assert not congress.organisers.filter(pk=user.pk).exists()
    assert Group.objects.filter(name="Bénévoles").exists()


def test_the_sub_domains_let_go_of_a_person_in_reverse_order(monkeypatch):
    erased = []

    def module(name):
        return SimpleNamespace(erase=lambda user: erased.append((name, user.email)))

    modules = [("congress", module("first")), ("tracks", module("second"))]
    monkeypatch.setattr(services, "_privacy_modules", lambda: iter(modules))
    user = UserFactory(email="odette.lanvin@example.org")
    services.user_delete_account(user=user, password=TEST_PASSWORD)
    # Each sub-domain still sees the person's address: the account is anonymised after them.
    assert erased == [
        ("second", "odette.lanvin@example.org"),
        ("first", "odette.lanvin@example.org"),
    ]
