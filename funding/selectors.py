"""Reads of calls for projects: applicants' lists, the jury's list, ranking, funded projects."""

from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet

from funding.models import (
    SUBMITTED_STATES,
    Application,
    ApplicationState,
    Attachment,
    FundingCall,
)
from proposals.permissions import user_organisation_ids


def calls_of(congress) -> QuerySet[FundingCall]:
    return FundingCall.objects.filter(congress=congress).order_by("opens_at", "pk")


def calls_for_organisers(congress) -> QuerySet[FundingCall]:
    """The edition's calls with their counts of submitted and granted applications."""
    return (
        calls_of(congress)
        .select_related("congress")
        .annotate(
            submitted_count=Count(
                "applications", filter=Q(applications__state__in=SUBMITTED_STATES)
            ),
            granted_count=Count(
                "applications", filter=Q(applications__state=ApplicationState.GRANTED)
            ),
        )
    )


def applications_of_user(user, congress) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            call__congress=congress, organisation_id__in=user_organisation_ids(user)
        )
        .select_related("call__congress", "organisation", "decision")
        .order_by("-updated_at", "pk")
    )


def application_for_page(congress, pk: int) -> Application:
    return (
        Application.objects.filter(call__congress=congress, pk=pk)
        .select_related("call__congress", "organisation", "created_by")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("kind")))
        .get()
    )


def applications_to_assess(user, call: FundingCall) -> QuerySet[Application]:
    """Submitted applications of the call, minus those of the juror's organisations."""
    return (
        Application.objects.filter(call=call, state__in=SUBMITTED_STATES)
        .exclude(organisation_id__in=user_organisation_ids(user))
        .select_related("organisation", "call")
        .annotate(my_assessments=Count("assessments", filter=Q(assessments__juror=user)))
        .order_by("title", "pk")
    )


def ranking(call: FundingCall) -> QuerySet[Application]:
    """Submitted applications, best weighted mean first (unassessed last)."""
    return (
        Application.objects.filter(call=call, state__in=SUBMITTED_STATES)
        .select_related("organisation", "call__congress", "decision")
        .annotate(
            mean_score=Avg("assessments__weighted_score"), assessment_count=Count("assessments")
        )
        .order_by(F("mean_score").desc(nulls_last=True), "title", "pk")
    )


def funded_projects(call: FundingCall) -> QuerySet[Application]:
    return (
        Application.objects.filter(call=call, state=ApplicationState.GRANTED)
        .select_related("organisation", "decision")
        .order_by("organisation__name", "title", "pk")
    )


def payment_rows(call: FundingCall) -> list[list]:
    """One row per granted project for the paying department (header first)."""
    header = [
        "Projet", "Structure", "SIRET", "RNA", "Département", "Montant demandé",
        "Montant accordé", "Conditions", "Décidé le",
    ]  # fmt: skip
    rows = [header]
    for a in funded_projects(call):
        rows.append(
            [
                a.title, a.organisation.name, a.organisation.siret, a.organisation.rna,
                a.organisation.departement, a.amount_requested, a.decision.amount_granted,
                a.decision.conditions, a.decision.decided_at.date(),
            ]
        )  # fmt: skip
    return rows
