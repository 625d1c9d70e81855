"""Issue 12 through the API: the way to pay, and refusals outside the registration window."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from congress.registrations.models import Order, OrderState
from tests.congress.registrations.conftest import delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def post_order(api, edition, manager, tariff, **extra):
    api.force_authenticate(manager)
    return api.post(
        f"/api/v1/congresses/{edition.slug}/orders/",
        {
            "organisation": manager.memberships.get().organisation.slug,
            "tariff": tariff.pk,
            "delegates": [delegate(1), delegate(2)],
            **extra,
        },
        format="json",
    )


def test_api_order_paid_by_transfer(api, edition, tariffs, association_manager):
    response = post_order(
        api, edition, association_manager, tariffs["association"], payment_method="transfer"
    )
    assert response.status_code == 201, response.data
    assert response.data["payment_method"] == "transfer"
    assert response.data["state"] == OrderState.AWAITING_TRANSFER
    order = Order.objects.get()
    assert response.data["reference"] == order.reference
    assert response.data["transfer"] == {
        "iban": edition.billing_iban,
        "bic": edition.billing_bic,
        "payee": edition.billing_name,
        "reference": order.reference,
        "amount": "120.00",
        "due_on": order.transfer_due_on.isoformat(),
    }
    assert response.data["refund_terms"].startswith("Annulation en ligne avec remboursement")


def test_api_refuses_a_method_not_offered(api, edition, tariffs, association_manager):
    response = post_order(
        api, edition, association_manager, tariffs["association"], payment_method="on_site"
    )
    assert response.status_code == 400
    assert "payment_method" in response.data
    assert not Order.objects.exists()
    response = post_order(api, edition, association_manager, tariffs["public"])
    assert response.status_code == 400  # an association cannot take the public bodies' tariff


def test_api_refuses_registration_after_closing(api, edition, tariffs, association_manager):
    edition.registration_closes_at = timezone.now() - timedelta(hours=1)
    edition.save()
    response = post_order(api, edition, association_manager, tariffs["association"])
    assert response.status_code == 400
    assert "Les inscriptions sont closes depuis le" in str(response.data)
    assert not Order.objects.exists()


def test_api_refuses_cancellation_after_the_deadline_but_not_to_organisers(
    api, edition, tariffs, association_manager, organiser
):
    post_order(api, edition, association_manager, tariffs["association"])
    order = Order.objects.get()
    edition.cancellation_deadline = timezone.now() - timedelta(hours=1)
    edition.save()
    url = f"/api/v1/congresses/{edition.slug}/orders/{order.pk}/cancel/"
    refused = api.post(url)
    assert refused.status_code == 400
    assert "Le délai d'annulation avec remboursement est dépassé" in str(refused.data)
    order.refresh_from_db()
    assert order.state == OrderState.AWAITING_TRANSFER
    api.force_authenticate(organiser)
    assert api.post(url).status_code == 200
    order.refresh_from_db()
    assert order.state == OrderState.CANCELLED


def test_api_order_on_site_has_no_transfer_details(api, edition, tariffs, association_manager):
    edition.accepts_on_site = True
    edition.save()
    response = post_order(
        api, edition, association_manager, tariffs["association"], payment_method="on_site"
    )
    assert response.status_code == 201, response.data
    assert (response.data["state"], response.data["transfer"]) == ("awaiting_on_site", None)
