import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from congress.organisations.models import MembershipRole, Organisation
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    RoomFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_organisation_list_shows_public_fields_only(api):
    OrganisationFactory(name="Visible", public_listing=True)
    OrganisationFactory(name="Cachée", public_listing=False)
    response = api.get("/api/v1/organisations/")
    assert response.status_code == 200
    assert [o["name"] for o in response.json()["results"]] == ["Visible"]
    assert set(response.json()["results"][0]) == {
        "id",
        "slug",
        "name",
        "kind",
        "commune",
        "departement",
        "website",
    }


def test_organisation_detail_private_fields_for_members_only(api):
    membership = MembershipFactory(organisation=OrganisationFactory(public_listing=True))
    url = f"/api/v1/organisations/{membership.organisation.slug}/"
    assert "siret" not in api.get(url).json()
    api.force_authenticate(UserFactory())
    assert "siret" not in api.get(url).json()
    api.force_authenticate(membership.user)
    body = api.get(url).json()
    assert body["siret"] == membership.organisation.siret
    assert body["permissions"] == {"can_manage": False, "is_member": True}


def test_unlisted_organisation_is_404_for_outsiders(api):
    hidden = OrganisationFactory(public_listing=False)
    api.force_authenticate(UserFactory())
    assert api.get(f"/api/v1/organisations/{hidden.slug}/").status_code == 404


def test_organisation_update_by_another_organisation_is_forbidden(api):
    a = MembershipFactory(role=MembershipRole.MANAGER)
    b = MembershipFactory(role=MembershipRole.MANAGER)
    api.force_authenticate(a.user)
    response = api.patch(
        f"/api/v1/organisations/{b.organisation.slug}/", {"name": "Piratée"}, format="json"
    )
    assert response.status_code == 403
    b.organisation.refresh_from_db()
    assert b.organisation.name != "Piratée"


def test_organisation_update_by_manager_with_token(api):
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    token = Token.objects.create(user=manager.user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.patch(
        f"/api/v1/organisations/{manager.organisation.slug}/",
        {"name": "Nouveau nom"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Nouveau nom"


def test_organisation_create_invalid_siret_is_400_in_french(api):
    api.force_authenticate(UserFactory())
    response = api.post(
        "/api/v1/organisations/",
        {
            "kind": "association",
            "name": "Asso",
            "siret": "73282932000075",
            "commune": "Le Mans",
            "departement": "72",
            "contact_email": "a@example.org",
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "siret": ["Ce numéro SIRET n'est pas valide : la clé de contrôle ne correspond pas."]
    }
    assert Organisation.objects.count() == 0


def test_organisation_create_duplicate_siret_is_400(api):
    OrganisationFactory(siret="73282932000074")
    api.force_authenticate(UserFactory())
    response = api.post(
        "/api/v1/organisations/",
        {
            "kind": "association",
            "name": "Asso",
            "siret": "73282932000074",
            "commune": "Le Mans",
            "departement": "72",
            "contact_email": "a@example.org",
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"siret": ["Une organisation avec ce SIRET existe déjà."]}


def test_organisation_create_anonymous_is_refused(api):
    assert api.post("/api/v1/organisations/", {}, format="json").status_code in (401, 403)


def test_members_endpoint_only_for_members(api):
    membership = MembershipFactory(organisation=OrganisationFactory(public_listing=True))
    url = f"/api/v1/organisations/{membership.organisation.slug}/members/"
    api.force_authenticate(UserFactory())
    assert api.get(url).status_code == 404
    api.force_authenticate(membership.user)
    assert [m["email"] for m in api.get(url).json()] == [membership.user.email]


def test_draft_congress_is_not_in_the_api(api):
    CongressFactory(status="draft", slug="brouillon")
    assert api.get("/api/v1/congresses/").json()["count"] == 0
    assert api.get("/api/v1/congresses/brouillon/").status_code == 404
    assert api.get("/api/v1/congresses/brouillon/tracks/").json() == []


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_list_query_count(api, django_assert_num_queries, count):
    OrganisationFactory.create_batch(count)
    with django_assert_num_queries(2):
        response = api.get("/api/v1/organisations/")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_organisations_query_count(api, django_assert_num_queries, count):
    user = UserFactory()
    for _ in range(count):
        MembershipFactory(user=user)
    api.force_authenticate(user)
    with django_assert_num_queries(3):
        response = api.get("/api/v1/organisations/?mine=1")
    assert [o["permissions"]["is_member"] for o in response.json()["results"]] == [True] * count


@pytest.mark.parametrize("count", [1, 3])
def test_congress_list_query_count(api, django_assert_num_queries, count):
    CongressFactory.create_batch(count)
    with django_assert_num_queries(2):
        response = api.get("/api/v1/congresses/")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_venue_list_query_count(api, django_assert_num_queries, count):
    congress = CongressFactory()
    for _ in range(count):
        venue = VenueFactory(congress=congress)
        RoomFactory.create_batch(2, venue=venue)
    with django_assert_num_queries(3):
        response = api.get(f"/api/v1/congresses/{congress.slug}/venues/")
    assert [len(v["rooms"]) for v in response.json()["results"]] == [2] * count


@pytest.mark.parametrize("count", [1, 3])
def test_track_and_session_type_list_query_count(api, django_assert_num_queries, count):
    congress = CongressFactory()
    TrackFactory.create_batch(count, congress=congress)
    SessionTypeFactory.create_batch(count, congress=congress)
    with django_assert_num_queries(1):
        tracks = api.get(f"/api/v1/congresses/{congress.slug}/tracks/").json()
    with django_assert_num_queries(1):
        types = api.get(f"/api/v1/congresses/{congress.slug}/session-types/").json()
    assert (len(tracks), len(types)) == (count, count)


@pytest.mark.parametrize("count", [1, 3])
def test_members_list_query_count(api, django_assert_num_queries, count):
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    MembershipFactory.create_batch(count - 1, organisation=manager.organisation)
    api.force_authenticate(manager.user)
    with django_assert_num_queries(3):
        response = api.get(f"/api/v1/organisations/{manager.organisation.slug}/members/")
    assert len(response.json()) == count


def test_openapi_schema_is_valid_and_served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/organisations/" in response.content
    assert client.get("/api/docs/").status_code == 200


def test_openapi_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
