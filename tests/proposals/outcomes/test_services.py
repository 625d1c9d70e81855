import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from proposals.outcomes import selectors, services
from proposals.outcomes.models import (
    Addressee,
    Endorsement,
    FollowUpStatus,
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
    Revision,
)
from tests.factories import OrganisationFactory, PolicyProposalFactory, UserFactory
from tests.factories.documents import pdf_upload
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


def test_merge_keeps_sources_supporters_and_readable_originals(
    congress, track_a, track_b, workshop_a, workshop_b, organiser, participant
):
    org1, org2 = OrganisationFactory(), OrganisationFactory()
    senat, an = (
        Addressee.objects.get(slug="senat"),
        Addressee.objects.get(slug="assemblee-nationale"),
    )
    p1 = PolicyProposalFactory(
        congress=congress, track=track_a, sources=[workshop_a], status="submitted"
    )
    p2 = PolicyProposalFactory(
        congress=congress, track=track_b, sources=[workshop_b], status="submitted"
    )
    p1.supporting_organisations.add(org1)
    p2.supporting_organisations.add(org2)
    p1.addressees.add(senat)
    p2.addressees.add(an)
    Endorsement.objects.create(proposal=p1, user=participant)
    Endorsement.objects.create(proposal=p2, user=participant)
    with pytest.raises(PermissionDenied):
        services.policy_proposals_merge(congress=congress, proposals=[p1, p2], by=participant,
                                        title="X", statement="Y")  # fmt: skip
    merged = services.policy_proposals_merge(
        congress=congress, proposals=[p1, p2], by=organiser, title="Fonds national",
        statement="Créer un fonds national.",
    )  # fmt: skip
    assert merged.status == PolicyStatus.SUBMITTED
    assert sorted(s.pk for s in merged.sources.all()) == sorted([workshop_a.pk, workshop_b.pk])
    assert sorted(o.pk for o in merged.supporting_organisations.all()) == sorted([org1.pk, org2.pk])
    assert sorted(a.slug for a in merged.addressees.all()) == ["assemblee-nationale", "senat"]
    assert merged.track == track_a
    assert [t.pk for t in merged.related_tracks.all()] == [track_b.pk]
    assert merged.endorsements.count() == 1
    for original in (p1, p2):
        original.refresh_from_db()
        assert (original.status, original.merged_into_id) == (PolicyStatus.MERGED, merged.pk)
        assert original.title.startswith("Proposition")
    assert sorted(p.pk for p in merged.merged_from.all()) == sorted([p1.pk, p2.pk])
    # The merge is in the organisers' audit log, once for the result and once per original.
    assert sorted(congress.audit_entries.values_list("action", "target_id")) == sorted(
        [("policy_proposal.merged", str(pk)) for pk in (merged.pk, p1.pk, p2.pk)]
    )
    with pytest.raises(ValidationError):
        services.policy_proposals_merge(congress=congress, proposals=[p1, merged], by=organiser,
                                        title="X", statement="Y")  # fmt: skip


def test_split_keeps_sources_and_sets_the_original_aside(congress, track_a, workshop_a, organiser):
    original = PolicyProposalFactory(congress=congress, track=track_a, sources=[workshop_a],
                                     status="submitted")  # fmt: skip
    org = OrganisationFactory()
    original.supporting_organisations.add(org)
    parts = services.policy_proposal_split(proposal=original, by=organiser, parts=[
        {"title": "Partie 1", "statement": "Un."}, {"title": "Partie 2", "statement": "Deux."}])  # fmt: skip
    assert [p.title for p in parts] == ["Partie 1", "Partie 2"]
    for part in parts:
        assert [s.pk for s in part.sources.all()] == [workshop_a.pk]
        assert [o.pk for o in part.supporting_organisations.all()] == [org.pk]
        assert part.split_from_id == original.pk
    original.refresh_from_db()
    assert original.status == PolicyStatus.SET_ASIDE
    assert original.set_aside_reason == services.SPLIT_REASON


def test_validate_and_set_aside_are_for_organisers(congress, track_a, moderator, organiser):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    with pytest.raises(PermissionDenied):
        services.policy_proposal_validate(proposal=proposal, by=moderator)
    with pytest.raises(ValidationError):
        services.policy_proposal_set_aside(proposal=proposal, by=organiser, reason=" ")
    services.policy_proposal_set_aside(proposal=proposal, by=organiser, reason="Hors sujet")
    proposal = services.policy_proposal_validate(proposal=proposal, by=organiser)
    assert (proposal.status, proposal.set_aside_reason) == (PolicyStatus.VALIDATED, "")
    assert list(proposal.revisions.values_list("action", flat=True)) == ["validated", "set_aside"]


