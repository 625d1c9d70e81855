"""Reads of partners' proposals: the partners a person manages, their proposals, the
organisers' list filtered by status."""

from django.db.models import QuerySet

from congress.editions.partners import Partner
from tracks.activity_proposals.models import ActivityProposal, ActivityProposalStatus


def partners_managed(user, congress) -> QuerySet[Partner]:
    if not user.is_authenticated or not user.is_active:
        return Partner.objects.none()
    return Partner.objects.filter(
        congress=congress,
        organisation__memberships__user=user,
        organisation__memberships__role="manager",
    ).order_by("name")


def _with_relations(qs: QuerySet[ActivityProposal]) -> QuerySet[ActivityProposal]:
    return qs.select_related("partner", "venue", "session_type", "track", "session")


def proposals_of_partners(partners) -> QuerySet[ActivityProposal]:
    return _with_relations(ActivityProposal.objects.filter(partner__in=partners)).order_by(
        "-created_at", "-pk"
    )


def proposals_for_organisers(congress, *, status: str = "") -> QuerySet[ActivityProposal]:
    qs = ActivityProposal.objects.filter(congress=congress)
    if status in ActivityProposalStatus.values:
        qs = qs.filter(status=status)
    return _with_relations(qs).order_by("starts_at", "pk")
