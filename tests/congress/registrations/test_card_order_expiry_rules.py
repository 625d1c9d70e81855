"""Unpaid card orders expire at the end of their delay, not before: the sweep expires only the
orders past their delay and counts them (mutation testing, issue 19)."""

import datetime

import pytest
from django.utils import timezone

from congress.registrations import services
from congress.registrations.models import Order, OrderState, RegistrationStatus
from tests.congress.registrations.conftest import delegate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def card_order(edition, tariff, n):
    order = services.order_create(
        congress=edition, by=UserFactory(), tariff=tariff, delegates=[delegate(n)]
    )
    assert order.state == OrderState.PENDING_PAYMENT
    return order


def states(*orders):
    return [
        (
            Order.objects.get(pk=order.pk).state,
            list(order.registrations.values_list("status", flat=True)),
        )
        for order in orders
    ]


def test_the_sweep_expires_only_the_orders_past_their_delay(edition, tariffs, stripe_settings):
    overdue = card_order(edition, tariffs["individual"], 1)
    running = card_order(edition, tariffs["individual"], 2)
    also_overdue = card_order(edition, tariffs["individual"], 3)
    Order.objects.filter(pk__in=[overdue.pk, also_overdue.pk]).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert services.orders_expire_due() == 2

    assert states(overdue, also_overdue, running) == [
        (OrderState.EXPIRED, [RegistrationStatus.EXPIRED]),
        (OrderState.EXPIRED, [RegistrationStatus.EXPIRED]),
        (OrderState.PENDING_PAYMENT, [RegistrationStatus.PENDING]),
    ]
    # A second sweep before the running order's delay ends finds nothing.
    assert services.orders_expire_due(now=running.expires_at - datetime.timedelta(seconds=1)) == 0
    assert states(running) == [(OrderState.PENDING_PAYMENT, [RegistrationStatus.PENDING])]
