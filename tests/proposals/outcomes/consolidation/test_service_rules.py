"""The exact rules of the consolidation services (issue 19): the French refusal messages, the
version bump of each write (+1, once), who is recorded in the history and audit log and with
which note, what a merge or a split takes from the originals (rationale, level, rank, tracks,
supporters) and what a restore writes in the history (the restored version's local date)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from proposals.outcomes.consolidation import services
from proposals.outcomes.models import Endorsement, PolicyStatus
from proposals.outcomes.recording.history import EditConflict
from proposals.outcomes.recording.models import Revision, RevisionAction
from tests.factories import CongressFactory, PolicyProposalFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db


def last_revision(proposal):
    return Revision.objects.filter(policy_proposal=proposal).order_by("-pk").first()


def audit(congress, proposal):
    return list(
        congress.audit_entries.filter(target_id=str(proposal.pk)).values_list(
            "action", "actor_id", "details"
        )
    )


# --- refusals ----------------------------------------------------------------------------------


def test_a_participant_is_refused_with_the_consolidation_message(congress, track_a, participant):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    with pytest.raises(PermissionDenied) as refused:
        services.policy_proposal_validate(proposal=proposal, by=participant)
    assert str(refused.value) == "Seuls les organisateurs consolident les propositions."


def test_a_participant_is_refused_a_restore_with_its_own_message(congress, track_a, participant):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    revision = Revision.objects.create(
        congress=congress, policy_proposal=proposal, action=RevisionAction.UPDATED,
        snapshot={"title": "Ancien titre"},
    )  # fmt: skip
    with pytest.raises(PermissionDenied) as refused:
        services.policy_proposal_restore(proposal=proposal, revision=revision, by=participant)
    assert str(refused.value) == "Seuls les organisateurs restaurent une version."


# --- update -------------------------------------------------------------------------------------


def test_update_conflict_carries_the_current_version(congress, track_a, organiser):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    proposal.version = 5
    proposal.save()
    with pytest.raises(EditConflict) as conflict:
        services.policy_proposal_update(proposal=proposal, by=organiser, version=4, title="Z")
    assert conflict.value.code == "conflict"
    assert (conflict.value.current.pk, conflict.value.current.version) == (proposal.pk, 5)


def test_update_accepts_the_track_and_the_m2m_and_records_the_author(
    congress, track_a, track_b, organiser
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    services.policy_proposal_update(
        proposal=proposal, by=organiser, version=1, track=track_b, addressees=[1, 2]
    )
    proposal.refresh_from_db()
    assert proposal.track_id == track_b.pk
    assert sorted(a.pk for a in proposal.addressees.all()) == [1, 2]
    assert proposal.version == 2
    revision = last_revision(proposal)
    assert (revision.action, revision.by_id) == (RevisionAction.UPDATED, organiser.pk)


# --- validate, set aside -------------------------------------------------------------------------


def test_validate_stamps_the_date_bumps_the_version_once_and_records_the_author(
    congress, track_a, organiser
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="set_aside")
    proposal.version = 3
    proposal.set_aside_reason = "Doublon"
    proposal.save()
    before = timezone.now()
    services.policy_proposal_validate(proposal=proposal, by=organiser)
    proposal.refresh_from_db()
    assert proposal.status == PolicyStatus.VALIDATED
    assert proposal.set_aside_reason == ""
    assert proposal.validated_at is not None
    assert before <= proposal.validated_at <= timezone.now()
    assert proposal.version == 4
    revision = last_revision(proposal)
    assert (revision.action, revision.by_id) == (RevisionAction.VALIDATED, organiser.pk)
    assert audit(congress, proposal) == [
        ("policy_proposal.validated", organiser.pk, {}),
    ]


def test_set_aside_bumps_the_version_once_and_notes_the_reason_cut_to_255(
    congress, track_a, organiser
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    proposal.version = 3
    proposal.save()
    reason = "  " + "m" * 300 + "  "
    services.policy_proposal_set_aside(proposal=proposal, by=organiser, reason=reason)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.set_aside_reason) == (PolicyStatus.SET_ASIDE, "m" * 300)
    assert proposal.version == 4
    revision = last_revision(proposal)
    assert (revision.action, revision.by_id, revision.note) == (
        RevisionAction.SET_ASIDE, organiser.pk, "m" * 255,
    )  # fmt: skip
    assert audit(congress, proposal) == [
        ("policy_proposal.set_aside", organiser.pk, {"note": "m" * 255}),
    ]


# --- merge --------------------------------------------------------------------------------------


def two_originals(congress, track_a, track_b):
    p1 = PolicyProposalFactory(
        congress=congress, track=track_a, status="submitted", level="regional", rank=3,
        rationale="Constat A",
    )  # fmt: skip
    p2 = PolicyProposalFactory(
        congress=congress, track=track_b, status="submitted", level="local", rank=2,
        rationale="Constat B",
    )  # fmt: skip
    p3 = PolicyProposalFactory(
        congress=congress, track=track_a, status="submitted", level="local", rank=5,
        rationale="Constat A",
    )  # fmt: skip
    for p in (p1, p2, p3):
        p.version = 4
        p.save()
    return p1, p2, p3


def test_merge_takes_rationales_level_and_rank_from_the_originals(
    congress, track_a, track_b, organiser
):
    p1, p2, p3 = two_originals(congress, track_a, track_b)
    merged = services.policy_proposals_merge(
        congress=congress, proposals=[p3, p2, p1], by=organiser, title="Fonds", statement="Un."
    )
    merged.refresh_from_db()
    # Rationales once each, in the originals' order; the first original's level; the best rank.
    assert merged.rationale == "Constat A\n\nConstat B"
    assert merged.level == "regional"
    assert merged.rank == 2
    given = services.policy_proposals_merge(
        congress=congress,
        proposals=[PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
                   for _ in range(2)],
        by=organiser, title="Autre", statement="Deux.", rationale="Motif des organisateurs",
    )  # fmt: skip
    given.refresh_from_db()
    assert given.rationale == "Motif des organisateurs"


def test_merge_refuses_a_track_of_another_congress(congress, track_a, track_b, organiser):
    p1, p2, _p3 = two_originals(congress, track_a, track_b)
    foreign = TrackFactory(congress=CongressFactory(), slug="ailleurs")
    with pytest.raises(ValidationError) as refused:
        services.policy_proposals_merge(
            congress=congress, proposals=[p1, p2], by=organiser, title="F", statement="U.",
            track=foreign,
        )  # fmt: skip
    assert refused.value.message_dict == {"track": ["Ce thème n'appartient pas à cette édition."]}
    p1.refresh_from_db()
    assert p1.status == PolicyStatus.SUBMITTED


def test_merge_keeps_the_related_tracks_of_the_originals(congress, track_a, track_b, organiser):
    p1, p2, _p3 = two_originals(congress, track_a, track_b)
    extra = TrackFactory(congress=congress, slug="en-plus")
    p1.related_tracks.add(extra)
    merged = services.policy_proposals_merge(
        congress=congress, proposals=[p1, p2], by=organiser, title="F", statement="U."
    )
    assert merged.track_id == track_a.pk
    assert sorted(t.pk for t in merged.related_tracks.all()) == sorted([track_b.pk, extra.pk])


def test_merge_moves_every_supporter_once(congress, track_a, track_b, organiser):
    p1, p2, _p3 = two_originals(congress, track_a, track_b)
    alice, bob = UserFactory(), UserFactory()
    Endorsement.objects.create(proposal=p1, user=alice)
    Endorsement.objects.create(proposal=p2, user=alice)
    Endorsement.objects.create(proposal=p2, user=bob)
    merged = services.policy_proposals_merge(
        congress=congress, proposals=[p1, p2], by=organiser, title="F", statement="U."
    )
    assert sorted(
        Endorsement.objects.filter(proposal=merged).values_list("user_id", flat=True)
    ) == (sorted([alice.pk, bob.pk]))


def test_merge_history_versions_and_notes(congress, track_a, track_b, organiser):
    p1, p2, p3 = two_originals(congress, track_a, track_b)
    title = "T" * 255
    merged = services.policy_proposals_merge(
        congress=congress, proposals=[p1, p2, p3], by=organiser, title=title, statement="U."
    )
    revision = last_revision(merged)
    assert (revision.action, revision.by_id, revision.note) == (
        RevisionAction.MERGED, organiser.pk, "Fusion de 3 propositions",
    )  # fmt: skip
    assert audit(congress, merged) == [
        ("policy_proposal.merged", organiser.pk, {"note": "Fusion de 3 propositions"})
    ]
    for original in (p1, p2, p3):
        original.refresh_from_db()
        assert (original.status, original.merged_into_id, original.version) == (
            PolicyStatus.MERGED, merged.pk, 5,
        )  # fmt: skip
        revision = last_revision(original)
        assert (revision.action, revision.by_id, revision.note) == (
            RevisionAction.MERGED, organiser.pk, title,
        )  # fmt: skip
        assert revision.snapshot["version"] == 5


def test_merge_note_is_translated_with_its_plural(congress, track_a, track_b, organiser):
    p1, p2, _p3 = two_originals(congress, track_a, track_b)
    with translation.override("en"):
        merged = services.policy_proposals_merge(
            congress=congress, proposals=[p1, p2], by=organiser, title="F", statement="U."
        )
    assert last_revision(merged).note == "Merge of 2 proposals"


# --- split --------------------------------------------------------------------------------------


def test_split_children_take_rationale_level_rank_and_the_history(congress, track_a, organiser):
    original = PolicyProposalFactory(
        congress=congress, track=track_a, status="submitted", level="regional", rank=3,
        rationale="Constat d'origine", title="O" * 255,
    )  # fmt: skip
    original.version = 6
    original.save()
    first, second = services.policy_proposal_split(
        proposal=original, by=organiser, parts=[
            {"title": "Partie 1", "statement": "Un."},
            {"title": "Partie 2", "statement": "Deux.", "rationale": "Constat propre"},
        ],
    )  # fmt: skip
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.rationale, second.rationale) == ("Constat d'origine", "Constat propre")
    assert (first.level, second.level) == ("regional", "regional")
    assert (first.rank, second.rank) == (3, 4)
    for child in (first, second):
        revision = last_revision(child)
        assert (revision.action, revision.by_id, revision.note) == (
            RevisionAction.SPLIT, organiser.pk, "O" * 255,
        )  # fmt: skip
    original.refresh_from_db()
    assert original.version == 7
    revision = last_revision(original)
    assert (revision.action, revision.by_id, revision.note) == (
        RevisionAction.SPLIT, organiser.pk, "",
    )  # fmt: skip
    assert audit(congress, original) == [("policy_proposal.split", organiser.pk, {})]


# --- restore ------------------------------------------------------------------------------------


def test_restore_notes_the_local_date_of_the_restored_version(congress, track_a, organiser):
    proposal = PolicyProposalFactory(
        congress=congress, track=track_a, status="submitted", title="Titre actuel"
    )
    at = timezone.make_aware(datetime.datetime(2026, 3, 5, 9, 7), timezone.get_current_timezone())
    old = Revision.objects.create(
        congress=congress, policy_proposal=proposal, action=RevisionAction.UPDATED, at=at,
        snapshot={"id": proposal.pk, "title": "Ancien titre", "addressees": [1]},
    )  # fmt: skip
    services.policy_proposal_restore(proposal=proposal, revision=old, by=organiser)
    proposal.refresh_from_db()
    assert proposal.title == "Ancien titre"
    assert [a.pk for a in proposal.addressees.all()] == [1]
    revision = last_revision(proposal)
    assert (revision.action, revision.by_id, revision.note) == (
        RevisionAction.RESTORED, organiser.pk, "Version du 05/03/2026 09:07",
    )  # fmt: skip
    assert audit(congress, proposal) == [
        ("policy_proposal.restored", organiser.pk, {"note": "Version du 05/03/2026 09:07"})
    ]


def test_restore_accepts_a_snapshot_without_id(congress, track_a, organiser):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    old = Revision.objects.create(
        congress=congress, policy_proposal=proposal, action=RevisionAction.UPDATED,
        snapshot={"title": "Titre sans identifiant"},
    )  # fmt: skip
    services.policy_proposal_restore(proposal=proposal, revision=old, by=organiser)
    proposal.refresh_from_db()
    assert proposal.title == "Titre sans identifiant"


def test_merge_note_without_any_catalog_is_the_french_plural(congress, track_a, track_b, organiser):
    # With translations deactivated (no catalog read), the plural source text is the note.
    p1, p2, p3 = two_originals(congress, track_a, track_b)
    with translation.override(None):
        merged = services.policy_proposals_merge(
            congress=congress, proposals=[p1, p2, p3], by=organiser, title="F", statement="U."
        )
    assert last_revision(merged).note == "Fusion de 3 propositions"
