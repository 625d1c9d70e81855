"""The desk's page for a person who arrives without a registration (issue 13)."""

import pytest
from django.urls import reverse

from congress.onsite.models import CheckIn
from congress.registrations.models import Registration
from tests.factories import UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_site(edition):
    edition.accepts_on_site = True
    edition.save(update_fields=["accepts_on_site"])


def url(edition):
    return reverse("walk_in", args=[edition.slug])


def test_desk_links_to_the_walk_in_page_only_where_allowed(client, edition, volunteer):
    client.force_login(volunteer)
    desk = reverse("checkin_desk", args=[edition.slug])
    assert url(edition) in client.get(desk).content.decode()
    edition.accepts_on_site = False
    edition.save(update_fields=["accepts_on_site"])
    assert url(edition) not in client.get(desk).content.decode()


def test_walk_in_page_offers_the_tariffs_with_their_price(client, edition, volunteer, tariff):
    client.force_login(volunteer)
    page = plain(client.get(url(edition)).content.decode().replace("&nbsp;", "\xa0"))
    assert plain("Association – 60,00\xa0€") in page
    assert "À facturer" in page


def test_walk_in_registers_and_the_desk_shows_the_person_checked_in_with_a_ticket(
    client, edition, volunteer, tariff, today
):
    client.force_login(volunteer)
    response = client.post(
        url(edition),
        {"full_name": "Zoé Martin", "tariff": tariff.pk, "payment": "cash",
         "organisation_name": "Secours populaire"},
    )  # fmt: skip
    registration = Registration.objects.get()
    desk = reverse("checkin_desk", args=[edition.slug])
    assert response.status_code == 302
    assert response["Location"] == f"{desk}?r={registration.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Zoé Martin" in page and "Secours populaire" in page
    assert "Déjà enregistré·e" in page
    assert CheckIn.objects.get().day == today
    ticket = reverse("ticket_download", args=[edition.slug, registration.pk])
    assert f"{ticket}?format=phone" in page
    pdf = client.get(ticket)
    assert (pdf.status_code, pdf.content[:4]) == (200, b"%PDF")


def test_walk_in_form_errors_are_shown_and_nothing_is_written(client, edition, volunteer, tariff):
    client.force_login(volunteer)
    response = client.post(url(edition), {"full_name": "", "tariff": "", "payment": "cash"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"full_name", "tariff"}
    assert Registration.objects.count() == 0


def test_walk_in_on_a_full_edition_says_so(client, edition, organiser, tariff, helene):
    edition.capacity = 1
    edition.save(update_fields=["capacity"])
    client.force_login(organiser)
    response = client.post(
        url(edition), {"full_name": "Zoé Martin", "tariff": tariff.pk, "payment": "cash"}
    )
    assert response.status_code == 200
    assert plain("Le congrès est complet : plus aucune place ne peut être attribuée.") in plain(
        response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_walk_in_page_refused_outside_the_desk(client, edition, tariff):
    client.force_login(UserFactory())
    assert client.get(url(edition)).status_code == 403
    data = {"full_name": "Zoé Martin", "tariff": tariff.pk, "payment": "cash"}
    assert client.post(url(edition), data).status_code == 403
    assert Registration.objects.count() == 0