def test_policy_update_and_restore(congress, track_a, organiser):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, title="Avant")
    services.policy_proposal_update(proposal=proposal, by=organiser, version=1, title="Premier")
    services.policy_proposal_update(proposal=proposal, by=organiser, version=2, title="Second")
    with pytest.raises(services.EditConflict):
        services.policy_proposal_update(
            proposal=proposal, by=organiser, version=2, title="Trop tard"
        )
    first = proposal.revisions.get(snapshot__title="Premier")
    restored = services.policy_proposal_restore(proposal=proposal, revision=first, by=organiser)
    assert (restored.title, restored.version) == ("Premier", 4)
    assert proposal.revisions.count() == 3


def test_endorsement_once_per_person_and_withdraw(congress, track_a, participant, open_period):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    first = services.endorsement_create(proposal=proposal, user=participant)
    again = services.endorsement_create(proposal=proposal, user=participant)
    assert first.pk == again.pk
    assert proposal.endorsements.count() == 1
    assert services.endorsement_withdraw(proposal=proposal, user=participant) == 1
    assert proposal.endorsements.count() == 0


def test_endorsement_needs_participant_validated_and_open_period(congress, track_a, participant):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    with pytest.raises(ValidationError):  # no period
        services.endorsement_create(proposal=proposal, user=participant)
    from tests.factories import EndorsementPeriodFactory

    EndorsementPeriodFactory(congress=congress)
    with pytest.raises(PermissionDenied):
        services.endorsement_create(proposal=proposal, user=UserFactory())
    draft = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    with pytest.raises(PermissionDenied):
        services.endorsement_create(proposal=draft, user=participant)
    assert Endorsement.objects.count() == 0


def pdf(name="reponse.pdf", size=None):
    return pdf_upload(name, pad=size or 10)


def test_followup_record_checks_pdf_and_updates_status(
    congress, track_a, organiser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    args = dict(proposal=proposal, by=organiser, date="2024-03-01", institution="Sénat")
    with pytest.raises(ValidationError):
        services.followup_record(
            **args, status="sent", document=SimpleUploadedFile("a.pdf", b"hello")
        )
    with pytest.raises(ValidationError):
        services.followup_record(
            **args, status="sent", document=SimpleUploadedFile("a.doc", b"%PDF-1")
        )
    with pytest.raises(ValidationError):
        services.followup_record(**args, status="sent", document=pdf(size=10 * 1024 * 1024))
    services.followup_record(**args, status=FollowUpStatus.SENT)
    services.followup_record(**{**args, "date": "2024-04-01"}, status="taken_up", document=pdf())
    proposal.refresh_from_db()
    assert proposal.followup_status == FollowUpStatus.TAKEN_UP
    assert proposal.followups.count() == 2
    assert proposal.followups.last().document.name.endswith(".pdf")


def test_followup_refused_to_non_organisers_and_unvalidated(
    congress, track_a, moderator, organiser
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    for user in (moderator, organiser):
        with pytest.raises(PermissionDenied):
            services.followup_record(proposal=proposal, by=user, status="sent",
                                     date="2024-03-01", institution="Sénat")  # fmt: skip


def test_transversality_matrix_counts_pairs_in_one_query(
    congress, track_a, track_b, django_assert_num_queries
):
    p1 = PolicyProposalFactory(congress=congress, track=track_a)
    p1.related_tracks.add(track_b)
    PolicyProposalFactory(congress=congress, track=track_a)
    draft = PolicyProposalFactory(congress=congress, track=track_b, status="draft")
    draft.related_tracks.add(track_a)
    with django_assert_num_queries(2):
        matrix = selectors.transversality_matrix(congress)
    counts = {(a.slug, b.slug): n for a, cells in matrix.rows for b, n in cells}
    assert counts == {("aide", "aide"): 2, ("aide", "handicap"): 1, ("handicap", "aide"): 1,
                      ("handicap", "handicap"): 1}  # fmt: skip
    assert matrix.total == 2


def test_search_and_filters(congress, track_a, track_b, workshop_a):
    p1 = PolicyProposalFactory(congress=congress, track=track_a, title="Fonds alimentaire",
                               sources=[workshop_a])  # fmt: skip
    p1.addressees.add(Addressee.objects.get(slug="senat"))
    p2 = PolicyProposalFactory(congress=congress, track=track_b, title="Interprétation LSF",
                               level="local")  # fmt: skip
    p2.related_tracks.add(track_a)
    board = lambda **f: sorted(p.pk for p in selectors.policy_board(congress, **f))  # noqa: E731
    assert board(q="LSF") == [p2.pk]
    assert board(track="aide") == [p1.pk]
    assert board(related_track="aide") == [p2.pk]
    assert board(involves=["aide"]) == sorted([p1.pk, p2.pk])
    assert board(involves=["aide", "handicap"]) == [p2.pk]
    assert board(level="local") == [p2.pk]
    assert board(addressee="senat") == [p1.pk]
    assert board(workshop=workshop_a.pk) == [p1.pk]
    assert PolicyProposal.objects.count() == 2
