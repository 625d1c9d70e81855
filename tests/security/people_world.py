"""The people of the permission matrix's world: two organisations and a user for every role
(members and managers, reviewers and moderators of each track, organisers), and the
organisations' pending invitations."""

from django.utils import timezone

from congress.organisations import services
from congress.organisations.models import Invitation, MembershipRole
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    TrackRoleFactory,
    UserFactory,
    make_participant,
)
from tracks.models import TrackRoleKind


def add_people(w) -> None:
    """Organisations, their members and managers, track roles and organisers."""
    o = w.objects
    edition, other = o["edition"], o["other_edition"]
    track_1, track_2 = o["track_1"], o["track_2"]
    # --- organisations and people ----------------------------------------------------------
    o["org_a"] = org_a = OrganisationFactory(
        name="Association A", slug="org-a", public_listing=False
    )
    o["org_b"] = org_b = OrganisationFactory(
        ccas=True, name="CCAS B", slug="org-b", public_listing=False
    )
    o["org_listed"] = OrganisationFactory(name="Association annuaire", slug="org-listed")
    o["org_orphaned"] = OrganisationFactory(
        name="Association orpheline", slug="org-orphaned", orphaned_at=timezone.now()
    )

    def member(organisation, role, name):
        membership = MembershipFactory(
            organisation=organisation, role=role, user=UserFactory(full_name=name)
        )
        return membership

    w.users["participant"] = participant = UserFactory(full_name="Paula Participante")
    o["participant_registration"] = make_participant(participant, edition)
    o["membership_member_a"] = member(org_a, MembershipRole.MEMBER, "Alice Membre-A")
    w.users["member_a"] = o["membership_member_a"].user
    w.users["manager_a"] = member(org_a, MembershipRole.MANAGER, "Arthur Gestionnaire-A").user
    o["membership_member_b"] = member(org_b, MembershipRole.MEMBER, "Bruno Membre-B")
    w.users["member_b"] = o["membership_member_b"].user
    w.users["manager_b"] = member(org_b, MembershipRole.MANAGER, "Béatrice Gestionnaire-B").user
    for role, track, kind in (
        ("reviewer_1", track_1, TrackRoleKind.REVIEWER),
        ("reviewer_2", track_2, TrackRoleKind.REVIEWER),
        ("moderator_1", track_1, TrackRoleKind.MODERATOR),
        ("moderator_2", track_2, TrackRoleKind.MODERATOR),
    ):
        w.users[role] = TrackRoleFactory(
            track=track, role=kind, user=UserFactory(full_name=role.replace("_", " "))
        ).user
    w.users["organiser"] = organiser = UserFactory(full_name="Olga Organisatrice")
    edition.organisers.add(organiser)
    w.users["organiser_other"] = UserFactory(full_name="Oscar Autre-Édition")
    other.organisers.add(w.users["organiser_other"])


def add_invitations(w) -> None:
    """A pending invitation to each organisation, and A's token."""
    o = w.objects
    org_a, org_b = o["org_a"], o["org_b"]
    manager_a, manager_b = w.users["manager_a"], w.users["manager_b"]
    # --- invitations -----------------------------------------------------------------------
    o["invitation_a"] = Invitation.objects.create(
        organisation=org_a, email="invitee-a@example.org", invited_by=manager_a
    )
    o["invitation_b"] = Invitation.objects.create(
        organisation=org_b, email="invitee-b@example.org", invited_by=manager_b
    )
    o["invitation_token_a"] = services.invitation_token(o["invitation_a"])
