"""The exact rules of the recording services (issue 19): who may save, submit, reopen and restore
an outcome (exact French refusals), the versions each write gives the outcome and its policy
proposals, who is recorded as the author of every revision and audit entry, the submission date,
and what a restore brings back (fields, organisations, proposals, the note of its revision)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from proposals.outcomes.consolidation import services as consolidation
from proposals.outcomes.models import (
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
    Revision,
    RevisionAction,
)
from proposals.outcomes.recording import services
from tests.factories import OrganisationFactory, UserFactory
from tests.proposals.outcomes.conftest import proposal_data

pytestmark = pytest.mark.django_db

CANNOT_EDIT = "Vous ne pouvez pas modifier le compte rendu de cet atelier."
NO_PROPOSAL = "Ajoutez au moins une proposition avant de transmettre."
CONFLICT = (
    "Amina Animatrice a enregistré ce compte rendu pendant que vous le modifiiez. Rien n'a été "
    "écrasé\u202f: comparez sa version à la vôtre ci-dessous, puis enregistrez à nouveau."
)
# 08:05 UTC is 09:05 in Paris (TIME_ZONE) on 14 March 2026.
PAST = datetime.datetime(2026, 3, 14, 8, 5, tzinfo=datetime.UTC)


def record(session, by, *, version=0, proposals=None, **fields):
    fields.setdefault("summary", "Synthèse")
    fields.setdefault("attendee_count", 12)
    return services.outcome_save(
        session=session,
        by=by,
        version=version,
        proposals=proposals if proposals is not None else [proposal_data("Fonds national")],
        **fields,
    )


def dated(revision):
    """The revision, moved to PAST (the restore note shows the date of the chosen version)."""
    Revision.objects.filter(pk=revision.pk).update(at=PAST)
    revision.refresh_from_db()
    return revision


# --- outcome_save ------------------------------------------------------------------------------


def test_save_by_someone_who_cannot_edit_is_refused_with_the_exact_message(workshop_a):
    with pytest.raises(PermissionDenied) as denied:
        record(workshop_a, UserFactory())
    assert str(denied.value) == CANNOT_EDIT
    assert not Outcome.objects.exists()
    assert not PolicyProposal.objects.exists()


def test_saving_for_submission_without_proposal_is_refused_and_writes_nothing(
    workshop_a, moderator
):
    with pytest.raises(ValidationError) as refused:
        record(workshop_a, moderator, proposals=[], submit=True)
    assert refused.value.messages == [NO_PROPOSAL]
    assert refused.value.code is None
    assert not Outcome.objects.exists()
    assert not Revision.objects.exists()


def test_stale_save_names_who_saved_in_the_exact_conflict_message(
    workshop_a, moderator, other_moderator
):
    record(workshop_a, moderator)
    with pytest.raises(services.EditConflict) as conflict:
        record(workshop_a, other_moderator, version=0, summary="Bernard")
    assert conflict.value.messages == [CONFLICT]
    assert conflict.value.code == "conflict"
    assert Outcome.objects.get().summary == "Synthèse"


def test_saving_for_submission_dates_it_and_records_a_submission_by_the_moderator(
    workshop_a, moderator
):
    before = timezone.now()
    outcome = record(workshop_a, moderator, submit=True)
    after = timezone.now()
    outcome.refresh_from_db()
    assert outcome.status == OutcomeStatus.SUBMITTED
    assert before <= outcome.submitted_at <= after
    revision = outcome.revisions.get()
    assert (revision.action, revision.by) == (RevisionAction.SUBMITTED, moderator)
    proposal = outcome.policy_proposals.get()
    assert proposal.status == PolicyStatus.SUBMITTED
    assert [(r.action, r.by) for r in proposal.revisions.all()] == [
        (RevisionAction.CREATED, moderator)
    ]


def test_changing_a_proposal_bumps_its_version_by_one_and_records_an_update_by_its_author(
    workshop_a, moderator, other_moderator
):
    outcome = record(workshop_a, moderator)
    proposal = outcome.policy_proposals.get()
    assert proposal.version == 1
    record(workshop_a, other_moderator, version=1, proposals=[
        {"id": proposal.pk, **proposal_data("Fonds national élargi")}
    ])  # fmt: skip
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Fonds national élargi", 2)
    assert [(r.action, r.by, r.snapshot["version"]) for r in proposal.revisions.all()] == [
        (RevisionAction.UPDATED, other_moderator, 2),
        (RevisionAction.CREATED, moderator, 1),
    ]
    record(workshop_a, moderator, version=2, proposals=[
        {"id": proposal.pk, **proposal_data("Fonds national partagé")}
    ])  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.version == 3
    assert [r.snapshot["version"] for r in proposal.revisions.all()] == [3, 2, 1]


def test_saving_a_proposal_unchanged_leaves_its_version_and_history(workshop_a, moderator):
    outcome = record(workshop_a, moderator)
    proposal = outcome.policy_proposals.get()
    record(workshop_a, moderator, version=1, summary="Autre synthèse",
           proposals=[{"id": proposal.pk, **proposal_data("Fonds national")}])  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.version == 1
    assert proposal.revisions.count() == 1


# --- outcome_submit ----------------------------------------------------------------------------


def test_submit_by_someone_who_cannot_edit_is_refused_with_the_exact_message(workshop_a, moderator):
    record(workshop_a, moderator)
    with pytest.raises(PermissionDenied) as denied:
        services.outcome_submit(session=workshop_a, by=UserFactory(), version=1)
    assert str(denied.value) == CANNOT_EDIT
    assert Outcome.objects.get().status == OutcomeStatus.DRAFT


def test_submitting_a_draft_without_proposal_is_refused_with_the_exact_message(
    workshop_a, moderator
):
    record(workshop_a, moderator, proposals=[])
    with pytest.raises(ValidationError) as refused:
        services.outcome_submit(session=workshop_a, by=moderator, version=1)
    assert refused.value.messages == [NO_PROPOSAL]
    outcome = Outcome.objects.get()
    assert (outcome.status, outcome.version, outcome.submitted_at) == (
        OutcomeStatus.DRAFT, 1, None
    )  # fmt: skip


def test_submitting_dates_it_and_records_who_submitted_the_outcome_and_its_proposals(
    workshop_a, moderator, other_moderator
):
    outcome = record(workshop_a, moderator)
    proposal = outcome.policy_proposals.get()
    before = timezone.now()
    services.outcome_submit(session=workshop_a, by=other_moderator, version=1)
    after = timezone.now()
    outcome.refresh_from_db()
    assert (outcome.status, outcome.version, outcome.updated_by) == (
        OutcomeStatus.SUBMITTED, 2, other_moderator
    )  # fmt: skip
    assert before <= outcome.submitted_at <= after
    latest = outcome.revisions.first()
    assert (latest.action, latest.by) == (RevisionAction.SUBMITTED, other_moderator)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.version) == (PolicyStatus.SUBMITTED, 2)
    assert [(r.action, r.by) for r in proposal.revisions.all()] == [
        (RevisionAction.UPDATED, other_moderator),
        (RevisionAction.CREATED, moderator),
    ]


# --- outcome_reopen ----------------------------------------------------------------------------


def test_reopen_by_a_moderator_is_refused_with_the_exact_message(workshop_a, moderator):
    outcome = record(workshop_a, moderator, submit=True)
    with pytest.raises(PermissionDenied) as denied:
        services.outcome_reopen(outcome=outcome, by=moderator)
    assert str(denied.value) == "Seuls les organisateurs rouvrent un compte rendu."
    outcome.refresh_from_db()
    assert (outcome.status, outcome.version) == (OutcomeStatus.SUBMITTED, 1)


def test_reopening_adds_one_version_and_records_the_organiser_in_history_and_audit(
    workshop_a, moderator, organiser
):
    record(workshop_a, moderator)
    outcome = record(workshop_a, moderator, version=1, submit=True)
    assert outcome.version == 2
    services.outcome_reopen(outcome=outcome, by=organiser)
    outcome.refresh_from_db()
    assert (outcome.status, outcome.version, outcome.updated_by) == (
        OutcomeStatus.DRAFT, 3, organiser
    )  # fmt: skip
    latest = outcome.revisions.first()
    assert (latest.action, latest.by, latest.snapshot["version"]) == (
        RevisionAction.REOPENED, organiser, 3
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="outcome.reopened")
    assert (entry.actor, entry.target_id, entry.details) == (organiser, str(outcome.pk), {})


# --- outcome_restore ---------------------------------------------------------------------------


def test_restore_by_a_moderator_is_refused_with_the_exact_message(workshop_a, moderator):
    outcome = record(workshop_a, moderator)
    with pytest.raises(PermissionDenied) as denied:
        services.outcome_restore(outcome=outcome, revision=outcome.revisions.get(), by=moderator)
    assert str(denied.value) == "Seuls les organisateurs restaurent une version."
    assert Outcome.objects.get().version == 1


def test_restore_brings_back_fields_organisations_and_proposals_as_drafts_by_the_organiser(
    workshop_a, moderator, organiser
):
    first_orgs = [OrganisationFactory()]
    outcome = record(workshop_a, moderator, summary="Version A", organisations=first_orgs)
    proposal = outcome.policy_proposals.get()
    version_a = dated(outcome.revisions.get())
    record(workshop_a, moderator, version=1, summary="Version B",
           organisations=[OrganisationFactory()],
           proposals=[{"id": proposal.pk, **proposal_data("Fonds B")}])  # fmt: skip
    restored, not_restored = services.outcome_restore(
        outcome=outcome, revision=version_a, by=organiser
    )
    assert not_restored == []
    restored.refresh_from_db()
    assert (restored.summary, restored.version, restored.updated_by) == (
        "Version A", 3, organiser
    )  # fmt: skip
    assert [o.pk for o in restored.organisations.all()] == [first_orgs[0].pk]
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status, proposal.version) == (
        "Fonds national", PolicyStatus.DRAFT, 3
    )  # fmt: skip
    latest = proposal.revisions.first()
    assert (latest.action, latest.by) == (RevisionAction.UPDATED, organiser)
    revision = restored.revisions.first()
    note = "Version du 14/03/2026 09:05"
    assert (revision.action, revision.by, revision.note) == (
        RevisionAction.RESTORED, organiser, note
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="outcome.restored")
    assert (entry.actor, entry.details) == (organiser, {"note": note})


def test_restore_of_a_partial_snapshot_keeps_the_fields_it_lacks(workshop_a, moderator, organiser):
    outcome = record(workshop_a, moderator, findings="Constats actuels",
                     organisations=[OrganisationFactory()])  # fmt: skip
    # An older snapshot format: only the summary.
    old = dated(Revision.objects.create(
        congress_id=outcome.congress_id, outcome=outcome, action=RevisionAction.CREATED,
        by=moderator, snapshot={"summary": "Ancienne synthèse"},
    ))  # fmt: skip
    restored, not_restored = services.outcome_restore(outcome=outcome, revision=old, by=organiser)
    assert not_restored == []
    restored.refresh_from_db()
    assert (restored.summary, restored.findings, restored.attendee_count) == (
        "Ancienne synthèse", "Constats actuels", 12
    )  # fmt: skip
    assert list(restored.organisations.all()) == []
    assert list(restored.policy_proposals.all()) == []
    assert restored.revisions.first().note == "Version du 14/03/2026 09:05"


def test_restore_note_counts_the_consolidated_proposals_after_the_date(
    workshop_a, moderator, organiser
):
    outcome = record(workshop_a, moderator, submit=True,
                     proposals=[proposal_data("Écartée"), proposal_data("Reste")])  # fmt: skip
    version_a = dated(outcome.revisions.get())
    aside = outcome.policy_proposals.get(title="Écartée")
    consolidation.policy_proposal_set_aside(proposal=aside, by=organiser, reason="Hors sujet")
    restored, not_restored = services.outcome_restore(
        outcome=outcome, revision=version_a, by=organiser
    )
    assert [p.pk for p in not_restored] == [aside.pk]
    note = "Version du 14/03/2026 09:05 – 1 proposition consolidée depuis n'est pas restaurée"
    assert restored.revisions.first().note == note
    assert AuditEntry.objects.get(action="outcome.restored").details == {"note": note}
