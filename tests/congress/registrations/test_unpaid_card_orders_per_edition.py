"""One unpaid card order at a time per organisation, at each edition: an unpaid order at
another edition does not block this one (mutation testing, issue 19)."""

from decimal import Decimal

import pytest

from congress.registrations import services
from congress.registrations.models import OrderState
from tests.congress.registrations.conftest import delegate
from tests.factories import CongressFactory, TariffFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_an_unpaid_card_order_elsewhere_does_not_block_an_order_here(
    edition, tariffs, association_manager, stripe_settings
):
    organisation = association_manager.memberships.get().organisation
    other = CongressFactory(capacity=10)
    VenueFactory(congress=other)
    elsewhere = services.order_create(
        congress=other,
        by=association_manager,
        organisation=organisation,
        tariff=TariffFactory(congress=other, price=Decimal("60.00")),
        delegates=[delegate(1)],
    )

    here = services.order_create(
        congress=edition,
        by=association_manager,
        organisation=organisation,
        tariff=tariffs["association"],
        delegates=[delegate(2)],
    )

    assert (elsewhere.state, here.state) == (OrderState.PENDING_PAYMENT, OrderState.PENDING_PAYMENT)
    assert here.congress == edition
