"""The exact rules of proposals/services.py (issue 19): the messages and codes each refusal
shows, the rows each write leaves (versions, dates, history, audit, consent), what completeness
means for an edited proposal, and what scheduling copies into the session. Each test fails when
one of these rules is changed (the mutation score of the module rests on them)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.accounts.models import Consent
from proposals import services
from proposals.models import ProposalState, ProposalStateChange, Review, WorkshopProposal
from proposals.selectors import session_placement
from tests.factories import (
    CongressFactory,
    OrganisationFactory,
    ReviewFactory,
    RoomFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
)
from tests.spaces import plain
from tracks.models import Session

pytestmark = pytest.mark.django_db

CALL_CLOSED = (
    "L'appel à propositions est clos : plus aucune proposition ne peut être déposée ni modifiée."
)
CONFLICT = (
    "Quelqu'un d'autre a modifié cette proposition pendant que vous la rédigiez. "
    "Rechargez la page pour voir sa version, puis reportez vos changements."
)
NO_SPEAKER = {"__all__": ["Indiquez au moins un intervenant."]}


def required(label):
    return f"« {label} » est obligatoire pour soumettre la proposition."


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


def history(proposal):
    return list(proposal.history.values_list("from_state", "to_state", "by", "note"))


def refreshed(proposal):
    proposal.refresh_from_db()
    return proposal


# --- the call ---------------------------------------------------------------------------------


def test_call_save_refusal_says_who_sets_the_call(congress, call, author):
    with pytest.raises(PermissionDenied) as error:
        services.call_save(congress=congress, by=author, guidance="Autre consigne")
    assert str(error.value) == "Seuls les organisateurs paramètrent l'appel."


def test_without_a_call_the_call_is_closed_with_its_message_and_code(
    congress, author, organisation
):
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            congress=congress, organisation=organisation, by=author, title="Nouveau"
        )
    assert (plain(error.value.messages), error.value.code) == ([CALL_CLOSED], "call_closed")
    assert not WorkshopProposal.objects.exists()


# --- creation ---------------------------------------------------------------------------------


def test_proposal_create_refusal_says_membership_is_needed(congress, call, organisation):
    with pytest.raises(PermissionDenied) as error:
        services.proposal_create(
            congress=congress, organisation=organisation, by=UserFactory(), title="X"
        )
    assert str(error.value) == "Vous devez être membre de l'organisation qui propose."


def test_proposal_create_records_author_order_of_speakers_and_partners(
    congress, call, track, author, organisation
):
    partner = OrganisationFactory()
    proposal = services.proposal_create(
        congress=congress,
        organisation=organisation,
        by=author,
        title="Épicerie solidaire",
        track=track,
        co_organisations=[organisation, partner],
        speakers=[
            {"name": "Nadia Martin", "function": "Directrice"},
            {"name": "Karim Benali", "organisation_name": "CCAS du Mans"},
        ],
    )
    proposal = WorkshopProposal.objects.get(pk=proposal.pk)
    assert proposal.created_by == author
    # The proposing organisation is never its own partner.
    assert [o.pk for o in proposal.co_organisations.all()] == [partner.pk]
    assert list(
        proposal.speakers.values_list("order", "name", "function", "organisation_name")
    ) == [
        (0, "Nadia Martin", "Directrice", ""),
        (1, "Karim Benali", "", "CCAS du Mans"),
    ]
    assert history(proposal) == [("", ProposalState.DRAFT, author.pk, "")]


def test_proposal_create_refuses_a_related_track_of_another_edition(
    congress, call, track, author, organisation
):
    foreign = TrackFactory(congress=CongressFactory())
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            congress=congress,
            organisation=organisation,
            by=author,
            title="T",
            track=track,
            related_tracks=[foreign],
        )
    assert error.value.message_dict == {"track": ["Ce thème n'appartient pas à cette édition."]}
    assert not WorkshopProposal.objects.exists()


# --- update -----------------------------------------------------------------------------------


def test_proposal_update_refusal_and_conflict_messages(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    with pytest.raises(PermissionDenied) as error:
        services.proposal_update(proposal=proposal, by=UserFactory(), version=1, title="Autre")
    assert str(error.value) == "Vous ne pouvez pas modifier cette proposition."
    services.proposal_update(proposal=proposal, by=author, version=1, title="Version de Karim")
    with pytest.raises(ValidationError) as error:
        services.proposal_update(proposal=proposal, by=author, version=1, title="Version de Louise")
    assert (plain(error.value.messages), error.value.code) == ([CONFLICT], "conflict")
    assert (refreshed(proposal).title, proposal.version) == ("Version de Karim", 2)


def test_a_draft_may_be_saved_incomplete(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    services.proposal_update(proposal=proposal, by=author, version=1, context="", speakers=[])
    proposal = refreshed(proposal)
    assert (proposal.context, proposal.version, proposal.speakers.count()) == ("", 2, 0)


def test_a_submitted_proposal_stays_complete_when_edited(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, state=ProposalState.SUBMITTED
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_update(proposal=proposal, by=author, version=1, context="")
    assert plain(error.value.message_dict) == {"context": [required("Contexte et public concerné")]}
    assert (refreshed(proposal).context, proposal.version) == (
        "Familles monoparentales du quartier.",
        1,
    )


def test_editing_a_submitted_proposal_checks_the_speakers_of_the_form(
    congress, call, author, organisation
):
    """The speakers sent with the edit count, not the ones stored before it."""
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, state=ProposalState.SUBMITTED
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_update(proposal=proposal, by=author, version=1, speakers=[])
    assert error.value.message_dict == NO_SPEAKER
    assert (refreshed(proposal).version, proposal.speakers.count()) == (1, 1)

    speakerless = WorkshopProposalFactory(
        congress=congress,
        organisation=organisation,
        state=ProposalState.SUBMITTED,
        speakers=False,
    )
    services.proposal_update(
        proposal=speakerless, by=author, version=1, speakers=[{"name": "Léa Roux"}]
    )
    assert list(speakerless.speakers.values_list("name", flat=True)) == ["Léa Roux"]
    assert refreshed(speakerless).version == 2


# --- submission -------------------------------------------------------------------------------


def test_submission_names_every_missing_field_with_a_capital(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress,
        organisation=organisation,
        title="",
        track=None,
        context="",
        actions="",
        results="",
        departement="",
        speakers=False,
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=author)
    assert plain(error.value.message_dict) == {
        "title": [required("Titre de l'atelier")],
        "track": [required("Thème principal")],
        "context": [required("Contexte et public concerné")],
        "actions": [required("Actions menées")],
        "results": [required("Résultats et ce qui est transposable")],
        "departement": [required("Département")],
        **NO_SPEAKER,
    }
    assert (refreshed(proposal).state, proposal.version) == (ProposalState.DRAFT, 1)


def test_proposal_submit_refusal_message(congress, call, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    with pytest.raises(PermissionDenied) as error:
        services.proposal_submit(proposal=proposal, by=UserFactory())
    assert str(error.value) == "Vous ne pouvez pas soumettre cette proposition."


def test_submission_records_date_version_history_and_consent(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, publication_consent=True
    )
    before = timezone.now()
    services.proposal_submit(proposal=proposal, by=author)
    after = timezone.now()
    proposal = refreshed(proposal)
    assert (proposal.state, proposal.version) == (ProposalState.SUBMITTED, 2)
    assert before <= proposal.submitted_at <= after
    assert history(proposal) == [(ProposalState.DRAFT, ProposalState.SUBMITTED, author.pk, "")]
    consent = Consent.objects.get()
    assert (
        consent.kind,
        consent.given,
        consent.email,
        consent.user,
        consent.congress,
        consent.source,
        consent.recorded_by,
    ) == (
        "publication",
        True,
        author.email,
        author,
        congress,
        f"workshop-proposal:{proposal.pk}",
        author,
    )


def test_the_track_limit_counts_only_the_proposals_of_that_track(
    congress, call, track, author, organisation
):
    call.tracks.create(track=track, max_proposals=1)
    other = TrackFactory(congress=congress)
    WorkshopProposalFactory(congress=congress, track=other, state=ProposalState.SUBMITTED)
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation, track=track)
    services.proposal_submit(proposal=proposal, by=author)
    assert refreshed(proposal).state == ProposalState.SUBMITTED


# --- withdrawal -------------------------------------------------------------------------------


def test_proposal_withdraw_refusal_message(congress, call, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    with pytest.raises(PermissionDenied) as error:
        services.proposal_withdraw(proposal=proposal, by=UserFactory())
    assert str(error.value) == "Vous ne pouvez pas retirer cette proposition."


def test_withdrawal_bumps_the_version_once(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    services.proposal_withdraw(proposal=proposal, by=author)
    assert (refreshed(proposal).state, proposal.version) == (ProposalState.WITHDRAWN, 2)


# --- reviews ----------------------------------------------------------------------------------


def scores(call, *values):
    return {c.pk: v for c, v in zip(call.criteria.order_by("pk"), values, strict=True)}


@pytest.fixture
def submitted(congress, track):
    return WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)


def test_review_save_refusal_message(congress, call, submitted):
    with pytest.raises(PermissionDenied) as error:
        services.review_save(proposal=submitted, by=UserFactory(), scores=scores(call, 3, 3))
    assert str(error.value) == "Vous ne pouvez pas relire cette proposition."


def test_review_closed_message(congress, call, reviewer, submitted):
    call.opens_at = timezone.now() - timedelta(days=3)
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.review_closes_at = timezone.now() - timedelta(minutes=1)
    call.save()
    with pytest.raises(ValidationError) as error:
        services.review_save(proposal=submitted, by=reviewer, scores=scores(call, 3, 3))
    assert (error.value.messages, error.value.code) == (
        ["La relecture est close."],
        "review_closed",
    )
    assert not Review.objects.exists()


def test_a_review_without_comments_stores_empty_comments(call, reviewer, submitted):
    services.review_save(proposal=submitted, by=reviewer, scores=scores(call, 3, 3))
    review = Review.objects.get()
    assert (review.comment_committee, review.comment_authors) == ("", "")


def test_the_weighted_score_rounds_half_up(call, reviewer, submitted):
    first, second = call.criteria.order_by("pk")
    first.weight, second.weight = 7, 1
    first.save()
    second.save()
    services.review_save(proposal=submitted, by=reviewer, scores=scores(call, 2, 3))
    # (2*7 + 3*1) / 8 = 2.125: half up gives 2.13 (half even would give 2.12).
    assert Review.objects.get().weighted_score == Decimal("2.13")


# --- decisions --------------------------------------------------------------------------------


def decide(congress, ids, by, decision=ProposalState.ACCEPTED, **kwargs):
    return services.proposals_decide(
        congress=congress, proposal_ids=ids, decision=decision, by=by, **kwargs
    )


def test_proposals_decide_refusal_message(congress, call, reviewer, submitted):
    with pytest.raises(PermissionDenied) as error:
        decide(congress, [submitted.pk], reviewer)
    assert str(error.value) == "Seuls les organisateurs décident."


def test_deciding_an_unknown_proposal_names_the_problem(congress, organiser, submitted):
    with pytest.raises(ValidationError) as error:
        decide(congress, [submitted.pk, submitted.pk + 1000], organiser)
    assert error.value.messages == ["Certaines propositions n'existent pas dans cette édition."]
    assert refreshed(submitted).state == ProposalState.SUBMITTED


def test_a_decision_records_date_version_history_and_audit(congress, organiser, submitted):
    before = timezone.now()
    decide(congress, [submitted.pk], organiser)
    after = timezone.now()
    proposal = refreshed(submitted)
    assert (proposal.state, proposal.version) == (ProposalState.ACCEPTED, 2)
    assert before <= proposal.decided_at <= after
    assert history(proposal) == [
        (ProposalState.SUBMITTED, ProposalState.ACCEPTED, organiser.pk, "")
    ]
    assert list(congress.audit_entries.values_list("action", "target_id", "details")) == [
        ("proposal.accepted", str(proposal.pk), {"from": "submitted"})
    ]


def test_a_decision_note_goes_to_the_history_and_the_audit(congress, organiser, submitted):
    decide(congress, [submitted.pk], organiser, decision=ProposalState.REJECTED, note="Trop tard")
    assert history(submitted) == [
        (ProposalState.SUBMITTED, ProposalState.REJECTED, organiser.pk, "Trop tard")
    ]
    assert list(congress.audit_entries.values_list("action", "details")) == [
        ("proposal.rejected", {"from": "submitted", "note": "Trop tard"})
    ]


def test_a_proposal_already_decided_does_not_stop_the_others(congress, track, organiser, submitted):
    already = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    # Proposals are read most recently updated first: the one already decided comes first.
    now = timezone.now()
    WorkshopProposal.objects.filter(pk=submitted.pk).update(updated_at=now - timedelta(hours=1))
    WorkshopProposal.objects.filter(pk=already.pk).update(updated_at=now)
    decide(congress, [already.pk, submitted.pk], organiser)
    assert (refreshed(already).version, refreshed(submitted).state) == (1, ProposalState.ACCEPTED)
    assert ProposalStateChange.objects.filter(proposal=already).count() == 0


def test_decided_proposals_come_back_with_what_the_mails_read(
    congress, track, organisation, author, organiser, django_assert_num_queries
):
    """The mails sent after the commit read the organisation, the author and the edition of
    every decided proposal: they come loaded with it, not one query each."""
    proposals = [
        WorkshopProposalFactory(
            congress=congress,
            track=track,
            organisation=organisation,
            created_by=author,
            state=ProposalState.SUBMITTED,
        )
        for _ in range(2)
    ]
    decided = decide(congress, [p.pk for p in proposals], organiser)
    with django_assert_num_queries(0):
        assert [(p.organisation, p.created_by, p.congress) for p in decided] == [
            (organisation, author, congress)
        ] * 2


def test_the_decision_mail_carries_only_non_empty_reviewer_comments(
    congress, organisation, track, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, track=track, state=ProposalState.SUBMITTED
    )
    ReviewFactory(proposal=proposal, comment_authors="")
    ReviewFactory(proposal=proposal, comment_authors="Très transposable.")
    with django_capture_on_commit_callbacks(execute=True):
        decide(congress, [proposal.pk], organiser)
    (mail,) = [m for m in mailoutbox if m.to == [organisation.contact_email]]
    assert [line for line in mail.body.splitlines() if line.startswith("-")] == [
        "- Très transposable."
    ]


# --- scheduling -------------------------------------------------------------------------------


@pytest.fixture
def workshop_types(congress):
    return (
        SessionTypeFactory(congress=congress, slug="atelier", is_workshop=True, order=0),
        SessionTypeFactory(congress=congress, slug="table-ronde", is_workshop=True, order=1),
    )


@pytest.fixture
def room(congress):
    return RoomFactory(venue=VenueFactory(congress=congress), capacity=40)


def slot(hours=1):
    start = (timezone.now() + timedelta(days=30)).replace(microsecond=0) + timedelta(hours=hours)
    return {"starts_at": start, "ends_at": start + timedelta(minutes=90)}


def test_scheduling_refusal_comes_first_with_its_message(congress, track, room, submitted):
    with pytest.raises(PermissionDenied) as error:
        services.proposal_schedule(proposal=submitted, by=UserFactory(), room=room, **slot())
    assert str(error.value) == "Seuls les organisateurs construisent le programme."


def test_only_an_accepted_proposal_is_scheduled(congress, room, organiser, submitted):
    with pytest.raises(ValidationError) as error:
        services.proposal_schedule(proposal=submitted, by=organiser, room=room, **slot())
    assert error.value.messages == ["Seule une proposition acceptée peut être programmée."]
    assert not Session.objects.exists()


def test_a_trusted_caller_schedules_without_a_user(congress, track, room, workshop_types):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    session = services.proposal_schedule(proposal=proposal, by=None, room=room, **slot())
    assert refreshed(proposal).session_id == session.pk


def test_scheduling_copies_the_proposal_into_the_session(
    congress, track, room, organiser, workshop_types
):
    partner = OrganisationFactory()
    proposal = WorkshopProposalFactory(
        congress=congress,
        track=track,
        state=ProposalState.ACCEPTED,
        format="table-ronde",
        title="Épicerie solidaire",
        context="Familles du quartier.",
        results="300 familles accueillies.",
        speakers=False,
    )
    proposal.co_organisations.add(partner)
    proposal.speakers.create(order=0, name="Nadia Martin", function="Directrice")
    proposal.speakers.create(order=1, name="Karim Benali", organisation_name="CCAS du Mans")
    moderator = UserFactory()
    session = services.proposal_schedule(
        proposal=proposal, by=organiser, room=room, capacity=12, moderators=[moderator], **slot()
    )
    session = Session.objects.get(pk=session.pk)
    assert (session.title, session.track, session.session_type, session.room, session.capacity) == (
        "Épicerie solidaire",
        track,
        workshop_types[1],
        room,
        12,
    )
    assert session.description == "Familles du quartier.\n\n300 familles accueillies."
    assert session.speakers == "Nadia Martin, Directrice\nKarim Benali, CCAS du Mans"
    assert sorted(o.pk for o in session.organisations.all()) == sorted(
        [proposal.organisation_id, partner.pk]
    )
    assert list(session.moderators.all()) == [moderator]
    assert refreshed(proposal).session_id == session.pk


def test_scheduling_from_the_grid_checks_where_the_caller_saw_the_workshop(
    congress, track, room, organiser, workshop_types
):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    first = services.proposal_schedule(
        proposal=proposal, by=organiser, room=room, placed="", **slot(1)
    )
    seen, later = session_placement(first), slot(3)
    moved = services.proposal_schedule(
        proposal=proposal, by=organiser, room=room, placed=seen, **later
    )
    assert moved.pk == first.pk
    with pytest.raises(ValidationError) as error:
        services.proposal_schedule(
            proposal=proposal, by=organiser, room=room, placed=seen, **slot(5)
        )
    assert plain(error.value.messages) == [
        "Cet atelier a été déplacé entre-temps : la grille est à jour, recommencez."
    ]
    assert Session.objects.get().starts_at == later["starts_at"]
