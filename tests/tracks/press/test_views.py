"""Press pages (issue 15): the request without an account, a duplicate card refused, the
request's page through its link only, the organisers' list (query count), decisions, the CSV
(formulas as text) and the press badges."""

import pytest
from django.urls import reverse

from tests.factories import CongressFactory
from tracks.press import services
from tracks.press.models import PressAccreditation

pytestmark = pytest.mark.django_db

FORM = {"full_name": "Jo Durand", "media": "Radio Quartier", "card_number": "123 45",
        "email": "jo@example.org", "phone": "06 12 34 56 78"}  # fmt: skip


@pytest.fixture
def edition():
    return CongressFactory()


def ask(edition, card, name="Jo Durand"):
    return services.press_request_submit(
        congress=edition, **{**FORM, "card_number": card, "full_name": name}
    )


def test_a_journalist_asks_without_an_account_and_a_second_card_is_refused(client, edition):
    url = reverse("press_request", args=[edition.slug])
    response = client.post(url, FORM, follow=True)
    assert response.status_code == 200
    assert "En attente" in response.content.decode()
    assert PressAccreditation.objects.get().card_number == "12345"
    response = client.post(url, {**FORM, "full_name": "Autre", "card_number": "12345"})
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()
    assert PressAccreditation.objects.count() == 1


def test_a_request_cannot_be_read_without_its_link(client, edition):
    request = ask(edition, "1")
    token = services.request_token(request)
    assert (
        client.get(reverse("press_request_detail", args=[edition.slug, token])).status_code == 200
    )
    assert (
        client.get(reverse("press_request_detail", args=[edition.slug, request.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("n", [1, 3])
def test_staff_press_query_count(client, edition, organiser, n, django_assert_num_queries):
    for i in range(n):
        ask(edition, str(i), name=f"Journaliste {i}")
    client.force_login(organiser)
    url = reverse("staff_press", args=[edition.slug])
    client.get(url)
    with django_assert_num_queries(8):  # + the feature switch
        response = client.get(url)
    html = response.content.decode()
    for i in range(n):
        assert f"Journaliste {i}" in html


def test_organisers_decide_export_as_text_and_print_press_badges(client, edition, organiser):
    hostile = ask(edition, "1", name='=HYPERLINK("http://x","y")')
    ask(edition, "2", name="Refusée Plus-tard")
    client.force_login(organiser)
    response = client.post(
        reverse("staff_press_decide", args=[edition.slug, hostile.pk]), {"status": "accepted"}
    )
    assert response.status_code == 302
    hostile.refresh_from_db()
    assert hostile.status == "accepted"
    response = client.post(
        reverse("staff_press_decide", args=[edition.slug, hostile.pk]), {"status": "nonsense"}
    )
    hostile.refresh_from_db()
    assert (response.status_code, hostile.status) == (302, "accepted")
    csv = client.get(reverse("staff_press_export", args=[edition.slug])).content.decode()
    assert "'=HYPERLINK" in csv and "\r\n=HYPERLINK" not in csv
    badges = client.get(reverse("press_badges", args=[edition.slug]), {"stock": "a4-8"})
    assert (badges.status_code, badges["Content-Type"]) == (200, "application/pdf")
    other = CongressFactory()
    other.organisers.add(organiser)
    empty = client.get(reverse("press_badges", args=[other.slug]), {"stock": "a4-8"})
    assert empty.status_code == 400 and "pas de badge" in empty.content.decode()
