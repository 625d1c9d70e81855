"""The demo banner (issue 12): shown on every page when DEMO_SITE is on, never otherwise."""

import pytest
from django.urls import reverse

from tests.factories import CongressFactory

pytestmark = pytest.mark.django_db

BANNER = "Site de démonstration — données fictives"


@pytest.mark.parametrize("name", ["home", "congress_list", "login", "organisation_list"])
def test_demo_site_shows_the_banner_on_every_page(client, settings, name):
    settings.DEMO_SITE = True
    CongressFactory(is_current=True)
    body = client.get(reverse(name)).content.decode()
    assert BANNER in body
    assert "le fil rouge de l'édition 2024 sont réels" in body


def test_a_real_site_has_no_banner(client, settings):
    settings.DEMO_SITE = False
    CongressFactory(is_current=True)
    assert BANNER not in client.get(reverse("home")).content.decode()


def test_banner_is_translated(client, settings):
    settings.DEMO_SITE = True
    body = client.get(reverse("congress_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Demonstration site — fictitious data" in body
