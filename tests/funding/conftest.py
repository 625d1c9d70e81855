import pytest

from congress.organisations.models import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.funding import ApplicationFactory, FundingCallFactory, JuryCriterionFactory


@pytest.fixture
def call(db):
    call = FundingCallFactory()
    JuryCriterionFactory(call=call, name="Utilité sociale", weight=3)
    JuryCriterionFactory(call=call, name="Faisabilité", weight=1)
    return call


@pytest.fixture
def association(db):
    return OrganisationFactory(name="Entraide Nanterre", departement="92", commune="Nanterre")


@pytest.fixture
def esus(db):
    return OrganisationFactory(
        name="Coursiers solidaires", kind=OrganisationKind.ESS, rna="", departement="92"
    )


@pytest.fixture
def manager(association):
    return MembershipFactory(organisation=association, role=MembershipRole.MANAGER).user


@pytest.fixture
def organiser(call):
    user = UserFactory()
    call.congress.organisers.add(user)
    return user


@pytest.fixture
def juror(call):
    user = UserFactory()
    call.jurors.add(user)
    return user


@pytest.fixture
def draft(call, association):
    return ApplicationFactory(call=call, organisation=association)
