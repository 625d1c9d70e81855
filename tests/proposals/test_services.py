from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.core.french import of_name
from proposals import services
from proposals.models import ProposalState, ProposalStateChange, Review, WorkshopProposal
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    TrackFactory,
    UserFactory,
    WorkshopProposalFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def close_call(call):
    call.opens_at = timezone.now() - timedelta(days=30)
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save()


def test_proposal_create_saves_a_draft_with_speakers(congress, call, track, author, organisation):
    proposal = services.proposal_create(
        congress=congress,
        organisation=organisation,
        by=author,
        title="Épicerie solidaire",
        track=track,
        speakers=[{"name": "Nadia Martin", "function": "Directrice"}],
    )
    assert (proposal.state, proposal.version) == (ProposalState.DRAFT, 1)
    assert list(proposal.speakers.values_list("name", "function")) == [
        ("Nadia Martin", "Directrice")
    ]
    assert list(proposal.history.values_list("from_state", "to_state")) == [("", "draft")]


def test_proposal_create_refuses_a_non_member(congress, call, track, organisation):
    with pytest.raises(PermissionDenied):
        services.proposal_create(
            congress=congress, organisation=organisation, by=UserFactory(), title="X"
        )


def test_proposal_submit_requires_the_required_fields(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, track=None, context="", speakers=False
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=author)
    assert set(error.value.message_dict) == {"track", "context", "__all__"}
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT


def test_proposal_submit_sends_the_acknowledgement(
    congress, call, author, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, created_by=author
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(proposal=proposal, by=author)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([organisation.contact_email, author.email])
    for mail in mailoutbox:
        assert plain(mail.subject) == plain(f"Proposition d'atelier reçue : {proposal.title}")
        assert plain(
            f"Nous avons bien reçu la proposition d'atelier « {proposal.title} » "
            f"{of_name(organisation.name)} pour le {congress.name}."
        ) in plain(mail.body)
        assert proposal.get_absolute_url() in mail.body


@pytest.mark.parametrize("action", ["update", "submit", "withdraw", "create"])
def test_nothing_changes_after_the_deadline(congress, call, author, organisation, action):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, title="Atelier d'origine"
    )
    close_call(call)
    with pytest.raises(ValidationError) as error:
        if action == "update":
            services.proposal_update(proposal=proposal, by=author, version=1, title="Nouveau")
        elif action == "submit":
            services.proposal_submit(proposal=proposal, by=author)
        elif action == "withdraw":
            services.proposal_withdraw(proposal=proposal, by=author)
        else:
            services.proposal_create(
                congress=congress, organisation=organisation, by=author, title="Nouveau"
            )
    assert error.value.code == "call_closed"
    proposal.refresh_from_db()
    assert (proposal.title, proposal.state, proposal.version) == (
        "Atelier d'origine",
        ProposalState.DRAFT,
        1,
    )
    assert WorkshopProposal.objects.count() == 1


def test_submitted_proposal_can_be_edited_before_the_deadline(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, state=ProposalState.SUBMITTED
    )
    proposal = services.proposal_update(proposal=proposal, by=author, version=1, title="Nouveau")
    assert (proposal.title, proposal.version) == ("Nouveau", 2)


def test_stale_edit_gets_a_conflict_instead_of_overwriting(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    services.proposal_update(proposal=proposal, by=author, version=1, title="Version de Karim")
    with pytest.raises(ValidationError) as error:
        services.proposal_update(proposal=proposal, by=author, version=1, title="Version de Louise")
    assert error.value.code == "conflict"
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Version de Karim", 2)


def test_co_presenting_member_sees_but_cannot_edit(congress, call, author, organisation):
    partner = OrganisationFactory()
    partner_member = MembershipFactory(organisation=partner).user
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    proposal.co_organisations.add(partner)
    from proposals.permissions import can_edit_proposal, can_view_proposal

    assert (
        can_view_proposal(partner_member, proposal),
        can_edit_proposal(partner_member, proposal),
    ) == (True, False)
    assert can_view_proposal(UserFactory(), proposal) is False


def test_withdraw_records_the_history(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, state=ProposalState.SUBMITTED
    )
    services.proposal_withdraw(proposal=proposal, by=author)
    change = ProposalStateChange.objects.get(proposal=proposal)
    assert (change.from_state, change.to_state, change.by) == ("submitted", "withdrawn", author)


def test_track_limit_refuses_extra_submissions(congress, call, track, author, organisation):
    call.tracks.create(track=track, max_proposals=1)
    WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation, track=track)
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=author)
    assert plain(error.value.messages) == plain(
        [f"Le thème « {track.name} » a atteint son nombre maximal de propositions."]
    )


