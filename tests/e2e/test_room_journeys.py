"""Rooms lent to associations (issue 17): an association's manager finds their association's
missions and trainings pages and moves a training session to another time, asks for a room of
la Fabrique every week, a manager of la Fabrique approves the request, a double booking is then
refused with the reason, and the public drop-in hours are on the place's agenda; la Fabrique's
manager keeps its rooms (adds one, withdraws it)."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.volunteers import (
    LentRoomFactory,
    MissionFactory,
    TrainingFactory,
    TrainingSessionFactory,
)
from volunteers.models import LentRoom, TrainingSession
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
    keeper = UserFactory(email="accueil@fabrique.fr", full_name="Nadia Accueil")
    MembershipFactory(organisation=fabrique, user=keeper, role="manager")
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
    training = TrainingFactory(organisation=association, title="Premiers pas en maraude")
    session = TrainingSessionFactory(training=training)
    web.go("/volunteers/organisations/maraudes/trainings/")
    web.axe(context="the association's trainings")
    web.go(f"/volunteers/staff/trainings/{training.pk}/")
    page.get_by_role("link", name="Changer l'horaire").first.click()
    page.get_by_role("heading", name="Changer l'horaire").wait_for()
    web.axe(context="a session's time")
    moved = timezone.localdate() + timedelta(days=12)
    page.locator("#id_day").fill(moved.isoformat())
    page.locator("#id_start_time").fill("09:30")
    page.locator("#id_end_time").fill("11:30")
    page.get_by_role("button", name="Enregistrer l'horaire").click()
    expect(page.locator(".alert-success")).to_contain_text("Nouvel horaire enregistré")
    starts = timezone.localtime(TrainingSession.objects.get(pk=session.pk).starts_at)
    assert (starts.date(), starts.hour, starts.minute) == (moved, 9, 30)

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
    expect(page.locator(".alert-success")).to_contain_text(
        "Permanence d'accès aux droits (4 dates)"
    )
    expect(page.locator(".my-bookings")).to_contain_text("En attente de réponse du lieu")
    assert RoomBooking.objects.get().slots.count() == 0  # a request holds nothing yet

    # A manager of la Fabrique approves the request.
    place_web = new_browser()
    log_in(place_web, keeper.email, TEST_PASSWORD)
    place_web.go("/volunteers/places/fabrique/rooms/")
    place_web.page.get_by_role("link", name="Répondre aux demandes de salles").click()
    expect(place_web.page.locator("#pending-title")).to_have_text("1 demande en attente")
    place_web.axe(context="the place's room requests")
    place_web.page.get_by_role(
        "button", name="Accepter la demande Permanence d'accès aux droits"
    ).click()
    expect(place_web.page.locator(".alert-success")).to_contain_text("Demande acceptée")
    expect(place_web.page.locator("#pending-title")).to_have_text("0 demande en attente")
    place_web.axe(context="the requests after the approval")
    assert RoomBooking.objects.get().slots.count() == 4

    web.go("/volunteers/places/fabrique/rooms/")

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

    # La Fabrique's manager adds a room and withdraws it.
    place_web.go("/volunteers/places/fabrique/rooms/")
    place_web.page.get_by_role("link", name="Gérer les salles").click()
    place_web.page.get_by_role("heading", name="Gérer les salles").wait_for()
    place_web.axe(context="the place's rooms for its managers")
    place_web.page.locator("#id_name").fill("Salle Loire")
    place_web.page.locator("#id_capacity").fill("15")
    place_web.page.locator("#id_opens_at").fill("09:00")
    place_web.page.locator("#id_closes_at").fill("18:00")
    place_web.page.get_by_role("checkbox", name="mardi").check()
    place_web.page.get_by_role("button", name="Ajouter la salle").click()
    expect(place_web.page.locator(".alert-success")).to_contain_text("Salle Loire")
    place_web.page.get_by_role("link", name="Modifier la salle Salle Loire").click()
    place_web.page.get_by_role("button", name="Retirer la salle du prêt").wait_for()
    place_web.axe(context="a room's rules")
    place_web.page.get_by_role("button", name="Retirer la salle du prêt").click()
    expect(place_web.page.locator(".alert-success")).to_contain_text("est retirée")
    assert LentRoom.objects.get(name="Salle Loire").is_active is False
