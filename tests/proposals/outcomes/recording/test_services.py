import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals.outcomes.models import (
    Addressee,
    Outcome,
    OutcomeStatus,
    PolicyStatus,
    Revision,
)
from proposals.outcomes.recording import services
from tests.factories import OrganisationFactory, UserFactory
from tests.proposals.outcomes.conftest import proposal_data

pytestmark = pytest.mark.django_db


def record(session, by, *, version=0, proposals=None, **fields):
    fields.setdefault("summary", "Synthèse")
    return services.outcome_save(
        session=session,
        by=by,
        version=version,
        proposals=proposals if proposals is not None else [proposal_data("Fonds national")],
        attendee_count=fields.pop("attendee_count", 12),
        **fields,
    )


def test_outcome_save_creates_outcome_proposals_and_history(workshop_a, moderator, track_b):
    orgs = [OrganisationFactory(), OrganisationFactory()]
    outcome = record(
        workshop_a, moderator, organisations=orgs, findings="Constats",
        proposals=[
            proposal_data("Un", related_tracks=[track_b], addressees=list(Addressee.objects.filter(slug="senat"))),
            proposal_data("Deux"), proposal_data("Trois"),
        ],
    )  # fmt: skip
    assert outcome.version == 1
    assert outcome.status == OutcomeStatus.DRAFT
    assert sorted(o.pk for o in outcome.organisations.all()) == sorted(o.pk for o in orgs)
    proposals = list(outcome.policy_proposals.order_by("rank"))
    assert [(p.title, p.rank, p.track_id) for p in proposals] == [
        ("Un", 1, workshop_a.track_id), ("Deux", 2, workshop_a.track_id),
        ("Trois", 3, workshop_a.track_id),
    ]  # fmt: skip
    assert [s.pk for s in proposals[0].sources.all()] == [workshop_a.pk]
    assert [t.pk for t in proposals[0].related_tracks.all()] == [track_b.pk]
    assert [a.slug for a in proposals[0].addressees.all()] == ["senat"]
    revision = outcome.revisions.get()
    assert revision.by == moderator
    assert [p["title"] for p in revision.snapshot["policy_proposals"]] == ["Un", "Deux", "Trois"]
    assert Revision.objects.filter(policy_proposal__outcome=outcome).count() == 3


def test_outcome_save_stale_version_is_refused_and_nothing_lost(
    workshop_a, moderator, other_moderator
):
    outcome = record(workshop_a, moderator, summary="Première version")
    # Both open the form at version 1; the first one saves.
    record(workshop_a, moderator, version=1, summary="Amina", proposals=[
        {"id": outcome.policy_proposals.get().pk, **proposal_data("Fonds national")}])  # fmt: skip
    with pytest.raises(services.EditConflict) as conflict:
        record(workshop_a, other_moderator, version=1, summary="Bernard")
    assert conflict.value.current.summary == "Amina"
    outcome.refresh_from_db()
    assert (outcome.summary, outcome.version) == ("Amina", 2)
    assert outcome.revisions.count() == 2
    # Knowingly saving on top of the current version works and keeps the history.
    record(workshop_a, other_moderator, version=2, summary="Bernard")
    outcome.refresh_from_db()
    assert (outcome.summary, outcome.version) == ("Bernard", 3)
    assert list(outcome.revisions.values_list("snapshot__summary", flat=True)) == [
        "Bernard", "Amina", "Première version"
    ]  # fmt: skip


def test_outcome_second_first_save_is_a_conflict(workshop_a, moderator, other_moderator):
    record(workshop_a, moderator)
    with pytest.raises(services.EditConflict):
        record(workshop_a, other_moderator, version=0)
    assert Outcome.objects.count() == 1


def test_outcome_save_refused_to_moderator_of_another_track(workshop_b, moderator):
    with pytest.raises(PermissionDenied):
        record(workshop_b, moderator)
    assert Outcome.objects.count() == 0


def test_outcome_save_allowed_to_session_moderator(workshop_b):
    user = UserFactory()
    workshop_b.moderators.add(user)
    assert record(workshop_b, user).session == workshop_b


def test_outcome_submit_locks_it_until_an_organiser_reopens(workshop_a, moderator, organiser):
    outcome = record(workshop_a, moderator, submit=True)
    assert outcome.status == OutcomeStatus.SUBMITTED
    assert outcome.policy_proposals.get().status == PolicyStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        record(workshop_a, moderator, version=outcome.version)
    with pytest.raises(PermissionDenied):
        services.outcome_reopen(outcome=outcome, by=moderator)
    outcome = services.outcome_reopen(outcome=outcome, by=organiser)
    assert outcome.status == OutcomeStatus.DRAFT
    edited = record(workshop_a, moderator, version=outcome.version, summary="Complété")
    assert edited.summary == "Complété"


def test_outcome_submit_needs_a_proposal(workshop_a, moderator):
    with pytest.raises(ValidationError):
        record(workshop_a, moderator, proposals=[], submit=True)


def test_outcome_restore_brings_back_a_past_version_as_a_new_revision(
    workshop_a, moderator, organiser
):
    outcome = record(workshop_a, moderator, summary="Version A",
                     proposals=[proposal_data("A1"), proposal_data("A2")])  # fmt: skip
    first = outcome.revisions.get()
    kept = outcome.policy_proposals.get(title="A1")
    record(workshop_a, moderator, version=1, summary="Version B",
           proposals=[{"id": kept.pk, **proposal_data("A1 modifiée")}, proposal_data("B2")])  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.outcome_restore(outcome=outcome, revision=first, by=moderator)
    restored = services.outcome_restore(outcome=outcome, revision=first, by=organiser)
    assert restored.summary == "Version A"
    assert restored.version == 3
    assert sorted(restored.policy_proposals.values_list("title", flat=True)) == ["A1", "A2"]
    assert restored.policy_proposals.filter(pk=kept.pk).exists()
    assert list(restored.revisions.values_list("action", flat=True)) == [
        "restored", "updated", "created"
    ]  # fmt: skip
