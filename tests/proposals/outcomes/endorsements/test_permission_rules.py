"""Who endorses a policy proposal, and when (proposals/outcomes/endorsements/permissions.py,
issue 19): the edition's participants, a validated proposal, while the period is open."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from proposals.outcomes.endorsements.permissions import can_endorse, endorsement_period_open
from proposals.outcomes.recording.models import PolicyStatus
from tests.factories import (
    CongressFactory,
    EndorsementPeriodFactory,
    PolicyProposalFactory,
    UserFactory,
    make_participant,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_the_period_is_open_from_its_start_until_its_end_excluded():
    congress = CongressFactory()
    now = timezone.now().replace(microsecond=0)
    period = EndorsementPeriodFactory(congress=congress, starts_at=now, ends_at=now + DAY)
    assert endorsement_period_open(congress, now) is True
    assert endorsement_period_open(congress, now - datetime.timedelta(seconds=1)) is False
    assert endorsement_period_open(congress, now + DAY) is False
    assert endorsement_period_open(congress) is True  # now, a moment after its start
    period.starts_at, period.ends_at = now - 3 * DAY, now - 2 * DAY
    period.save()
    assert endorsement_period_open(congress) is False
    assert endorsement_period_open(congress, now - 2 * DAY - DAY / 2) is True


def test_no_period_means_closed_and_another_edition_s_period_does_not_count():
    congress, other = CongressFactory(), CongressFactory()
    EndorsementPeriodFactory(congress=other)
    assert endorsement_period_open(congress) is False
    assert endorsement_period_open(other) is True


def test_participants_endorse_validated_proposals_while_the_period_is_open():
    congress = CongressFactory()
    period = EndorsementPeriodFactory(congress=congress)
    participant, stranger = UserFactory(), UserFactory()
    make_participant(participant, congress)
    make_participant(stranger, CongressFactory())  # a participant of another edition
    validated = PolicyProposalFactory(congress=congress, status=PolicyStatus.VALIDATED)
    assert can_endorse(participant, validated) is True
    assert can_endorse(stranger, validated) is False
    assert can_endorse(AnonymousUser(), validated) is False
    for status in (
        PolicyStatus.DRAFT,
        PolicyStatus.SUBMITTED,
        PolicyStatus.MERGED,
        PolicyStatus.SET_ASIDE,
    ):
        merged_into = validated if status == PolicyStatus.MERGED else None
        proposal = PolicyProposalFactory(congress=congress, status=status, merged_into=merged_into)
        assert can_endorse(participant, proposal) is False, status
        assert can_endorse(participant, proposal, period_open=True) is False, status
    # The period as the caller already read it, else read now.
    assert can_endorse(participant, validated, period_open=False) is False
    assert can_endorse(stranger, validated, period_open=True) is False
    period.ends_at = timezone.now() - DAY
    period.starts_at = period.ends_at - DAY
    period.save()
    assert can_endorse(participant, validated) is False
    assert can_endorse(participant, validated, period_open=True) is True
