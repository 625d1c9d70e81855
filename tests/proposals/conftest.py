import pytest

from tests.factories import (
    CallFactory,
    CongressFactory,
    CriterionFactory,
    MembershipFactory,
    OrganisationFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
)


@pytest.fixture
def congress():
    return CongressFactory()


@pytest.fixture
def track(congress):
    return TrackFactory(congress=congress, name="L'aide alimentaire et la qualité")


@pytest.fixture
def call(congress):
    call = CallFactory(congress=congress)
    CriterionFactory(call=call, name="Pertinence", weight=3)
    CriterionFactory(call=call, name="Transférabilité", weight=1)
    return call


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Épicerie solidaire du Maine")


@pytest.fixture
def author(organisation):
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def reviewer(track):
    return TrackRoleFactory(track=track, user=UserFactory(full_name="Rémi Relecteur")).user
