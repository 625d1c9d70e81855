import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress.accounts.models import User
from congress.organisations.models import Membership, MembershipRole
from congress.profile import services
from tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_data_export_contains_account_and_memberships(client):
    membership = MembershipFactory(
        user=UserFactory(email="louise@example.org", phone="02 43 00 00 00")
    )
    client.force_login(membership.user)
    response = client.get(reverse("account_data_export"))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="mes-donnees-congres-solidarites.json"'
    )
    data = json.loads(response.content)
    assert data["congress"]["account"]["email"] == "louise@example.org"
    assert data["congress"]["account"]["phone"] == "02 43 00 00 00"
    assert [m["organisation"] for m in data["congress"]["memberships"]] == [
        membership.organisation.name
    ]


def test_data_export_requires_login(client):
    assert client.get(reverse("account_data_export")).status_code == 302


def test_delete_account_anonymises_and_logs_out(client):
    membership = MembershipFactory(
        user=UserFactory(email="louise@example.org", full_name="Louise Martin")
    )
    user = membership.user
    client.force_login(user)
    response = client.post(reverse("account_delete"), {"password": TEST_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.email, user.full_name, user.phone, user.is_active) == (
        f"supprime-{user.pk}@invalid.invalid",
        "Compte supprimé",
        "",
        False,
    )
    assert user.has_usable_password() is False
    assert Membership.objects.filter(user=user).count() == 0
    assert "_auth_user_id" not in client.session
    assert client.login(email="louise@example.org", password=TEST_PASSWORD) is False


def test_delete_account_wrong_password_changes_nothing(client):
    user = UserFactory(email="louise@example.org")
    client.force_login(user)
    response = client.post(reverse("account_delete"), {"password": "faux"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["Mot de passe incorrect."]
    assert User.objects.get(pk=user.pk).email == "louise@example.org"


def test_delete_account_refused_for_the_only_manager_of_an_organisation_with_members():
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    MembershipFactory(organisation=manager.organisation)
    with pytest.raises(ValidationError):
        services.user_delete_account(user=manager.user, password=TEST_PASSWORD)
    assert User.objects.get(pk=manager.user.pk).is_active is True


def test_data_export_includes_signups_proposals_reviews_and_endorsements():
    from proposals.outcomes.models import Endorsement
    from tests.factories import (
        PolicyProposalFactory,
        SessionFactory,
        WorkshopProposalFactory,
    )
    from tracks.models import WorkshopSignup

    user = UserFactory()
    session = SessionFactory(title="Atelier épicerie")
    WorkshopSignup.objects.create(session=session, user=user)
    WorkshopProposalFactory(congress=session.congress, created_by=user, title="Mon atelier")
    Endorsement.objects.create(
        proposal=PolicyProposalFactory(congress=session.congress, title="Fonds"), user=user
    )
    data = services.user_export_data(user=user)
    assert [s["workshop"] for s in data["tracks"]["workshop_signups"]] == ["Atelier épicerie"]
    assert [p["title"] for p in data["proposals"]["workshop_proposals_written"]] == ["Mon atelier"]
    assert [e["policy_proposal"] for e in data["proposals"]["endorsements"]] == ["Fonds"]
    services.user_delete_account(user=user, password=TEST_PASSWORD)
    assert WorkshopSignup.objects.count() == 0
    assert Endorsement.objects.count() == 1  # stays, as an anonymous count
