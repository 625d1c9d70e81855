"""Issue 15: an association applies for a stand at the evening; the organiser accepts it and
places it (number, zone); the exhibitors' list, the plan and the guide show it; the organiser
opens the exhibitors' badges; the association withdraws and the stand is free again."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD, CongressFactory, UserFactory
from tests.spaces import plain
from tracks.stands.models import Stand

pytestmark = pytest.mark.django_db(transaction=True)


def test_association_applies_organiser_accepts_and_places_the_stand(web, new_browser):
    evening = CongressFactory(
        slug="soiree-de-l-engagement", name="Soirée de l'engagement", kind="evening",
        city="Paris", capacity=500,
    )  # fmt: skip
    association = UserFactory(email="asso@example.org")
    organiser = UserFactory(email="orga@example.org")
    evening.organisers.add(organiser)

    page = web.page
    log_in(web, association.email, TEST_PASSWORD)
    web.go(f"/congresses/{evening.slug}/stands/")
    page.get_by_role("link", name="Demander un stand").click()
    web.axe(context="stand application form")
    page.get_by_role("textbox", name="Exposant").fill("Les Amis du Quartier")
    page.get_by_label("Genre d'exposant").select_option("association")
    page.get_by_label("Ce que vous présenterez").fill("Nos actions de voisinage")
    page.get_by_label("Besoin d'électricité").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.get_by_text("Votre demande de stand est envoyée aux organisateurs.").wait_for()
    assert "Les Amis du Quartier – Reçue" in page.inner_text("main")

    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/congresses/{evening.slug}/staff/stands/")
    staff.axe(context="stand board")
    form = staff.page.get_by_role("form", name="Décision\u00a0: Les Amis du Quartier")
    form.get_by_label("Numéro de stand").fill("07")
    form.get_by_label("Zone").fill("Salon des Arcades")
    form.get_by_role("button", name="Enregistrer").click()
    staff.page.locator("#stand-applications").get_by_text("Stand 07").wait_for()
    assert list(Stand.objects.values_list("number", "location")) == [("07", "Salon des Arcades")]

    web.go(f"/congresses/{evening.slug}/stands/")
    assert (
        page.locator("#stands").get_by_role("rowheader", name="Les Amis du Quartier").count() == 1
    )
    page.get_by_role("link", name="Plan des stands").click()
    assert "Stand 07" in page.inner_text("#stand-plan")
    web.axe(context="stand plan")
    web.go(f"/congresses/{evening.slug}/stands/guide/")
    assert "Les Amis du Quartier" in page.inner_text("main")
    web.axe(context="exhibitors' guide")

    staff.page.get_by_role("link", name="Badges des exposants").click()
    expect(staff.page.locator("#exhibitor-stand-count")).to_contain_text("1 stand accepté")
    staff.axe(context="exhibitors' badges")

    web.go(f"/congresses/{evening.slug}/stands/apply/")
    page.locator("#my-applications").get_by_role("button").click()
    expect(page.locator("#my-applications")).to_contain_text("Retirée par l'exposant")
    assert [plain(d) for d in web.dialogs] == ["Retirer cette demande de stand ?"]
    assert Stand.objects.count() == 0
    web.axe(context="stand application withdrawn")
