from decimal import Decimal

import pytest

from congress.registrations.models import OrderState, PaymentMethod
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition():
    return CongressFactory()


@pytest.fixture
def organiser(edition):
    user = UserFactory(full_name="Claire Organisatrice")
    edition.organisers.add(user)
    return user


def transfer_order(congress, total="180.00", state=OrderState.AWAITING_TRANSFER, **extra):
    """An order waiting for its bank transfer, with one delegate (as the transfer flow makes)."""
    organisation = OrganisationFactory()
    manager = MembershipFactory(organisation=organisation, role="manager").user
    order = OrderFactory(
        congress=congress,
        organisation=organisation,
        placed_by=manager,
        payment_method=PaymentMethod.TRANSFER,
        state=state,
        total=Decimal(total),
        **extra,
    )
    RegistrationFactory(order=order, price=Decimal(total))
    return order


def statement(*rows: str) -> bytes:
    """A statement as a French bank exports it: `;`, decimal comma, UTF-8 with a BOM."""
    return ("\ufeffDate;Libellé;Montant\n" + "\n".join(rows) + "\n").encode()
