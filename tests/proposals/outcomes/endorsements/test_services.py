import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals.outcomes.endorsements import services
from proposals.outcomes.models import Endorsement
from tests.factories import PolicyProposalFactory, UserFactory

pytestmark = pytest.mark.django_db


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
