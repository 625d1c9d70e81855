"""Exhibitors' badges of an evening (issue 15): the accepted stands' badges, on the congress's
label stocks, for the organisers only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tracks.stands.models import Stand

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening():
    return CongressFactory(kind="evening")


@pytest.fixture
def organiser(client, evening):
    user = UserFactory()
    evening.organisers.add(user)
    client.force_login(user)
    return user


def _stand(evening, name, number, location=""):
    return Stand.objects.create(
        congress=evening, name=name, holder_kind="association", number=number, location=location
    )


def test_each_accepted_stand_gets_its_copies_with_number_and_zone(client, evening, organiser):
    _stand(evening, "Les Amis du Quartier", "02", "Salon des Arcades")
    _stand(evening, "Jardins partagés", "01")
    url = reverse("exhibitor_badges", args=[evening.slug])
    response = client.get(url, {"stock": "a4-8", "copies": "2"})
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = plain(" ".join(" ".join(page.extract_text().split()) for page in pages))
    assert text.count("Jardins partagés") == 2
    assert text.count("Stand 02 – Salon des Arcades") == 2
    assert text.count("EXPOSANT") == 4
    assert text.index("Jardins partagés") < text.index("Les Amis du Quartier")  # by number


def test_the_form_page_and_its_refusals(client, evening, organiser):
    url = reverse("exhibitor_badges", args=[evening.slug])
    page = client.get(url)
    assert (page.status_code, "0 stand accepté" in plain(page.content.decode())) == (200, True)
    nothing = client.get(url, {"stock": "a4-8", "copies": "2"})
    assert (nothing.status_code, "Aucun stand n'est encore accepté" in plain(
        nothing.content.decode().replace("&#x27;", "'"))) == (400, True)  # fmt: skip
    _stand(evening, "Exposant", "01")
    too_many = client.get(url, {"stock": "a4-8", "copies": "40"})
    assert too_many.status_code == 400
    assert too_many["Content-Type"].startswith("text/html")


def test_only_the_organisers_print_them(client, evening):
    _stand(evening, "Exposant", "01")
    client.force_login(UserFactory())
    url = reverse("exhibitor_badges", args=[evening.slug])
    assert client.get(url, {"stock": "a4-8", "copies": "1"}).status_code == 403
