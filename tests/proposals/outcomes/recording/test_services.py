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
from tests.spaces import plain
from tracks.models import SessionType

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
    restored, not_restored = services.outcome_restore(outcome=outcome, revision=first, by=organiser)
    assert not_restored == []
    assert restored.summary == "Version A"
    assert restored.version == 3
    assert sorted(restored.policy_proposals.values_list("title", flat=True)) == ["A1", "A2"]
    assert restored.policy_proposals.filter(pk=kept.pk).exists()
    assert list(restored.revisions.values_list("action", flat=True)) == [
        "restored", "updated", "created"
    ]  # fmt: skip


def test_outcome_save_unknown_field_is_a_programming_error(workshop_a, moderator):
    with pytest.raises(TypeError) as error:
        record(workshop_a, moderator, colour="bleu")
    assert str(error.value) == "Unknown outcome fields: ['colour']"
    assert Outcome.objects.count() == 0


def test_outcome_save_refused_for_a_session_that_is_not_a_workshop(congress, workshop_a, organiser):
    plenary = SessionType.objects.create(congress=congress, name="Plénière", slug="pleniere")
    workshop_a.session_type = plenary
    workshop_a.save(update_fields=["session_type"])
    with pytest.raises(ValidationError) as error:
        record(workshop_a, organiser)
    assert error.value.messages == ["Seuls les ateliers ont un compte rendu."]
    assert Outcome.objects.count() == 0


def test_outcome_save_of_a_version_that_does_not_exist_yet_is_refused(workshop_a, moderator):
    with pytest.raises(ValidationError) as error:
        record(workshop_a, moderator, version=1)
    assert plain(error.value.messages) == plain(
        ["Ce compte rendu n'existe pas encore : rechargez la page."]
    )
    assert Outcome.objects.count() == 0


def test_outcome_conflict_without_a_last_writer_names_someone(workshop_a, moderator):
    outcome = record(workshop_a, moderator)
    Outcome.objects.filter(pk=outcome.pk).update(updated_by=None)
    with pytest.raises(services.EditConflict) as conflict:
        record(workshop_a, moderator, version=0)
    assert conflict.value.messages[0].startswith("quelqu'un a enregistré ce compte rendu")


def test_outcome_save_deletes_the_editable_proposals_left_out(workshop_a, moderator):
    outcome = record(workshop_a, moderator, proposals=[proposal_data("A"), proposal_data("B")])
    kept = outcome.policy_proposals.get(title="A")
    record(workshop_a, moderator, version=1, proposals=[{"id": kept.pk, **proposal_data("A")}])
    assert list(outcome.policy_proposals.values_list("pk", flat=True)) == [kept.pk]
    kept.refresh_from_db()
    assert kept.version == 1  # unchanged: no new version, no revision
    assert Revision.objects.filter(policy_proposal=kept).count() == 1


def test_outcome_reopen_of_a_draft_is_refused(workshop_a, moderator, organiser):
    outcome = record(workshop_a, moderator)
    with pytest.raises(ValidationError) as error:
        services.outcome_reopen(outcome=outcome, by=organiser)
    assert error.value.messages == ["Ce compte rendu n'est pas transmis."]
    outcome.refresh_from_db()
    assert (outcome.status, outcome.version) == (OutcomeStatus.DRAFT, 1)


def test_outcome_restore_refuses_a_revision_of_another_outcome(
    workshop_a, workshop_b, moderator, organiser
):
    outcome = record(workshop_a, moderator, summary="A")
    other = record(workshop_b, organiser, summary="B")
    with pytest.raises(ValidationError) as error:
        services.outcome_restore(outcome=outcome, revision=other.revisions.get(), by=organiser)
    assert error.value.messages == ["Cette révision ne concerne pas ce compte rendu."]
    outcome.refresh_from_db()
    assert (outcome.summary, outcome.version) == ("A", 1)
