"""The exact rules of the endorsement services (issue 19): only organisers set the period and
only registered participants endorse (exact French refusals), a closed period is refused with
the code "closed" on endorsing and on withdrawing, a second endorsement returns the person's
own row for that proposal, and withdrawing removes only that row."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from proposals.outcomes.endorsements import services
from proposals.outcomes.models import Endorsement, EndorsementPeriod
from tests.factories import (
    EndorsementPeriodFactory,
    PolicyProposalFactory,
    UserFactory,
    make_participant,
)

pytestmark = pytest.mark.django_db

CLOSED = "La période de soutien n'est pas ouverte."


@pytest.fixture
def closed_period(congress):
    now = timezone.now()
    return EndorsementPeriodFactory(
        congress=congress,
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=3),
    )


@pytest.fixture
def other_participant(congress):
    user = UserFactory(full_name="Rose Participante")
    make_participant(user, congress)
    return user


def test_period_save_by_a_participant_is_refused_with_the_exact_message(congress, participant):
    now = timezone.now()
    with pytest.raises(PermissionDenied) as denied:
        services.endorsement_period_save(
            congress=congress,
            by=participant,
            starts_at=now,
            ends_at=now + datetime.timedelta(days=2),
        )
    assert str(denied.value) == "Seuls les organisateurs fixent la période de soutien."
    assert not EndorsementPeriod.objects.exists()


def test_endorsing_outside_the_period_is_refused_with_the_code_closed(
    congress, track_a, participant, closed_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    with pytest.raises(ValidationError) as refused:
        services.endorsement_create(proposal=proposal, user=participant)
    assert (refused.value.messages, refused.value.code) == ([CLOSED], "closed")
    assert not Endorsement.objects.exists()


def test_endorsing_by_a_non_participant_is_refused_with_the_exact_message(
    congress, track_a, organiser, open_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    with pytest.raises(PermissionDenied) as denied:
        services.endorsement_create(proposal=proposal, user=organiser)
    assert str(denied.value) == "Seuls les participants inscrits soutiennent une proposition."
    assert not Endorsement.objects.exists()


def test_a_second_endorsement_returns_the_persons_own_row_for_that_proposal(
    congress, track_a, participant, other_participant, open_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    elsewhere = PolicyProposalFactory(congress=congress, track=track_a)
    mine_elsewhere = services.endorsement_create(proposal=elsewhere, user=participant)
    theirs = services.endorsement_create(proposal=proposal, user=other_participant)
    mine = services.endorsement_create(proposal=proposal, user=participant)
    again = services.endorsement_create(proposal=proposal, user=participant)
    assert again.pk == mine.pk
    assert (again.proposal_id, again.user_id) == (proposal.pk, participant.pk)
    assert sorted(Endorsement.objects.values_list("pk", flat=True)) == sorted(
        [mine_elsewhere.pk, theirs.pk, mine.pk]
    )


def test_withdrawing_removes_only_the_persons_endorsement_of_that_proposal(
    congress, track_a, participant, other_participant, open_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    elsewhere = PolicyProposalFactory(congress=congress, track=track_a)
    mine_elsewhere = services.endorsement_create(proposal=elsewhere, user=participant)
    theirs = services.endorsement_create(proposal=proposal, user=other_participant)
    services.endorsement_create(proposal=proposal, user=participant)
    assert services.endorsement_withdraw(proposal=proposal, user=participant) == 1
    assert sorted(Endorsement.objects.values_list("pk", flat=True)) == sorted(
        [mine_elsewhere.pk, theirs.pk]
    )


def test_withdrawing_outside_the_period_is_refused_with_the_code_closed(
    congress, track_a, participant, open_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    mine = services.endorsement_create(proposal=proposal, user=participant)
    now = timezone.now()
    EndorsementPeriod.objects.filter(pk=open_period.pk).update(
        starts_at=now - datetime.timedelta(days=10), ends_at=now - datetime.timedelta(days=3)
    )
    with pytest.raises(ValidationError) as refused:
        services.endorsement_withdraw(proposal=proposal, user=participant)
    assert (refused.value.messages, refused.value.code) == ([CLOSED], "closed")
    assert list(Endorsement.objects.values_list("pk", flat=True)) == [mine.pk]