# --- review and conflict of interest ---------------------------------------------------------


def scores(call, *values):
    return dict(
        zip(
            call.criteria.order_by("order", "name").values_list("pk", flat=True),
            values,
            strict=True,
        )
    )


def test_review_save_computes_the_weighted_score_and_stays_unique(congress, call, track, reviewer):
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    first = services.review_save(proposal=proposal, by=reviewer, scores=scores(call, 5, 1))
    assert str(first.weighted_score) == "4.00"  # (5*3 + 1*1) / 4
    review = services.review_save(
        proposal=proposal, by=reviewer, scores=scores(call, 2, 4), comment_authors="Bravo"
    )
    assert Review.objects.filter(proposal=proposal).count() == 1
    stored = Review.objects.get(proposal=proposal)
    assert (stored.pk, str(stored.weighted_score), stored.comment_authors) == (
        first.pk,
        "2.50",  # (2*3 + 4*1) / 4: an update recomputes the score
        "Bravo",
    )
    assert sorted(stored.scores.values_list("criterion__name", "score")) == [
        ("Pertinence", 2),
        ("Transférabilité", 4),
    ]
    assert str(review.weighted_score) == "2.50"


def test_reviewer_never_reviews_own_organisation(congress, call, track, reviewer):
    own = OrganisationFactory()
    MembershipFactory(user=reviewer, organisation=own)
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=own, track=track, state=ProposalState.SUBMITTED
    )
    co_presented = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    co_presented.co_organisations.add(own)
    for p in (proposal, co_presented):
        with pytest.raises(PermissionDenied):
            services.review_save(proposal=p, by=reviewer, scores=scores(call, 3, 3))
    from proposals.selectors import proposals_to_review

    visible = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    assert list(proposals_to_review(reviewer, congress)) == [visible]


def test_reviewer_only_sees_own_tracks(congress, call, track, reviewer):
    other = TrackFactory(congress=congress)
    proposal = WorkshopProposalFactory(
        congress=congress, track=other, state=ProposalState.SUBMITTED
    )
    with pytest.raises(PermissionDenied):
        services.review_save(proposal=proposal, by=reviewer, scores=scores(call, 3, 3))


def test_review_refused_after_review_deadline(congress, call, track, reviewer):
    call.review_closes_at = timezone.now() - timedelta(minutes=1)
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.opens_at = timezone.now() - timedelta(days=3)
    call.save()
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    with pytest.raises(ValidationError) as error:
        services.review_save(proposal=proposal, by=reviewer, scores=scores(call, 3, 3))
    assert error.value.code == "review_closed"


# --- decisions --------------------------------------------------------------------------------


