"""The endorsement period: set by organisers only; outside it, nobody endorses or withdraws."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from proposals.outcomes.endorsements import services
from proposals.outcomes.models import Endorsement, EndorsementPeriod, PolicyStatus
from tests.factories import EndorsementPeriodFactory, PolicyProposalFactory

pytestmark = pytest.mark.django_db

DAY = timezone.timedelta(days=1)


def test_organisers_set_the_endorsement_period(congress, organiser):
    now = timezone.now().replace(microsecond=0)
    services.endorsement_period_save(
        congress=congress, by=organiser, starts_at=now, ends_at=now + DAY
    )
    period = services.endorsement_period_save(
        congress=congress, by=organiser, starts_at=now, ends_at=now + 2 * DAY
    )
    assert list(EndorsementPeriod.objects.values_list("pk", "starts_at", "ends_at")) == [
        (period.pk, now, now + 2 * DAY)
    ]


def test_setting_the_endorsement_period_is_refused_to_a_participant(congress, participant):
    now = timezone.now()
    with pytest.raises(PermissionDenied):
        services.endorsement_period_save(
            congress=congress, by=participant, starts_at=now, ends_at=now + DAY
        )
    assert EndorsementPeriod.objects.count() == 0


def test_withdrawing_after_the_period_is_refused(congress, participant):
    EndorsementPeriodFactory(congress=congress, starts_at=timezone.now() - 3 * DAY,
                             ends_at=timezone.now() - DAY)  # fmt: skip
    proposal = PolicyProposalFactory(congress=congress, status=PolicyStatus.VALIDATED)
    Endorsement.objects.create(proposal=proposal, user=participant)
    with pytest.raises(ValidationError) as error:
        services.endorsement_withdraw(proposal=proposal, user=participant)
    assert error.value.messages == ["La période de soutien n'est pas ouverte."]
    assert Endorsement.objects.count() == 1


def test_endorsing_before_the_period_is_refused(congress, participant):
    EndorsementPeriodFactory(congress=congress, starts_at=timezone.now() + DAY,
                             ends_at=timezone.now() + 3 * DAY)  # fmt: skip
    proposal = PolicyProposalFactory(congress=congress, status=PolicyStatus.VALIDATED)
    with pytest.raises(ValidationError) as error:
        services.endorsement_create(proposal=proposal, user=participant)
    assert error.value.messages == ["La période de soutien n'est pas ouverte."]
    assert Endorsement.objects.count() == 0


def test_endorsing_a_proposal_not_validated_is_refused(congress, participant):
    EndorsementPeriodFactory(congress=congress)
    proposal = PolicyProposalFactory(congress=congress, status=PolicyStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.endorsement_create(proposal=proposal, user=participant)
    assert Endorsement.objects.count() == 0
