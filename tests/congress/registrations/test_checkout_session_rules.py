"""What the checkout sends to Stripe and records when Stripe fails (issue 19, the last
survivors of congress/registrations/checkout.py `order_start_checkout`): the return addresses
given to Stripe, the order's hold equal to the session's expiry, the failure logged."""

import logging
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from congress.registrations import checkout, services
from congress.registrations.models import Order
from tests.congress.registrations.conftest import delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpaid_order(edition, tariffs, association_manager, stripe_settings):
    return services.order_create(
        congress=edition,
        by=association_manager,
        organisation=association_manager.memberships.get().organisation,
        tariff=tariffs["association"],
        delegates=[delegate(1)],
    )


def _start(order, by):
    return checkout.order_start_checkout(
        order=order,
        by=by,
        success_url="http://testserver/commande/merci",
        cancel_url="http://testserver/commande/annulee",
    )


def test_stripe_is_given_the_return_addresses_and_the_orders_hold(
    unpaid_order, association_manager, stripe_settings
):
    """The payer comes back to the addresses the view chose, and the order holds its places
    exactly until the Stripe page closes (whole seconds: Stripe has no microseconds)."""
    _start(unpaid_order, association_manager)

    order = Order.objects.get(pk=unpaid_order.pk)
    session = stripe_settings.sessions[order.stripe_checkout_session_id]
    assert (session["success_url"], session["cancel_url"]) == (
        "http://testserver/commande/merci",
        "http://testserver/commande/annulee",
    )
    assert order.expires_at == datetime.fromtimestamp(session["expires_at"], tz=UTC)
    assert order.expires_at.microsecond == 0


def test_a_failed_checkout_creation_is_logged_with_the_order(
    unpaid_order, association_manager, stripe_settings, caplog
):
    stripe_settings.fail_next(500)

    with caplog.at_level(logging.ERROR, logger="congress.registrations.checkout"):
        with pytest.raises(ValidationError):
            _start(unpaid_order, association_manager)

    records = [r for r in caplog.records if r.name == "congress.registrations.checkout"]
    assert [(r.levelno, r.getMessage()) for r in records] == [
        (logging.ERROR, f"Stripe checkout failed for order {unpaid_order.pk}")
    ]
    assert records[0].exc_info is not None
