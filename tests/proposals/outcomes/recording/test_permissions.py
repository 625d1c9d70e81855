"""Who sees a policy proposal (issue 19): validated and merged ones are public; the others only
for organisers and the moderators of the proposal's track — never for anonymous visitors, other
tracks' moderators, inactive accounts or other editions' organisers."""

import pytest
from django.contrib.auth.models import AnonymousUser

from proposals.outcomes.models import PolicyStatus
from proposals.outcomes.recording.permissions import can_view_policy_proposal
from tests.factories import CongressFactory, PolicyProposalFactory, TrackRoleFactory, UserFactory
from tracks.models import TrackRoleKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "public"),
    [
        (PolicyStatus.VALIDATED, True),
        (PolicyStatus.MERGED, True),
        (PolicyStatus.SUBMITTED, False),
        (PolicyStatus.DRAFT, False),
        (PolicyStatus.SET_ASIDE, False),
    ],
)
def test_who_sees_a_policy_proposal(
    congress, track_a, track_b, moderator, organiser, status, public
):
    merged = status == PolicyStatus.MERGED
    result = PolicyProposalFactory(congress=congress, track=track_a) if merged else None
    proposal = PolicyProposalFactory(
        congress=congress, track=track_a, status=status, merged_into=result
    )
    other_track = UserFactory()
    TrackRoleFactory(track=track_b, user=other_track, role=TrackRoleKind.MODERATOR)
    other_edition = UserFactory()
    CongressFactory().organisers.add(other_edition)
    retired = UserFactory(is_active=False)
    TrackRoleFactory(track=track_a, user=retired, role=TrackRoleKind.MODERATOR)
    seen = {
        "anonymous": can_view_policy_proposal(AnonymousUser(), proposal),
        "someone": can_view_policy_proposal(UserFactory(), proposal),
        "other track's moderator": can_view_policy_proposal(other_track, proposal),
        "other edition's organiser": can_view_policy_proposal(other_edition, proposal),
        "inactive moderator": can_view_policy_proposal(retired, proposal),
        "track's moderator": can_view_policy_proposal(moderator, proposal),
        "organiser": can_view_policy_proposal(organiser, proposal),
    }
    assert seen == {
        "anonymous": public, "someone": public, "other track's moderator": public,
        "other edition's organiser": public, "inactive moderator": public,
        "track's moderator": True, "organiser": True,
    }  # fmt: skip
