import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from congress.onsite.models import DeskRole
from congress.organisations.models import MembershipRole
from congress.registrations.models import OrderState, PaymentMethod
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    TariffFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def edition(today):
    """An edition on today and tomorrow (the desk checks in for today)."""
    return CongressFactory(
        start_date=today, end_date=today + datetime.timedelta(days=1), organiser_name="CCAS"
    )


@pytest.fixture
def organiser(edition):
    user = UserFactory(full_name="Olga Organisatrice")
    edition.organisers.add(user)
    return user


@pytest.fixture
def volunteer(edition):
    user = UserFactory(full_name="Victor Bénévole")
    DeskRole.objects.create(congress=edition, user=user)
    return user


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Épicerie solidaire du Maine")


@pytest.fixture
def manager(organisation):
    return MembershipFactory(
        organisation=organisation, role=MembershipRole.MANAGER, user=UserFactory()
    ).user


@pytest.fixture
def tariff(edition):
    return TariffFactory(congress=edition, name="Association", price=Decimal("60.00"))


def delegate(
    edition,
    *,
    tariff,
    organisation=None,
    name="Hélène Durand",
    state=OrderState.PAID,
    method=PaymentMethod.CARD,
    days=None,
    **extra,
):
    order = OrderFactory(
        congress=edition,
        organisation=organisation,
        state=state,
        payment_method=method,
        total=tariff.price,
    )
    return RegistrationFactory(
        order=order, congress=edition, tariff=tariff, full_name=name, price=tariff.price,
        days=[d.isoformat() for d in (edition.days if days is None else days)], **extra,
    )  # fmt: skip


@pytest.fixture
def helene(edition, tariff, organisation):
    return delegate(edition, tariff=tariff, organisation=organisation)
