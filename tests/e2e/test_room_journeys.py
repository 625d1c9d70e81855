"""Rooms lent to associations (issue 17): an association's manager finds their association's
missions and trainings pages, books a room of la Fabrique every week, is refused a double
booking with the reason, and finds the public drop-in hours on the place's agenda."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.volunteers import LentRoomFactory, MissionFactory
from volunteers.rooms.models import RoomBooking

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_association_books_a_room_and_a_double_booking_is_refused(new_browser):
    fabrique = OrganisationFactory(name="La Fabrique de la Solidarité", slug="fabrique")
    LentRoomFactory(place=fabrique, name="Salle Albert-Thomas", capacity=20, opens_at=time(9),
                    closes_at=time(19))  # fmt: skip
    association = OrganisationFactory(name="Maraudes du 10e", slug="maraudes")
    manager = UserFactory(email="louise@maraudes.fr", full_name="Louise Gestionnaire")
    MembershipFactory(organisation=association, user=manager, role="manager")
    MissionFactory(organisation=association, title="Maraude du soir")
    day = timezone.localdate() + timedelta(days=7)
    day += timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday

    web = new_browser()
    page = web.page
    log_in(web, manager.email, TEST_PASSWORD)
    web.go("/volunteers/")
    page.get_by_role("link", name="missions de Maraudes du 10e").click()
    page.get_by_role("heading", name="Missions : Maraudes du 10e").wait_for()
    page.get_by_role("link", name="Maraude du soir").wait_for()
    web.axe(context="the association's missions")
    web.go("/volunteers/organisations/maraudes/trainings/")
    web.axe(context="the association's trainings")

    web.go("/volunteers/places/fabrique/rooms/")
    web.axe(context="the rooms page")

    def book(title, start, end):
        page.locator("#id_room").select_option(label="Salle Albert-Thomas")
        page.get_by_label("Au nom de l'association").select_option(label="Maraudes du 10e")
        page.locator("#id_title").fill(title)
        page.get_by_label("Personnes attendues").fill("6")
        page.get_by_label("Première date").fill(day.isoformat())
        page.get_by_label("Nombre de semaines").fill("4")
        page.get_by_label("Heure de début").fill(start)
        page.get_by_label("Heure de fin").fill(end)
        page.get_by_label("Ouvert au public").check()
        page.get_by_role("button", name="Réserver", exact=True).click()

    book("Permanence d'accès aux droits", "14:00", "17:00")
    page.get_by_text(
        "« Salle Albert-Thomas » est réservée pour Permanence d'accès aux droits (4 dates)."
    ).wait_for()
    assert RoomBooking.objects.get().slots.count() == 4

    book("Réunion d'équipe", "16:00", "18:00")
    page.get_by_text("La salle est déjà réservée le").first.wait_for()
    # The refused form answers 400, as it should: that one error is expected.
    assert [e.split(" for ")[0] for e in web.http_errors] == ["HTTP 400"]
    web.http_errors.clear()
    refused = "Failed to load resource: the server responded with a status of 400"
    assert [e.startswith(refused) for e in web.console_errors] == [True]
    web.console_errors.clear()
    web.axe(context="the refused double booking")
    assert RoomBooking.objects.count() == 1

    page.get_by_role("link", name="Agenda public du lieu").click()
    page.get_by_text("Permanence d'accès aux droits").first.wait_for()
    web.axe(context="the place's agenda")
