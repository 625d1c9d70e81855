import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from congress.registrations.models import Order, OrderState
from tests.factories import MembershipFactory, RegistrationFactory, TariffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def base(edition):
    return f"/api/v1/congresses/{edition.slug}"


@pytest.mark.parametrize("count", [1, 3])
def test_tariffs_list_query_count(api, edition, django_assert_num_queries, count):
    for _ in range(count):
        TariffFactory(congress=edition)
    with django_assert_num_queries(4):  # + the feature guard of the API (issue 15)
        response = api.get(f"{base(edition)}/tariffs/")
    assert response.data["count"] == count


def test_ccas_creates_order_through_api_and_gets_invoice(api, edition, tariffs, ccas_manager):
    org = ccas_manager.memberships.get().organisation
    api.force_authenticate(ccas_manager)
    response = api.post(
        f"{base(edition)}/orders/",
        {
            "organisation": org.slug,
            "tariff": tariffs["public"].pk,
            "code_service": "S1",
            "engagement_number": "EJ1",
            "delegates": [
                {"full_name": "Agent Un", "email": "un@ccas.fr", "needs_lsf": True},
                {
                    "full_name": "Agent Deux",
                    "email": "deux@ccas.fr",
                    "days": [edition.start_date.isoformat()],
                },
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["state"] == "awaiting_mandate"
    assert response.data["total"] == "180.00"
    assert [d["email"] for d in response.data["delegates"]] == ["un@ccas.fr", "deux@ccas.fr"]
    assert response.data["invoices"][0]["reference"] == f"F-{timezone.localdate().year}-00001"
    # The answer is the order as the service wrote it, not read again (issue 18): exactly what
    # reading it back gives.
    assert api.get(f"{base(edition)}/orders/{response.data['id']}/").json() == response.json()
    assert {d["status"] for d in response.data["delegates"]} == {"confirmed"}


def test_api_full_edition_answers_400(api, edition, tariffs, ccas_manager):
    edition.capacity = 1
    edition.save()
    org = ccas_manager.memberships.get().organisation
    api.force_authenticate(ccas_manager)
    response = api.post(
        f"{base(edition)}/orders/",
        {"organisation": org.slug, "tariff": tariffs["public"].pk,
         "delegates": [{"full_name": "A", "email": "a@x.fr"}, {"full_name": "B", "email": "b@x.fr"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_api_member_cannot_order_for_organisation(api, edition, tariffs, ccas_manager):
    org = ccas_manager.memberships.get().organisation
    member = MembershipFactory(organisation=org).user
    api.force_authenticate(member)
    response = api.post(
        f"{base(edition)}/orders/",
        {"organisation": org.slug, "tariff": tariffs["public"].pk,
         "delegates": [{"full_name": "A", "email": "a@x.fr"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_orders_list_scoped_and_query_count(api, edition, django_assert_num_queries, count):
    user = UserFactory()
    for _ in range(count):
        RegistrationFactory(order__congress=edition, order__placed_by=user)
    RegistrationFactory(order__congress=edition)  # someone else's
    api.force_authenticate(user)
    with django_assert_num_queries(7):  # + the feature guard of the API (issue 15)
        response = api.get(f"{base(edition)}/orders/")
    assert response.data["count"] == count


def test_organiser_sees_all_orders_and_cancels(api, edition, organiser):
    for _ in range(2):
        RegistrationFactory(order__congress=edition)
    api.force_authenticate(organiser)
    response = api.get(f"{base(edition)}/orders/")
    assert response.data["count"] == 2
    pk = response.data["results"][0]["id"]
    response = api.post(f"{base(edition)}/orders/{pk}/cancel/")
    assert (response.status_code, response.data["state"]) == (200, "cancelled")
    assert Order.objects.get(pk=pk).state == OrderState.CANCELLED


def test_schema_of_registration_endpoints_generates_without_warnings():
    """The whole schema is not yet warning-free (foundation viewsets); ours must be."""
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache)
    ours = [w for w in warnings if "registration_api" in w or "enum naming" in w]
    assert ours == []
    assert "/api/v1/congresses/{congress_slug}/orders/{id}/cancel/" in schema["paths"]
    assert "/api/v1/congresses/{congress_slug}/tariffs/" in schema["paths"]


def test_api_order_with_a_delegate_without_email_is_a_400(api, edition, tariffs, ccas_manager):
    org = ccas_manager.memberships.get().organisation
    api.force_authenticate(ccas_manager)
    response = api.post(
        f"{base(edition)}/orders/",
        {"organisation": org.slug, "tariff": tariffs["public"].pk, "code_service": "S1",
         "engagement_number": "EJ1", "delegates": [{"full_name": "Sans Adresse"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json() == {"email": ["Indiquez l'adresse e-mail de chaque personne."]}
    assert Order.objects.count() == 0
