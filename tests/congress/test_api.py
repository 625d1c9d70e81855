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
from tests.spaces import plain

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
        "country",
        "website",
    }


def test_a_member_lists_the_directory_with_only_their_own_organisation_in_full(api):
    """One public serializer serves the whole list (issue 18): the rows before and after the
    member's own organisation still show the public fields only, and theirs everything."""
    OrganisationFactory(name="Accueil public", public_listing=True)
    mine = MembershipFactory(organisation=OrganisationFactory(name="Banque alimentaire"))
    OrganisationFactory(name="Centre social", public_listing=True)
    api.force_authenticate(mine.user)

    rows = api.get("/api/v1/organisations/").json()["results"]

    assert [(row["name"], "siret" in row, "permissions" in row) for row in rows] == [
        ("Accueil public", False, False),
        ("Banque alimentaire", True, True),
        ("Centre social", False, False),
    ]
    assert rows[1]["siret"] == mine.organisation.siret


def test_organisation_detail_private_fields_for_members_only(api):
    membership = MembershipFactory(organisation=OrganisationFactory(public_listing=True))
    url = f"/api/v1/organisations/{membership.organisation.slug}/"
    anonymous = api.get(url)
    assert (anonymous.status_code, anonymous.json()["name"]) == (200, membership.organisation.name)
    assert "siret" not in anonymous.json()
    api.force_authenticate(UserFactory())
    outsider = api.get(url)
    assert (outsider.status_code, outsider.json()["name"]) == (200, membership.organisation.name)
    assert "siret" not in outsider.json()
    api.force_authenticate(membership.user)
    response = api.get(url)
    assert response.status_code == 200
    body = response.json()
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
    assert plain(response.json()) == plain(
        {"siret": ["Ce numéro SIRET n'est pas valide : la clé de contrôle ne correspond pas."]}
    )
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
    response = api.get(url)
    assert response.status_code == 200
    assert [m["email"] for m in response.json()] == [membership.user.email]


def test_draft_congress_is_not_in_the_api(api):
    CongressFactory(status="draft", slug="brouillon")
    listed = api.get("/api/v1/congresses/")
    assert (listed.status_code, listed.json()["count"]) == (200, 0)
    assert api.get("/api/v1/congresses/brouillon/").status_code == 404
    tracks = api.get("/api/v1/congresses/brouillon/tracks/")
    assert (tracks.status_code, tracks.json()) == (200, [])


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_list_query_count(api, django_assert_num_queries, count):
    organisations = OrganisationFactory.create_batch(count)
    with django_assert_num_queries(2):
        response = api.get("/api/v1/organisations/")
    assert response.status_code == 200
    assert sorted(o["id"] for o in response.json()["results"]) == sorted(
        o.pk for o in organisations
    )


@pytest.mark.parametrize("count", [1, 3])
def test_my_organisations_query_count(api, django_assert_num_queries, count):
    user = UserFactory()
    mine = [MembershipFactory(user=user).organisation for _ in range(count)]
    OrganisationFactory()  # not theirs
    api.force_authenticate(user)
    with django_assert_num_queries(3):
        response = api.get("/api/v1/organisations/?mine=1")
    assert response.status_code == 200
    results = response.json()["results"]
    assert sorted(o["id"] for o in results) == sorted(o.pk for o in mine)
    assert [o["permissions"]["is_member"] for o in results] == [True] * count


@pytest.mark.parametrize("count", [1, 3])
def test_congress_list_query_count(api, django_assert_num_queries, count):
    congresses = CongressFactory.create_batch(count)
    with django_assert_num_queries(2):
        response = api.get("/api/v1/congresses/")
    assert response.status_code == 200
    assert sorted(c["slug"] for c in response.json()["results"]) == sorted(
        c.slug for c in congresses
    )


@pytest.mark.parametrize("count", [1, 3])
def test_venue_list_query_count(api, django_assert_num_queries, count):
    congress = CongressFactory()
    venues = VenueFactory.create_batch(count, congress=congress)
    for venue in venues:
        RoomFactory.create_batch(2, venue=venue)
    with django_assert_num_queries(3):
        response = api.get(f"/api/v1/congresses/{congress.slug}/venues/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert sorted(v["name"] for v in results) == sorted(v.name for v in venues)
    assert [len(v["rooms"]) for v in results] == [2] * count


@pytest.mark.parametrize("count", [1, 3])
def test_track_and_session_type_list_query_count(api, django_assert_num_queries, count):
    congress = CongressFactory()
    track_rows = TrackFactory.create_batch(count, congress=congress)
    type_rows = SessionTypeFactory.create_batch(count, congress=congress)
    with django_assert_num_queries(1):
        tracks = api.get(f"/api/v1/congresses/{congress.slug}/tracks/")
    with django_assert_num_queries(1):
        types = api.get(f"/api/v1/congresses/{congress.slug}/session-types/")
    assert (tracks.status_code, types.status_code) == (200, 200)
    assert sorted(t["slug"] for t in tracks.json()) == sorted(t.slug for t in track_rows)
    assert sorted(t["slug"] for t in types.json()) == sorted(t.slug for t in type_rows)


@pytest.mark.parametrize("count", [1, 3])
def test_members_list_query_count(api, django_assert_num_queries, count):
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    others = MembershipFactory.create_batch(count - 1, organisation=manager.organisation)
    api.force_authenticate(manager.user)
    with django_assert_num_queries(3):
        response = api.get(f"/api/v1/organisations/{manager.organisation.slug}/members/")
    assert response.status_code == 200
    assert sorted(m["email"] for m in response.json()) == sorted(
        m.user.email for m in [manager, *others]
    )


def test_openapi_schema_is_valid_and_served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/organisations/" in response.content
    assert client.get("/api/docs/").status_code == 200


def test_openapi_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
