"""`Idempotency-Key` on the API endpoints that create registrations (orders, workshop sign-ups)."""

import threading

import pytest
from rest_framework.test import APIClient

from congress.core.models import IdempotencyRecord
from congress.registrations.models import Order, Registration

pytestmark = pytest.mark.django_db


def order_payload(organisation, tariff, email="un@ccas.fr"):
    return {
        "organisation": organisation.slug,
        "tariff": tariff.pk,
        "engagement_number": "EJ1",
        "delegates": [{"full_name": "Agent Un", "email": email}],
    }


@pytest.fixture
def ccas_api(ccas_manager):
    api = APIClient()
    api.force_authenticate(ccas_manager)
    return api


def test_order_create_replayed_with_the_same_key_creates_one_order(
    ccas_api, edition, tariffs, ccas_manager
):
    url = f"/api/v1/congresses/{edition.slug}/orders/"
    payload = order_payload(ccas_manager.memberships.get().organisation, tariffs["public"])
    first = ccas_api.post(url, payload, HTTP_IDEMPOTENCY_KEY="commande-42")
    second = ccas_api.post(url, payload, HTTP_IDEMPOTENCY_KEY="commande-42")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1
    assert Registration.objects.count() == 1


def test_order_create_same_key_other_body_is_422(ccas_api, edition, tariffs, ccas_manager):
    url = f"/api/v1/congresses/{edition.slug}/orders/"
    organisation = ccas_manager.memberships.get().organisation
    assert (
        ccas_api.post(
            url, order_payload(organisation, tariffs["public"]), HTTP_IDEMPOTENCY_KEY="k"
        ).status_code
        == 201
    )
    response = ccas_api.post(
        url,
        order_payload(organisation, tariffs["public"], email="deux@ccas.fr"),
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Cette clé d'idempotence a déjà servi pour une autre requête."
    }
    assert Order.objects.count() == 1


def test_order_create_failed_request_leaves_no_key(ccas_api, edition, tariffs, ccas_manager):
    edition.capacity = 0
    edition.save()
    url = f"/api/v1/congresses/{edition.slug}/orders/"
    payload = order_payload(ccas_manager.memberships.get().organisation, tariffs["public"])
    assert ccas_api.post(url, payload, HTTP_IDEMPOTENCY_KEY="k").status_code == 400
    assert IdempotencyRecord.objects.count() == 0


def test_keys_are_per_user(edition, tariffs, ccas_manager):
    from tests.factories import MembershipFactory, OrganisationFactory

    other = MembershipFactory(organisation=OrganisationFactory(ccas=True), role="manager").user
    url = f"/api/v1/congresses/{edition.slug}/orders/"
    for user, email in [(ccas_manager, "un@ccas.fr"), (other, "deux@ccas.fr")]:
        api = APIClient()
        api.force_authenticate(user)
        payload = order_payload(user.memberships.get().organisation, tariffs["public"], email=email)
        assert api.post(url, payload, HTTP_IDEMPOTENCY_KEY="same").status_code == 201
    assert Order.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_with_one_key_create_one_order(edition, tariffs, ccas_manager):
    url = f"/api/v1/congresses/{edition.slug}/orders/"
    payload = order_payload(ccas_manager.memberships.get().organisation, tariffs["public"])
    barrier = threading.Barrier(4)
    statuses = []

    def attempt():
        from django.db import connections

        api = APIClient()
        api.force_authenticate(ccas_manager)
        barrier.wait()
        try:
            statuses.append(api.post(url, payload, HTTP_IDEMPOTENCY_KEY="double-clic").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 201, 201, 201]
    assert Order.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_unique_key_the_retries_are_refused_instead_of_replayed(
    edition, tariffs, ccas_manager
):
    from congress.core.models import IdempotencyRecord
    from tests.races import without_constraint

    url = f"/api/v1/congresses/{edition.slug}/orders/"
    payload = order_payload(ccas_manager.memberships.get().organisation, tariffs["public"])
    barrier = threading.Barrier(4)
    statuses = []

    def attempt():
        from django.db import connections

        api = APIClient()
        api.force_authenticate(ccas_manager)
        barrier.wait()
        try:
            statuses.append(api.post(url, payload, HTTP_IDEMPOTENCY_KEY="double-clic").status_code)
        finally:
            connections.close_all()

    with without_constraint(IdempotencyRecord, "idempotency_unique_key_per_user"):
        threads = [threading.Thread(target=attempt) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # No request waits for the first one's key: the retries run the order again and are
        # refused (the delegates are already registered) instead of getting the stored 201.
        assert sorted(statuses) == [201, 400, 400, 400]
        assert Order.objects.count() == 1
