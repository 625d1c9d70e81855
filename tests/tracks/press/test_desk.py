"""Accepted journalists at the welcome desk (issue 15): the desk's search lists them with a
« Presse » mark, checks them in once per day (audited, under a lock), and the live figures
count them apart; refused, pending and other editions' requests stay out."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.onsite import guests
from congress.onsite.models import CheckIn
from congress.onsite.selectors import desk_guests
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tracks.press import services
from tracks.press.models import PressAccreditation, PressCheckIn, PressStatus
from tracks.press.selectors import desk_press

pytestmark = pytest.mark.django_db


def journalist(edition, name="Julie Fontaine", status=PressStatus.ACCEPTED, card="C1"):
    return PressAccreditation.objects.create(
        congress=edition, full_name=name, media="Radio Quartiers", card_number=card,
        email=f"{card.lower()}@example.org", phone="0600000000", status=status,
    )  # fmt: skip


def desk(client, edition, q):
    return client.get(reverse("checkin_desk", args=[edition.slug]), {"q": q})


def check_in_url(edition, accreditation):
    return reverse("guest_checkin", args=[edition.slug, "press", accreditation.pk])


def test_the_press_source_is_registered_at_start_up():
    assert "press" in [source.key for source in guests.sources()]


def test_the_desk_finds_a_journalist_and_checks_her_in_once(client, edition, volunteer):
    julie = journalist(edition)
    client.force_login(volunteer)
    page = desk(client, edition, "fontaine").content.decode()
    assert "Julie Fontaine" in page and "Radio Quartiers" in page
    assert 'data-testid="guest-mark">Presse<' in page
    assert check_in_url(edition, julie) in page
    assert (
        desk(client, edition, "radio quart").content.decode().count('data-testid="desk-guest"') == 1
    )

    response = client.post(check_in_url(edition, julie), {"q": "fontaine"}, follow=True)
    message = plain([str(m) for m in response.context["messages"]][0])
    assert message.startswith(plain("Julie Fontaine (Presse) : arrivée enregistrée à "))
    arrival = PressCheckIn.objects.get()
    assert (arrival.accreditation, arrival.day, arrival.by) == (
        julie,
        edition.start_date,
        volunteer,
    )
    assert "Déjà enregistré·e à" in response.content.decode()
    assert check_in_url(edition, julie) not in response.content.decode()
    assert AuditEntry.objects.filter(action="press.checkin", actor=volunteer).count() == 1
    assert not CheckIn.objects.exists()  # not a delegate's arrival

    again = client.post(check_in_url(edition, julie), {"q": "fontaine"}, follow=True)
    message = plain([str(m) for m in again.context["messages"]][0])
    assert plain("déjà enregistré·e à") in message and message.endswith("par Victor Bénévole.")
    assert PressCheckIn.objects.count() == 1
    assert AuditEntry.objects.filter(action="press.checkin").count() == 1


def test_pending_refused_and_other_editions_press_are_not_listed_nor_checked_in(
    client, edition, volunteer
):
    pending = journalist(edition, "Paul Fontaine", PressStatus.PENDING, "C2")
    refused = journalist(edition, "Rita Fontaine", PressStatus.REFUSED, "C3")
    other = journalist(CongressFactory(), "Odile Fontaine", card="C4")
    client.force_login(volunteer)
    page = desk(client, edition, "fontaine").content.decode()
    assert 'data-testid="desk-guest"' not in page
    assert "Aucune personne inscrite ne correspond" in page
    for accreditation in (pending, refused):
        response = client.post(check_in_url(edition, accreditation), follow=True)
        assert response.status_code == 200
        assert "n'est pas acceptée" in [str(m) for m in response.context["messages"]][0]
    assert client.post(check_in_url(edition, other)).status_code == 404
    assert not PressCheckIn.objects.exists()
    assert not AuditEntry.objects.filter(action="press.checkin").exists()


def test_strangers_and_unknown_sources_are_refused(client, edition):
    julie = journalist(edition)
    client.force_login(UserFactory())
    assert client.post(check_in_url(edition, julie)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.press_check_in(
            congress=edition, pk=julie.pk, day=edition.start_date, by=UserFactory()
        )
    organiser = UserFactory()
    edition.organisers.add(organiser)
    client.force_login(organiser)
    url = reverse("guest_checkin", args=[edition.slug, "nothing", julie.pk])
    assert client.post(url).status_code == 404
    assert client.get(check_in_url(edition, julie)).status_code == 405
    assert not PressCheckIn.objects.exists()


def test_a_day_outside_the_edition_is_refused(edition, volunteer):
    julie = journalist(edition)
    with pytest.raises(ValidationError):
        services.press_check_in(
            congress=edition, pk=julie.pk, day=edition.end_date + datetime.timedelta(days=1),
            by=volunteer,
        )  # fmt: skip
    assert not PressCheckIn.objects.exists()


def test_the_live_figures_count_the_press_apart(client, edition, volunteer):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    for card in ("C1", "C2"):
        services.press_check_in(
            congress=edition, pk=journalist(edition, card=card).pk, day=edition.start_date,
            by=volunteer,
        )  # fmt: skip
    client.force_login(organiser)
    page = client.get(reverse("onsite_board", args=[edition.slug])).content.decode()
    assert plain("Presse : 2 arrivées, en plus des inscriptions.") in plain(page)
    assert page.count('data-testid="day-guests"') == 1  # the second day: nobody yet


@pytest.mark.parametrize("n", [1, 3])
def test_desk_search_with_press_query_count(
    client, edition, volunteer, n, django_assert_num_queries
):
    for i in range(n):
        accreditation = journalist(edition, f"Julie Fontaine {i}", card=f"C{i}")
        if i == 0:
            services.press_check_in(
                congress=edition, pk=accreditation.pk, day=edition.start_date, by=volunteer
            )
    client.force_login(volunteer)
    desk(client, edition, "fontaine")  # warm the session
    with django_assert_num_queries(9):
        page = desk(client, edition, "fontaine").content.decode()
    assert page.count('data-testid="desk-guest"') == n
    assert page.count('data-testid="arrived"') == 1


def test_the_search_keeps_the_matching_journalists_in_name_order_up_to_the_limit(edition):
    for card, name in (("C1", "Zoé Martin"), ("C2", "Élise Martin"), ("C3", "Paul Durand")):
        journalist(edition, name=name, card=card)
    # « Radio Quartiers » is every journalist's media: the name decides here.
    assert [a.full_name for a in desk_press(edition, "martin", limit=5)] == [
        "Élise Martin",
        "Zoé Martin",
    ]
    assert [a.full_name for a in desk_press(edition, "martin", limit=1)] == ["Élise Martin"]
    assert [a.full_name for a in desk_press(edition, "radio", limit=2)] == [
        "Élise Martin",
        "Paul Durand",
    ]
    # A query of nothing but punctuation and spaces folds to nothing: no one is listed.
    assert desk_guests(edition, " - ' ", day=timezone.localdate()) == []
