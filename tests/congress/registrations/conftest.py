from decimal import Decimal

import pytest

from congress.organisations.models import MembershipRole
from congress.registrations import checkout, services
from congress.registrations.models import TariffAudience
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    TariffFactory,
    UserFactory,
    VenueFactory,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories hash a password per user; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition():
    congress = CongressFactory(
        capacity=10,
        billing_name="CCAS du Mans",
        billing_address="Place Saint-Pierre\n72000 Le Mans",
        billing_siret="21720181300011",
        billing_iban="FR76 3000 1007 9412 3456 7890 185",
        billing_bic="BDFEFRPPCCT",
    )
    VenueFactory(congress=congress)
    return congress


@pytest.fixture
def tariffs(edition):
    return {
        "association": TariffFactory(
            congress=edition, name="Association", price=Decimal("60.00"), order=1
        ),
        "public": TariffFactory(
            congress=edition,
            name="CCAS / collectivité",
            price=Decimal("90.00"),
            audience=TariffAudience.PUBLIC_BODY,
            order=2,
        ),
        "individual": TariffFactory(
            congress=edition,
            name="Individuel",
            price=Decimal("35.00"),
            audience=TariffAudience.INDIVIDUAL,
            order=3,
        ),
        "speaker": TariffFactory(
            congress=edition,
            name="Intervenant·e",
            price=Decimal("0.00"),
            audience=TariffAudience.INVITED,
            invitation_code="INTERVENANT-2024",
            order=4,
        ),
    }


@pytest.fixture
def association_manager():
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Épicerie solidaire du Maine"),
        role=MembershipRole.MANAGER,
    )
    return membership.user


@pytest.fixture
def ccas_manager():
    membership = MembershipFactory(
        organisation=OrganisationFactory(
            ccas=True,
            name="CCAS de Coulaines",
            address="1 place de la Mairie",
            postal_code="72190",
            commune="Coulaines",
        ),
        role=MembershipRole.MANAGER,
    )
    return membership.user


@pytest.fixture
def organiser(edition):
    user = UserFactory(full_name="Claire Organisatrice")
    edition.organisers.add(user)
    return user


def delegate(n: int, **extra) -> dict:
    return {"full_name": f"Délégué·e {n}", "email": f"delegue{n}@example.org", **extra}


@pytest.fixture
def card_order(edition, tariffs, association_manager, stripe_settings):
    order = services.order_create(
        congress=edition,
        by=association_manager,
        organisation=association_manager.memberships.get().organisation,
        tariff=tariffs["association"],
        delegates=[delegate(1), delegate(2)],
    )
    checkout.order_start_checkout(
        order=order,
        by=association_manager,
        success_url="http://testserver/ok",
        cancel_url="http://testserver/ko",
    )
    order.refresh_from_db()
    return order


@pytest.fixture
def invoiced_order(edition, tariffs, ccas_manager):
    """A CCAS's order of two delegates at the public tariff (test_order_guards keeps its own)."""
    return services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(1), delegate(2)],
    )
