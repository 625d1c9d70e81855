"""Calls for projects and funder meetings (issue 16): a manager applies with attachments and
picks funders; the organiser sets the grid and builds the schedule; the funder sees theirs."""

import pytest

from congress.organisations.models import MembershipRole, OrganisationKind
from funding.models import Application, ApplicationState, Meeting
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.documents import pdf_bytes
from tests.factories.funding import FunderFactory, FundingCallFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_apply_pick_funders_schedule_and_each_side_sees_its_meetings(new_browser):
    call = FundingCallFactory()
    congress = call.congress
    esus = OrganisationFactory(
        name="Coursiers solidaires", kind=OrganisationKind.ESS, rna="", departement="92"
    )
    manager = MembershipFactory(organisation=esus, role=MembershipRole.MANAGER).user
    funder = FunderFactory(congress=congress, organisation=OrganisationFactory(name="Fonds Arche"))
    funder_person = MembershipFactory(organisation=funder.organisation).user
    organiser = UserFactory()
    congress.organisers.add(organiser)
    base = f"/congresses/{congress.slug}/funding/"

    # The manager applies, attaches the three documents and submits.
    holder = new_browser()
    holder.page.set_viewport_size({"width": 375, "height": 800})
    log_in(holder, manager.email, TEST_PASSWORD)
    holder.go(f"{base}calls/{call.pk}/")
    holder.axe(context="call")
    holder.page.get_by_role("link", name="Candidater").click()
    page = holder.page
    page.get_by_label("Structure qui candidate").select_option(label="Coursiers solidaires")
    page.get_by_label("Titre du projet").fill("Livraison solidaire à vélo")
    page.get_by_label("Public visé").select_option("Personnes âgées")
    page.get_by_label("Le projet").fill("Des livreurs en insertion.")
    page.get_by_label("Le besoin auquel il répond").fill("L'isolement des aînés.")
    page.get_by_label("Indicateurs d'impact").fill("Livraisons par mois.")
    page.get_by_label("Budget total (€)").fill("60000")
    page.get_by_label("Montant demandé (€)").fill("25000")
    page.get_by_label("La structure est agréée ESUS").check()
    holder.axe(context="application form")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Pièces manquantes").is_visible()
    holder.axe(context="draft with missing documents")
    page.get_by_role("link", name="Modifier et ajouter des pièces").click()
    page.wait_for_load_state("load")
    holder.axe(context="application edit with attachments")
    for label in ("Statuts", "Derniers comptes approuvés", "Budget prévisionnel du projet"):
        page.locator("#id_kind").select_option(label=label)
        page.get_by_label("Fichier (PDF ou XLSX, 10 Mo au plus)").set_input_files(
            {"name": "piece.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
        )
        page.get_by_role("button", name="Ajouter la pièce").click()
        page.wait_for_load_state("load")
        if label != "Budget prévisionnel du projet":
            page.get_by_role("link", name="Modifier et ajouter des pièces").click()
    page.get_by_role("button", name="Déposer la candidature").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Candidature déposée.").is_visible()
    application = Application.objects.get()
    assert application.state == ApplicationState.SUBMITTED

    # The holder asks to meet the funder.
    page.get_by_role("link", name="Choisir les financeurs à rencontrer").click()
    holder.axe(context="holder wishes")
    page.get_by_label("Fonds Arche", exact=False).check()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.wait_for_load_state("load")
    holder.assert_clean("holder")

    # The organiser sets the grid and builds the schedule.
    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"{base}meetings/staff/grid/")
    form = staff.page
    form.get_by_label("Jour").fill("2026-11-22")
    form.get_by_label("Début").fill("14:00")
    form.get_by_label("Fin").fill("17:00")
    form.get_by_label("Durée d'un rendez-vous (minutes)").fill("15")
    form.get_by_label("Pauses").fill("15:30-15:45")
    form.get_by_label("Nombre de tables").fill("8")
    staff.axe(context="grid")
    form.get_by_role("button", name="Enregistrer la grille").click()
    form.wait_for_load_state("load")
    form.get_by_role("button", name="Générer le planning").click()
    form.wait_for_load_state("load")
    assert form.get_by_text("Planning généré").is_visible()
    staff.axe(context="meeting board")
    assert Meeting.objects.count() == 1

    # The funder and the holder each see the meeting in their own schedule.
    funder_web = new_browser()
    log_in(funder_web, funder_person.email, TEST_PASSWORD)
    funder_web.go(f"{base}meetings/")
    row = funder_web.page.get_by_role("row", name="Livraison solidaire à vélo")
    assert "14:00" in row.inner_text()
    funder_web.axe(context="funder's meetings")
    holder.go(f"{base}meetings/")
    assert "Fonds Arche" in holder.page.get_by_role("row", name="Livraison solidaire").inner_text()
    holder.axe(context="holder's meetings")


def test_organiser_creates_a_call_then_the_room_screen_counts_down(new_browser):
    from datetime import timedelta

    from django.utils import timezone

    from funding.models import FundingCall
    from tests.factories import CongressFactory
    from tests.factories.funding import MeetingGridFactory

    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    now = timezone.localtime()
    start = (now - timedelta(minutes=5)).replace(second=0, microsecond=0)
    end = start + timedelta(minutes=60)
    grid = None
    if end.date() == start.date():  # a round under way now (not across midnight)
        grid = MeetingGridFactory(
            congress=congress,
            day=start.date(),
            starts_at=start.time(),
            ends_at=end.time(),
            breaks="",
        )

    staff = new_browser()
    staff.page.set_viewport_size({"width": 320, "height": 800})
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/staff/{congress.slug}/")
    page = staff.page
    page.get_by_role("link", name="Appels à projets : créer, modifier, décider").click()
    page.get_by_role("link", name="Créer un appel à projets").click()
    page.wait_for_load_state("load")
    page.locator("#id_title").fill("Bien vieillir chez soi")
    page.locator("#id_funder_name").fill("Département des Hauts-de-Seine")
    page.locator("#id_opens_at").fill("2026-09-01T09:00")
    page.locator("#id_closes_at").fill("2026-08-01T09:00")
    page.locator("#id_themes").fill("Vie quotidienne")
    page.locator("#id_target_publics").fill("Personnes âgées")
    page.locator("#id_max_amount").fill("0")
    staff.axe(context="new call form")
    page.get_by_role("button", name="Enregistrer l'appel").click()
    page.wait_for_load_state("load")
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_text("La clôture doit suivre l'ouverture.").first.is_visible()
    staff.axe(context="call form with errors")
    assert not FundingCall.objects.exists()
    page.locator("#id_closes_at").fill("2026-10-15T18:00")
    page.locator("#id_max_amount").fill("15000")
    page.get_by_role("button", name="Enregistrer l'appel").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Appel à projets enregistré").is_visible()
    staff.axe(context="calls list")
    assert FundingCall.objects.get().max_amount == 15000

    if grid is not None:
        staff.go(f"/congresses/{congress.slug}/funding/meetings/screen/")
        countdown = page.locator("#screen-countdown")
        first = countdown.inner_text()
        page.wait_for_timeout(1500)
        assert countdown.inner_text() != first  # the script counts down
        assert page.get_by_text("Manche 1 sur 4").is_visible()
        staff.axe(context="big screen")
    staff.assert_clean("organiser")
