"""The evening (issue 15): its stands, its timeline, its registration and press contact."""

import pytest
from django.urls import reverse

from tests.factories import CongressFactory, SessionFactory, SessionTypeFactory
from tracks.activities import services
from tracks.stands.models import Stand

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening(db):
    return CongressFactory(
        slug="soiree",
        kind="evening",
        capacity=1,
        press_contact="Service de presse – presse@example.org",
    )


@pytest.mark.parametrize("n", [1, 3])
def test_stand_list_query_count(client, evening, n, django_assert_num_queries):
    for i in range(n):
        Stand.objects.create(
            congress=evening,
            name=f"Exposant {i}",
            holder_kind="association",
            number=f"{i:02}",
            location="Salon des Arcades",
        )
    with django_assert_num_queries(5):
        response = client.get(reverse("stand_list", args=[evening.slug]))
    html = response.content.decode()
    for i in range(n):
        assert f"Exposant {i}" in html


def test_stand_list_filters_by_kind_of_exhibitor(client, evening):
    Stand.objects.create(congress=evening, name="Association A", holder_kind="association")
    Stand.objects.create(congress=evening, name="Budget participatif", holder_kind="municipal")
    response = client.get(reverse("stand_list", args=[evening.slug]), {"kind": "municipal"})
    assert [s.name for s in response.context["stands"]] == ["Budget participatif"]
    response = client.get(reverse("stand_list", args=[evening.slug]), {"kind": "nonsense"})
    assert len(response.context["stands"]) == 2


def test_evening_page_shows_timeline_stands_registration_and_press(client, evening):
    doors = SessionTypeFactory(congress=evening, name="Accueil", is_workshop=False)
    SessionFactory(congress=evening, session_type=doors, title="Ouverture des portes au public")
    Stand.objects.create(congress=evening, name="Volontaires de Paris", holder_kind="municipal")
    html = client.get(reverse("congress_detail", args=[evening.slug])).content.decode()
    assert "Ouverture des portes au public" in html
    assert "1 stand d&#x27;associations" in html or "1 stand d'associations" in html
    assert reverse("evening_register", args=[evening.slug]) in html
    assert "presse@example.org" in html
    assert "S&#x27;inscrire à la soirée" in html or "S'inscrire à la soirée" in html
    services.activity_register(congress=evening, session=None, full_name="A", email="a@example.org")
    html = client.get(reverse("congress_detail", args=[evening.slug])).content.decode()
    assert "liste d&#x27;attente" in html or "liste d'attente" in html


def test_the_evening_hides_the_congress_pages_and_links(client, evening):
    html = client.get(reverse("congress_detail", args=[evening.slug])).content.decode()
    assert reverse("registration_start", args=[evening.slug]) not in html
    assert client.get(reverse("registration_start", args=[evening.slug])).status_code == 404
    assert client.get(reverse("public_policy_list", args=[evening.slug])).status_code == 404
    assert client.get(reverse("proposal_list", args=[evening.slug])).status_code == 404


def test_evening_registration_refuses_when_full_and_offers_the_waiting_list(client, evening):
    url = reverse("evening_register", args=[evening.slug])
    client.post(url, {"full_name": "A", "email": "a@example.org"})
    html = client.get(url).content.decode()
    assert "vous pouvez vous inscrire sur la liste d" in html
    response = client.post(url, {"full_name": "B", "email": "b@example.org"})
    assert "vous êtes sur la liste d'attente" in response.content.decode()
