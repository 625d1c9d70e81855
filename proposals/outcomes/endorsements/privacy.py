"""Personal data of endorsements (GDPR export and erasure), under the ``proposals`` app's key.

Endorsements stay as anonymous counts once the person erases their account.
"""

from proposals.outcomes.endorsements.models import Endorsement


def export(user) -> dict:
    return {
        "endorsements": [
            {"policy_proposal": e.proposal.title, "at": e.created_at.isoformat()}
            for e in Endorsement.objects.filter(user=user).select_related("proposal")
        ],
    }


def erase(user) -> None:
    """Endorsements become anonymous: their counts stay, without the person."""
    Endorsement.objects.filter(user=user).update(user=None)
