"""What an erased account leaves (review issue 10, finding 6): no endorsement pointing to the
person, nothing personal on the user row, and no organisation left public with nobody to manage
it: those go to the organisers, who invite a new manager."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from congress.organisations import services as organisations_services
from congress.organisations.models import Invitation, Membership, MembershipRole
from congress.profile import services
from proposals.outcomes.endorsements import services as outcome_services
from proposals.outcomes.models import Endorsement
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    EndorsementPeriodFactory,
    MembershipFactory,
    PolicyProposalFactory,
    UserFactory,
    make_participant,
)

pytestmark = pytest.mark.django_db


def test_erasure_anonymises_endorsements_and_keeps_counts():
    congress = CongressFactory()
    EndorsementPeriodFactory(congress=congress)
    proposal = PolicyProposalFactory(congress=congress, status="validated")
    leaving, staying = UserFactory(), UserFactory()
    for user in (leaving, staying):
        make_participant(user, congress)
        outcome_services.endorsement_create(proposal=proposal, user=user)
    services.user_delete_account(user=leaving, password=TEST_PASSWORD)
    assert Endorsement.objects.filter(proposal=proposal).count() == 2
    assert Endorsement.objects.filter(user=leaving).count() == 0
    assert sorted(Endorsement.objects.values_list("user", flat=True), key=str) == sorted(
        [None, staying.pk], key=str
    )


def test_erasure_clears_every_personal_field_of_the_user_row(client):
    user = UserFactory(phone="06 12 34 56 78", preferred_language="en")
    client.force_login(user)  # sets last_login
    user.refresh_from_db()
    assert user.last_login is not None
    services.user_delete_account(user=user, password=TEST_PASSWORD)
    user.refresh_from_db()
    assert user.last_login is None
    assert user.email_confirmed_at is None
    assert (user.phone, user.preferred_language, user.is_active) == ("", "fr", False)
    assert user.email == f"supprime-{user.pk}@invalid.invalid"
    assert not user.has_usable_password()


def test_organisation_of_an_erased_sole_manager_goes_to_the_organisers(client, mailoutbox):
    membership = MembershipFactory(role=MembershipRole.MANAGER)
    organisation = membership.organisation
    services.user_delete_account(user=membership.user, password=TEST_PASSWORD)
    organisation.refresh_from_db()
    assert organisation.orphaned_at is not None

    # Hidden from the public directory, page and API.
    assert organisation.name not in client.get(reverse("organisation_list")).text
    assert client.get(organisation.get_absolute_url()).status_code == 404
    api = APIClient()
    assert api.get("/api/v1/organisations/").json()["count"] == 0
    assert api.get(f"/api/v1/organisations/{organisation.slug}/").status_code == 404

    # Listed for organisers, reachable from the staff home; they invite a new manager.
    organiser = UserFactory()
    CongressFactory().organisers.add(organiser)
    client.force_login(organiser)
    assert reverse("orphaned_organisations") in client.get(reverse("staff_home")).text
    page = client.get(reverse("orphaned_organisations"))
    assert organisation.name in page.text
    response = client.post(
        reverse("orphaned_organisation_invite", args=[organisation.slug]),
        {"email": "nouvelle@example.org"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=organisation)
    assert (invitation.email, invitation.role) == ("nouvelle@example.org", MembershipRole.MANAGER)

    # Once someone manages it again, it is back in the directory.
    newcomer = UserFactory(email="nouvelle@example.org")
    organisations_services.invitation_accept(
        token=organisations_services.invitation_token(invitation), by=newcomer
    )
    organisation.refresh_from_db()
    assert organisation.orphaned_at is None
    assert Membership.objects.get(organisation=organisation).user == newcomer
    assert api.get("/api/v1/organisations/").json()["count"] == 1


def test_only_organisers_invite_for_orphans_and_only_for_orphans(client):
    organisation = MembershipFactory(role=MembershipRole.MANAGER).organisation
    organiser = UserFactory()
    CongressFactory().organisers.add(organiser)
    from congress.editions import services as editions_services

    with pytest.raises(PermissionDenied):  # not orphaned: its managers invite
        editions_services.orphaned_organisation_invite(
            organisation=organisation, email="x@example.org", by=organiser
        )
    organisation.orphaned_at = timezone.now()
    organisation.save()
    with pytest.raises(PermissionDenied):  # not an organiser
        editions_services.orphaned_organisation_invite(
            organisation=organisation, email="x@example.org", by=UserFactory()
        )
    client.force_login(UserFactory())
    assert client.get(reverse("orphaned_organisations")).status_code == 403
