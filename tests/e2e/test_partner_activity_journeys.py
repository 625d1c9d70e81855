"""Issue 15: a partner proposes an activity in its own place and the organiser accepts it; the
organiser uploads the hall plan and publishes it, a visitor sees it with its text alternative;
an activity cancelled by the organiser stays on the programme, struck through."""

import io
from datetime import datetime, time

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from congress.editions.partners import Partner
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    MembershipFactory,
    SessionFactory,
    SessionTypeFactory,
    UserFactory,
    VenueFactory,
)
from tests.spaces import plain
from tracks.activity_proposals.models import ActivityProposal

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_partner_proposes_an_activity_and_the_organiser_accepts_it(web, new_browser):
    week = CongressFactory(slug="semaine", kind="programme", programme_published=False)
    manager = MembershipFactory(role="manager", user__email="partenaire@example.org").user
    partner = Partner.objects.create(
        congress=week, name="La Bagagerie", organisation=manager.memberships.get().organisation
    )
    VenueFactory(congress=week, name="Local de la bagagerie", host=partner)
    SessionTypeFactory(congress=week, name="Portes ouvertes", is_workshop=False)
    organiser = UserFactory(email="orga@example.org")
    week.organisers.add(organiser)

    page = web.page
    log_in(web, manager.email, TEST_PASSWORD)
    web.go(f"/congresses/{week.slug}/partner/activities/")
    web.axe(context="partner's proposals")
    page.get_by_label("Lieu").select_option(label="Local de la bagagerie")
    page.get_by_label("Titre").fill("Visite de la bagagerie")
    page.get_by_label("Type").select_option(label="Portes ouvertes")
    page.get_by_label("Présentation").fill("Rencontre avec l'équipe.")
    day = week.start_date.isoformat()
    page.get_by_label("Début").fill(f"{day}T10:00")
    page.get_by_label("Fin").fill(f"{day}T12:00")
    page.get_by_label("Nombre de places").fill("12")
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.locator("#my-proposals")).to_contain_text("Visite de la bagagerie – En attente")

    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/congresses/{week.slug}/staff/activity-proposals/?status=submitted")
    staff.axe(context="organisers' list of proposals")
    staff.page.get_by_role("link", name="Visite de la bagagerie").click()
    staff.page.get_by_label("Accepter : l'activité entre au programme").check()
    staff.page.get_by_label("Message au partenaire").fill("Bienvenue au programme")
    staff.axe(context="a proposal to decide")
    staff.page.get_by_role("button", name="Enregistrer la décision").click()
    expect(staff.page.locator("#activity-proposals")).to_contain_text("Acceptée")
    assert ActivityProposal.objects.get().session.title == "Visite de la bagagerie"

    page.get_by_role("link", name="Visite de la bagagerie").click()
    expect(page.locator("#proposal-status")).to_contain_text("Acceptée")
    assert "Bienvenue au programme" in page.inner_text("main")
    web.axe(context="the partner's accepted proposal")


def test_the_organiser_publishes_the_hall_plan_and_a_visitor_sees_it(web, new_browser, tmp_path):
    evening = CongressFactory(slug="soiree", kind="evening", city="Paris")
    organiser = UserFactory(email="orga@example.org")
    evening.organisers.add(organiser)
    plan = tmp_path / "plan.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buffer, "PNG")
    plan.write_bytes(buffer.getvalue())

    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/congresses/{evening.slug}/staff/stands/")
    section = staff.page.locator("#hall-plan-settings")
    section.get_by_label("Plan de la salle").set_input_files(str(plan))
    section.get_by_label("Description du plan").fill("Salon des Arcades, stands 1 à 20.")
    section.get_by_label("Plan publié").check()
    section.get_by_role("button", name="Enregistrer le plan").click()
    staff.page.get_by_text("Le plan de la salle est enregistré.").wait_for()
    staff.axe(context="stand board with the plan")

    web.go(f"/congresses/{evening.slug}/stands/")
    image = web.page.get_by_role("img", name="Salon des Arcades, stands 1 à 20.")
    expect(image).to_have_count(1)
    assert web.page.evaluate("(img) => img.naturalWidth", image.element_handle()) == 120
    web.axe(context="exhibitors' page with the plan")


def test_a_cancelled_activity_stays_on_the_programme_struck_through(web, new_browser):
    week = CongressFactory(slug="semaine", kind="programme")
    organiser = UserFactory(email="orga@example.org")
    week.organisers.add(organiser)
    starts = timezone.make_aware(datetime.combine(week.start_date, time(10)))
    activity = SessionFactory(
        congress=week, title="Visite du centre", starts_at=starts,
        ends_at=starts + timezone.timedelta(hours=1), registration_required=True, capacity=5,
        session_type=SessionTypeFactory(congress=week, is_workshop=False),
    )  # fmt: skip

    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/congresses/{week.slug}/staff/activities/{activity.pk}/")
    staff.page.get_by_role("button", name="Annuler l'activité et prévenir les inscrits").click()
    expect(staff.page.locator("#staff-activities")).to_contain_text("Annulée")

    web.go(f"/congresses/{week.slug}/activities/")
    card = web.page.locator(f"#activity-{activity.pk}")
    expect(card.locator("del")).to_have_text("Visite du centre")
    web.axe(context="programme with a cancelled activity")
    web.go(f"/congresses/{week.slug}/activities/{activity.pk}/register/")
    expect(web.page.locator("#cancelled")).to_contain_text("Annulée")
    assert plain(web.page.inner_text("#cancelled")).endswith("on ne peut plus s'y inscrire.")
    expect(web.page.get_by_role("button", name="M'inscrire")).to_have_count(0)
    web.axe(context="a cancelled activity's page")
