import datetime
from decimal import Decimal

import pytest

from congress.organisations.models import MembershipRole, OrganisationKind
from funding.models import ApplicationState, Decision
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.funding import (
    ApplicationFactory,
    FunderFactory,
    FundingCallFactory,
    JuryCriterionFactory,
    attach_all,
)


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


# Applications ----------------------------------------------------------------------------------

FIELDS = {
    "title": "Courses accompagnées", "theme": "Vie quotidienne", "public": "Personnes âgées",
    "project": "Des bénévoles accompagnent.", "need": "L'isolement.",
    "impact_indicators": "Personnes accompagnées.", "budget_total": Decimal("30000"),
    "amount_requested": Decimal("15000"), "cofunding": "CAF", "esus_approved": False,
}  # fmt: skip


def manager_of(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user


def submitted(application):
    attach_all(application)
    application.state = ApplicationState.SUBMITTED
    application.save()
    return application


# Funder meetings -------------------------------------------------------------------------------


@pytest.fixture
def congress(call):
    return call.congress


@pytest.fixture
def applications(call):
    return [
        ApplicationFactory(call=call, state=ApplicationState.SUBMITTED, title=f"Projet {i}")
        for i in range(3)
    ]


@pytest.fixture
def funders(congress):
    return [FunderFactory(congress=congress) for _ in range(2)]


# Funded projects' follow-up --------------------------------------------------------------------

INTERIM, FINAL = datetime.date(2025, 3, 31), datetime.date(2025, 10, 31)


@pytest.fixture
def funded_call(call):
    call.interim_report_due, call.final_report_due = INTERIM, FINAL
    call.save()
    return call


def grant(application):
    application.state = ApplicationState.GRANTED
    application.save()
    Decision.objects.create(application=application, granted=True, amount_granted=Decimal("5000"))
    return application
