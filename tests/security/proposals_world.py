"""Proposals in the permission matrix's world: workshop proposals of A and B at every state,
reviews, workshop outcomes with their policy proposals, endorsements and follow-ups."""

from django.utils import timezone

from proposals import services as proposal_services
from proposals.models import ProposalState
from proposals.outcomes.consolidation import services as consolidation_services
from proposals.outcomes.endorsements import services as endorsement_services
from proposals.outcomes.followup import services as followup_services
from proposals.outcomes.models import PolicyProposal, Revision
from proposals.outcomes.recording import services as outcome_services
from tests.factories import EndorsementPeriodFactory, WorkshopProposalFactory
from tests.factories.documents import pdf_upload


def add_proposals(w) -> None:
    """Workshop proposals (drafts, submitted, accepted, another edition's) and two reviews."""
    o = w.objects
    edition, other = o["edition"], o["other_edition"]
    org_a, org_b = o["org_a"], o["org_b"]
    track_1, track_2, track_other = o["track_1"], o["track_2"], o["track_other"]
    criteria, ws_1 = o["criteria"], o["workshop_1"]
    # --- proposals and reviews -------------------------------------------------------------
    now = timezone.now()
    o["proposal_draft_a"] = WorkshopProposalFactory(
        title="Proposition A brouillon",
        congress=edition,
        organisation=org_a,
        track=track_1,
        created_by=w.users["member_a"],
    )
    o["proposal_submitted_a"] = WorkshopProposalFactory(
        title="Proposition A soumise",
        congress=edition,
        organisation=org_a,
        track=track_1,
        state=ProposalState.SUBMITTED,
        submitted_at=now,
    )
    o["proposal_accepted_a"] = WorkshopProposalFactory(
        title="Proposition A acceptée",
        congress=edition,
        organisation=org_a,
        track=track_1,
        state=ProposalState.ACCEPTED,
        submitted_at=now,
        decided_at=now,
        session=ws_1,
    )
    o["proposal_draft_b"] = WorkshopProposalFactory(
        title="Proposition B brouillon", congress=edition, organisation=org_b, track=track_1
    )
    o["proposal_submitted_b"] = WorkshopProposalFactory(
        title="Proposition B soumise",
        congress=edition,
        organisation=org_b,
        track=track_2,
        state=ProposalState.SUBMITTED,
        submitted_at=now,
    )
    o["proposal_other"] = WorkshopProposalFactory(
        title="Proposition A autre édition",
        congress=other,
        organisation=org_a,
        track=track_other,
        state=ProposalState.ACCEPTED,
        submitted_at=now,
        decided_at=now,
    )
    scores = {c.pk: 4 for c in criteria}
    o["review_1"] = proposal_services.review_save(
        proposal=o["proposal_submitted_a"], by=w.users["reviewer_1"], scores=scores
    )
    o["review_2"] = proposal_services.review_save(
        proposal=o["proposal_submitted_b"], by=w.users["reviewer_2"], scores=scores
    )


def add_outcomes(w) -> None:
    """Outcomes of workshops 1, 2 and the other edition's, endorsements, follow-ups."""
    o = w.objects
    edition, other = o["edition"], o["other_edition"]
    ws_1, ws_2 = o["workshop_1"], o["workshop_2"]
    participant, organiser = w.users["participant"], w.users["organiser"]
    attendee = o["attendee"]

    # --- workshop outcomes, policy proposals, endorsements, follow-up ----------------------
    def record(session, by, prefix):
        outcome = outcome_services.outcome_save(
            session=session,
            by=by,
            version=0,
            submit=True,
            summary="Synthèse des échanges.",
            attendee_count=12,
            proposals=[
                {
                    "title": f"{prefix} {n}",
                    "statement": f"{prefix} {n} : ce qui doit changer.",
                    "rationale": "Constat partagé par les participants.",
                    "level": "national",
                }
                for n in ("validée", "soumise")
            ],
        )
        validated, submitted = PolicyProposal.objects.filter(outcome=outcome).order_by("rank")
        validated = consolidation_services.policy_proposal_validate(
            proposal=validated, by=organisers[session]
        )
        return outcome, validated, submitted

    organisers = {
        ws_1: organiser,
        ws_2: organiser,
        o["workshop_other"]: w.users["organiser_other"],
    }
    o["outcome_1"], o["policy_validated_1"], o["policy_submitted_1"] = record(
        ws_1, w.users["moderator_1"], "Piste 1"
    )
    o["outcome_2"], o["policy_validated_2"], o["policy_submitted_2"] = record(
        ws_2, w.users["moderator_2"], "Piste 2"
    )
    o["outcome_other"], o["policy_validated_other"], o["policy_submitted_other"] = record(
        o["workshop_other"], w.users["organiser_other"], "Autre édition"
    )
    for name in ("outcome_1", "outcome_2", "outcome_other"):
        o[f"{name}_revision"] = Revision.objects.filter(outcome=o[name]).order_by("pk").first()
    for name in ("policy_submitted_1", "policy_submitted_2", "policy_submitted_other"):
        o[f"{name}_revision"] = (
            Revision.objects.filter(policy_proposal=o[name]).order_by("pk").first()
        )
    EndorsementPeriodFactory(congress=edition)
    EndorsementPeriodFactory(congress=other)
    o["endorsement"] = endorsement_services.endorsement_create(
        proposal=o["policy_validated_1"], user=participant
    )
    o["endorsement_of_attendee"] = endorsement_services.endorsement_create(
        proposal=o["policy_validated_2"], user=attendee
    )
    o["followup"] = followup_services.followup_record(
        proposal=o["policy_validated_1"],
        by=organiser,
        status="sent",
        date=timezone.localdate(),
        institution="Assemblée nationale",
        document=pdf_upload("courrier.pdf"),
    )
    o["followup_other"] = followup_services.followup_record(
        proposal=o["policy_validated_other"],
        by=w.users["organiser_other"],
        status="sent",
        date=timezone.localdate(),
        institution="Sénat",
        document=pdf_upload("autre.pdf"),
    )
