"""Personal data of the proposals app (GDPR export and erasure).

Workshop proposals belong to their organisation and reviews to the committee's record: they stay,
attached to the anonymised account. Endorsements: proposals/outcomes/endorsements/privacy.py.
"""

from proposals.models import Review, WorkshopProposal


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
    }


def erase(user) -> None:
    """Nothing to delete: proposals and reviews stay, attached to the anonymised account."""
