"""The guards of outcome_submit (the confirmed transmission, issue 14), called directly as the
confirmation page does (issue 19): who may transmit, what must exist first, that transmitting
twice does nothing, and that only the proposals it changes get a new version and revision."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals.outcomes.models import Outcome, OutcomeStatus, PolicyStatus, Revision
from proposals.outcomes.recording import services
from tests.factories import TrackRoleFactory, UserFactory
from tests.proposals.outcomes.conftest import proposal_data
from tracks.models import TrackRoleKind

pytestmark = pytest.mark.django_db


def draft(session, by, *proposals):
    return services.outcome_save(session=session, by=by, version=0, summary="Synthèse",
                                 proposals=list(proposals) or [proposal_data("Une")])  # fmt: skip


def state(outcome):
    outcome.refresh_from_db()
    return outcome.status, outcome.version, outcome.submitted_at, Revision.objects.count()


def test_submit_refused_to_a_moderator_of_another_track(workshop_a, moderator, track_b):
    outcome = draft(workshop_a, moderator)
    intruder = UserFactory()
    TrackRoleFactory(track=track_b, user=intruder, role=TrackRoleKind.MODERATOR)
    before = state(outcome)
    with pytest.raises(PermissionDenied):
        services.outcome_submit(session=workshop_a, by=intruder, version=outcome.version)
    assert state(outcome) == before
    assert outcome.policy_proposals.get().status == PolicyStatus.DRAFT


def test_submit_refused_to_its_moderator_once_transmitted(workshop_a, moderator):
    outcome = draft(workshop_a, moderator)
    services.outcome_submit(session=workshop_a, by=moderator, version=1)
    before = state(outcome)
    assert before[:2] == (OutcomeStatus.SUBMITTED, 2)
    # Only organisers still edit a transmitted outcome: its moderator cannot transmit it again.
    with pytest.raises(PermissionDenied):
        services.outcome_submit(session=workshop_a, by=moderator, version=2)
    assert state(outcome) == before


def test_submit_before_any_save_is_refused(workshop_a, moderator):
    with pytest.raises(ValidationError) as error:
        services.outcome_submit(session=workshop_a, by=moderator, version=0)
    assert error.value.messages == ["Enregistrez le compte rendu avant de le transmettre."]
    assert not Outcome.objects.exists()
    assert not Revision.objects.exists()


def test_an_organiser_cannot_transmit_a_transmitted_outcome_again(workshop_a, moderator, organiser):
    outcome = draft(workshop_a, moderator)
    services.outcome_submit(session=workshop_a, by=moderator, version=1)
    before = state(outcome)
    with pytest.raises(ValidationError) as error:
        services.outcome_submit(session=workshop_a, by=organiser, version=2)
    assert error.value.messages == ["Ce compte rendu est déjà transmis."]
    assert state(outcome) == before
    assert outcome.updated_by == moderator


def test_submit_after_reopening_revises_only_the_proposals_it_transmits(
    workshop_a, moderator, organiser
):
    outcome = draft(workshop_a, moderator, proposal_data("Première"))
    services.outcome_submit(session=workshop_a, by=moderator, version=1)
    first = outcome.policy_proposals.get()
    assert (first.status, first.version) == (PolicyStatus.SUBMITTED, 2)
    outcome = services.outcome_reopen(outcome=outcome, by=organiser)
    # The moderator adds a proposal to the reopened draft; the first one stays transmitted.
    services.outcome_save(session=workshop_a, by=moderator, version=outcome.version,
                          summary="Synthèse", proposals=[
                              {"id": first.pk, **proposal_data("Première")},
                              proposal_data("Seconde")])  # fmt: skip
    second = outcome.policy_proposals.get(title="Seconde")
    assert second.status == PolicyStatus.DRAFT
    first_revisions = first.revisions.count()
    outcome.refresh_from_db()
    services.outcome_submit(session=workshop_a, by=moderator, version=outcome.version)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.version, first.revisions.count()) == (
        PolicyStatus.SUBMITTED, 2, first_revisions
    )  # fmt: skip
    assert (second.status, second.version) == (PolicyStatus.SUBMITTED, 2)
    assert list(second.revisions.values_list("action", flat=True)) == ["updated", "created"]
    assert outcome.revisions.first().action == "submitted"
