"""Issue 15 journeys: a visitor filters the week's programme by place, registers for an
activity without an account, gets the confirmation and cancels from it; a visitor opens the
evening's page and finds its timeline and stands; the full evening offers its waiting list."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import (
    CongressFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    VenueFactory,
)
from tests.spaces import plain
from tracks.activities import services as activity_services
from tracks.activities.models import ActivityRegistration
from tracks.stands.models import Stand

pytestmark = pytest.mark.django_db(transaction=True)

FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def small_screen(web):
    web.page.set_viewport_size({"width": 320, "height": 640})


def fits(web) -> bool:
    return web.page.evaluate(FITS)


def place(week, name, district, transport):
    venue = VenueFactory(
        congress=week, name=name, address="12 rue de l'Exemple", postal_code="750" + district[:2],
        city="Paris", arrondissement=district, transport_notes=transport, step_free=True,
    )  # fmt: skip
    return RoomFactory(venue=venue, name="Accueil", capacity=30)


def test_visitor_filters_the_week_by_place_registers_and_cancels(web):
    week = CongressFactory(
        is_current=True, slug="semaine-des-solidarites", name="Semaine des solidarités",
        kind="programme", city="Paris",
    )  # fmt: skip
    topic = TrackFactory(congress=week, name="Lutte contre les exclusions", slug="exclusions")
    visit = SessionTypeFactory(
        congress=week, name="Visite de site", slug="visite", is_workshop=False
    )
    esi = place(week, "Espace solidarité insertion (démo)", "10e", "Métro ligne 5")
    bagagerie = place(week, "Bagagerie solidaire (démo)", "13e", "Métro ligne 7")
    SessionFactory(
        congress=week, session_type=visit, track=topic, room=esi, capacity=10,
        title="Portes ouvertes de l'ESI", registration_required=True,
    )  # fmt: skip
    SessionFactory(
        congress=week, session_type=visit, track=topic, room=bagagerie, capacity=10,
        title="Visite de la bagagerie", registration_required=True,
    )  # fmt: skip

    page = web.page
    web.go("/")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Programme", exact=True).click()
    page.wait_for_url("**/activities/")
    web.axe(context="week programme")
    page.get_by_label("Lieu").select_option(label="Bagagerie solidaire (démo)")
    page.get_by_label("Présentation").select_option("place")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/activities/?*")
    main = page.inner_text("main")
    assert "Visite de la bagagerie" in main
    assert "Portes ouvertes de l'ESI" not in main
    assert "Métro ligne 7" in main
    web.axe(context="week programme by place")
    web.screenshot("week-programme")
    small_screen(web)
    assert fits(web), "the week's programme scrolls sideways at 320 px"

    page.get_by_role("link", name="S'inscrire : Visite de la bagagerie").click()
    web.axe(context="activity registration form")
    assert fits(web), "the registration form scrolls sideways at 320 px"
    page.get_by_label("Nom et prénom").fill("Camille Martin")
    page.get_by_label("Adresse e-mail").fill("camille@example.org")
    page.get_by_role("button", name="M'inscrire").click()
    assert "Votre place est réservée." in page.inner_text("main")
    web.axe(context="registration recorded")

    message = [m for m in mail.outbox if "camille@example.org" in m.to][-1]
    assert plain(message.subject) == plain("Inscription confirmée : Visite de la bagagerie")
    assert message.attachments[0][0].endswith(".ics")
    link = next(w for w in message.body.split() if "/my-registration/" in w)
    web.go("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert "Confirmée" in page.inner_text("main")
    web.axe(context="my registration")
    page.get_by_role("button", name="Annuler mon inscription").click()
    page.wait_for_load_state()
    assert "Annulée" in page.inner_text("main")
    assert ActivityRegistration.objects.get().status == "cancelled"


def test_visitor_opens_the_evening_and_sees_its_stands(web):
    evening = CongressFactory(
        is_current=True, slug="soiree-de-l-engagement", name="Soirée de l'engagement",
        kind="evening", city="Paris", capacity=500,
        press_contact="Service de presse – presse@example.org",
    )  # fmt: skip
    room = RoomFactory(
        venue=VenueFactory(congress=evening, name="Hôtel de Ville"), name="Salle des fêtes"
    )
    conference = SessionTypeFactory(congress=evening, name="Conférence", is_workshop=False)
    SessionFactory(
        congress=evening, session_type=conference, room=room,
        title="Les Volontaires de Paris et la résilience",
    )  # fmt: skip
    for n, name in enumerate(["Volontaires de Paris", "Budget participatif"], start=1):
        Stand.objects.create(
            congress=evening, name=name, holder_kind="municipal", number=f"{n:02}",
            location="Salon des Arcades",
        )  # fmt: skip

    page = web.page
    small_screen(web)
    web.go(f"/congresses/{evening.slug}/")
    assert fits(web), "the evening's page scrolls sideways at 320 px"
    main = page.inner_text("main")
    assert "Les Volontaires de Paris et la résilience" in main
    assert "presse@example.org" in main
    web.axe(context="evening page")
    page.get_by_role("link", name="2 stands d'associations et de services municipaux").click()
    expect(
        page.locator("#stands").get_by_role("rowheader", name="Budget participatif")
    ).to_have_count(1)
    assert "Salon des Arcades" in page.inner_text("main")
    web.axe(context="stands")
    assert fits(web), "the stands scroll sideways at 320 px"
    web.screenshot("evening-stands")


def test_the_full_evening_refuses_a_place_and_offers_its_waiting_list(web):
    evening = CongressFactory(
        slug="soiree-complete", name="Soirée de l'engagement", kind="evening", city="Paris",
        capacity=1,
    )  # fmt: skip
    activity_services.activity_register(
        congress=evening, session=None, full_name="Première Inscrite", email="a@example.org"
    )
    page = web.page
    web.go(f"/congresses/{evening.slug}/attend/")
    expect(page.locator("#places-left")).to_contain_text("liste d'attente")
    web.axe(context="full evening")
    page.get_by_label("Nom et prénom").fill("Camille Martin")
    page.get_by_label("Adresse e-mail").fill("camille@example.org")
    page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(page.locator("#registration-status")).to_contain_text("sur la liste d'attente")
    assert ActivityRegistration.objects.get(email="camille@example.org").status == "waitlisted"