def test_bulk_decision_mails_authors_comments_and_records_history(
    congress, call, track, reviewer, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    organiser = UserFactory()
    congress.organisers.add(organiser)
    a = WorkshopProposalFactory(
        congress=congress, organisation=organisation, track=track, state=ProposalState.SUBMITTED
    )
    b = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    services.review_save(
        proposal=a, by=reviewer, scores=scores(call, 5, 5), comment_authors="Très transposable."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.proposals_decide(
            congress=congress,
            proposal_ids=[a.pk, b.pk],
            decision="accepted",
            by=organiser,
            note="Bienvenue",
        )
    a.refresh_from_db()
    assert a.state == ProposalState.ACCEPTED
    assert list(a.history.values_list("from_state", "to_state", "note")) == [
        ("submitted", "accepted", "Bienvenue")
    ]
    (mail_a,) = [m for m in mailoutbox if m.to == [organisation.contact_email]]
    assert plain(mail_a.subject) == plain(f"Votre proposition d'atelier « {a.title} » : Acceptée")
    assert plain(f"le comité a retenu votre proposition « {a.title} »") in plain(mail_a.body)
    assert plain("Message du comité :\nBienvenue") in plain(mail_a.body)
    assert plain("Commentaires des relecteurs :\n- Très transposable.") in plain(mail_a.body)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [organisation.contact_email, b.organisation.contact_email]
    )
    assert sorted(congress.audit_entries.values_list("action", "target_id", "actor")) == sorted(
        [
            ("proposal.accepted", str(a.pk), organiser.pk),
            ("proposal.accepted", str(b.pk), organiser.pk),
        ]
    )


def test_decision_refused_to_non_organiser(congress, call, reviewer):
    proposal = WorkshopProposalFactory(congress=congress, state=ProposalState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.proposals_decide(
            congress=congress, proposal_ids=[proposal.pk], decision="accepted", by=reviewer
        )


def test_decision_scoped_to_the_congress(congress, call):
    organiser = UserFactory()
    congress.organisers.add(organiser)
    elsewhere = WorkshopProposalFactory(state=ProposalState.SUBMITTED)
    with pytest.raises(ValidationError):
        services.proposals_decide(
            congress=congress, proposal_ids=[elsewhere.pk], decision="accepted", by=organiser
        )


def test_call_save_refused_to_a_non_organiser(congress, call, author):
    with pytest.raises(PermissionDenied):
        services.call_save(congress=congress, by=author, guidance="Autre consigne")
    call.refresh_from_db()
    assert call.guidance != "Autre consigne"


def test_call_save_creates_then_updates_the_edition_call(congress):
    organiser = UserFactory()
    congress.organisers.add(organiser)
    opens, closes = timezone.now(), timezone.now() + timedelta(days=30)
    created = services.call_save(
        congress=congress, by=organiser, opens_at=opens, closes_at=closes, guidance="Consigne"
    )
    updated = services.call_save(congress=congress, by=organiser, guidance="Nouvelle consigne")
    assert updated.pk == created.pk
    assert (updated.guidance, updated.closes_at) == ("Nouvelle consigne", closes)


def test_proposal_update_refused_to_a_non_member(congress, call, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, title="Atelier d'origine"
    )
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=proposal, by=UserFactory(), version=1, title="Autre")
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Atelier d'origine", 1)


@pytest.mark.parametrize("action", ["create", "update"])
def test_proposal_unknown_field_is_a_programming_error(
    congress, call, author, organisation, action
):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    with pytest.raises(TypeError) as error:
        if action == "create":
            services.proposal_create(
                congress=congress, organisation=organisation, by=author, title="T", colour="bleu"
            )
        else:
            services.proposal_update(proposal=proposal, by=author, version=1, colour="bleu")
    assert str(error.value) == "Unknown proposal fields: ['colour']"
    assert WorkshopProposal.objects.count() == 1


def test_proposal_update_sets_tracks_co_organisations_and_speakers(
    congress, call, author, organisation
):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    other_track = TrackFactory(congress=congress)
    partner = OrganisationFactory()
    proposal = services.proposal_update(
        proposal=proposal,
        by=author,
        version=1,
        related_tracks=[other_track],
        co_organisations=[organisation, partner],
        speakers=[{"name": "Nadia Martin", "function": "Directrice"}],
    )
    assert [t.pk for t in proposal.related_tracks.all()] == [other_track.pk]
    assert [o.pk for o in proposal.co_organisations.all()] == [partner.pk]
    assert list(proposal.speakers.values_list("name", "function")) == [
        ("Nadia Martin", "Directrice")
    ]
