"""Personal data of the proposals app (GDPR export and erasure).

Workshop proposals belong to their organisation and reviews to the committee's record: they stay,
attached to the anonymised account. Endorsements stay as anonymous counts.
"""

from proposals.models import Review, WorkshopProposal
from proposals.outcomes.models import Endorsement


def export(user) -> dict:
    return {
        "workshop_proposals_written": [
            {"congress": p.congress.name, "title": p.title, "state": p.state}
            for p in WorkshopProposal.objects.filter(created_by=user).select_related("congress")
        ],
        "reviews": [
            {
                "proposal": r.proposal.title,
                "comment_committee": r.comment_committee,
                "comment_authors": r.comment_authors,
            }
            for r in Review.objects.filter(reviewer=user).select_related("proposal")
        ],
        "endorsements": [
            {"policy_proposal": e.proposal.title, "at": e.created_at.isoformat()}
            for e in Endorsement.objects.filter(user=user).select_related("proposal")
        ],
    }


def erase(user) -> None:
    """Endorsements become anonymous (their counts stay); proposals and reviews stay, attached
    to the anonymised account."""
    Endorsement.objects.filter(user=user).update(user=None)
