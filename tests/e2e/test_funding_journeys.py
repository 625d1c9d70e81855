"""Calls for projects and funder meetings (issue 16): a manager applies with attachments and
picks funders; the organiser sets the grid and builds the schedule; the funder sees theirs."""

import re

import pytest
from playwright.sync_api import expect

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
    others = ("Banque Solidaire", "Fondation Avenir")
    for name in others:
        FunderFactory(congress=congress, organisation=OrganisationFactory(name=name))
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

    # The holder asks to meet three funders.
    page.get_by_role("link", name="Choisir les financeurs à rencontrer").click()
    holder.axe(context="holder wishes")
    for name in ("Fonds Arche", *others):
        page.get_by_label(name, exact=False).check()
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
    assert Meeting.objects.count() == 3

    # The funder and the holder each see the meeting in their own schedule.
    funder_web = new_browser()
    log_in(funder_web, funder_person.email, TEST_PASSWORD)
    funder_web.go(f"{base}meetings/")
    expect(funder_web.page.get_by_role("row", name="Livraison solidaire à vélo")).to_have_count(1)
    funder_web.axe(context="funder's meetings")
    holder.go(f"{base}meetings/")
    rows = holder.page.get_by_role("row", name="Livraison solidaire")
    expect(rows).to_have_count(3)
    for name in ("Fonds Arche", *others):
        expect(holder.page.locator("table")).to_contain_text(name)
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


def test_organiser_sets_the_jury_and_its_criteria_on_a_phone(new_browser):
    from funding.models import JuryCriterion
    from tests.factories.funding import JuryCriterionFactory

    call = FundingCallFactory()
    JuryCriterionFactory(call=call, name="Utilité sociale", weight=3, order=1)
    organiser = UserFactory()
    call.congress.organisers.add(organiser)
    person = UserFactory(email="jeanne.jure@example.org", full_name="Jeanne Juré")

    staff = new_browser()
    staff.page.set_viewport_size({"width": 320, "height": 800})
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/congresses/{call.congress.slug}/funding/staff/")
    page = staff.page
    page.get_by_role("link", name="Jury et critères").click()
    page.wait_for_load_state("load")
    staff.axe(context="jury page")
    page.get_by_label("Adresse e-mail du juré").fill("pas-une-adresse")
    page.get_by_role("button", name="Ajouter au jury").click()
    page.wait_for_load_state("load")
    expect(page.locator(".error-summary")).to_be_visible()
    staff.axe(context="jury page with errors")
    page.get_by_label("Adresse e-mail du juré").fill(person.email)
    page.get_by_role("button", name="Ajouter au jury").click()
    expect(page.locator("#jurors")).to_contain_text("Jeanne Juré")
    page.get_by_label("Adresse e-mail du juré").fill("nouvelle@example.org")
    page.get_by_role("button", name="Ajouter au jury").click()
    expect(page.locator("#juror-invitations")).to_contain_text("nouvelle@example.org")
    page.locator("#id_criterion-name").fill("Caractère innovant")
    page.locator("#id_criterion-weight").fill("2")
    page.locator("#id_criterion-order").fill("2")
    page.get_by_role("button", name="Ajouter le critère").click()
    expect(page.locator("#criteria tbody tr")).to_have_count(2)
    staff.axe(context="jury page filled")
    page.get_by_role("link", name="Modifier Utilité sociale").click()
    page.wait_for_load_state("load")
    page.get_by_label("Poids").fill("4")
    page.get_by_role("button", name="Enregistrer le critère").click()
    expect(page.locator("#criteria")).to_contain_text("Utilité sociale")
    assert JuryCriterion.objects.get(name="Utilité sociale").weight == 4
    assert list(call.jurors.all()) == [person]
    staff.assert_clean("organiser")


def test_an_ineligible_structure_is_refused_a_juror_scores_the_organiser_decides_and_notifies(
    new_browser,
):
    from django.core import mail

    from funding.models import Decision
    from tests.factories.funding import ApplicationFactory, JuryCriterionFactory, attach_all

    call = FundingCallFactory()
    criteria = [
        JuryCriterionFactory(call=call, name="Utilité sociale", weight=3),
        JuryCriterionFactory(call=call, name="Faisabilité", weight=1),
    ]
    organiser, juror = UserFactory(), UserFactory()
    call.congress.organisers.add(organiser)
    call.jurors.add(juror)
    applicant = ApplicationFactory(
        call=call, state=ApplicationState.SUBMITTED, title="Courses accompagnées"
    )
    attach_all(applicant)
    company = OrganisationFactory(name="Société classique", kind=OrganisationKind.OTHER, rna="")
    refused = ApplicationFactory(call=call, organisation=company, title="Projet refusé")
    attach_all(refused)
    company_manager = MembershipFactory(organisation=company, role=MembershipRole.MANAGER).user
    base = f"/congresses/{call.congress.slug}/funding/"

    holder = new_browser()
    log_in(holder, company_manager.email, TEST_PASSWORD)
    holder.go(f"{base}applications/{refused.pk}/")
    holder.page.get_by_role("button", name="Déposer la candidature").click()
    expect(holder.page.get_by_role("main")).to_contain_text("pas éligible")
    holder.axe(context="ineligible application refused")
    refused.refresh_from_db()
    assert refused.state == ApplicationState.DRAFT

    jury = new_browser()
    log_in(jury, juror.email, TEST_PASSWORD)
    jury.go(f"{base}calls/{call.pk}/jury/")
    jury.page.get_by_role("link", name="Courses accompagnées").click()
    jury.page.wait_for_load_state("load")
    for criterion, score in zip(criteria, ("5", "3"), strict=True):
        jury.page.locator(f'input[name="score_{criterion.pk}"][value="{score}"]').check()
    jury.axe(context="assessment form")
    jury.page.get_by_role("button", name="Enregistrer l'évaluation").click()
    expect(jury.page.get_by_role("main")).to_contain_text("Évaluation enregistrée")

    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"{base}calls/{call.pk}/ranking/")
    page = staff.page
    expect(page.get_by_role("row", name="Courses accompagnées")).to_contain_text("4,50")
    page.locator(f"#granted-{applicant.pk}").select_option("1")
    page.locator(f"#amount-{applicant.pk}").fill("8000")
    page.locator(f"#conditions-{applicant.pk}").fill("Bilan à six mois")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("main")).to_contain_text("Décision enregistrée")
    page.get_by_role("button", name=re.compile("^Envoyer la lettre par e-mail")).click()
    expect(page.get_by_role("main")).to_contain_text("Lettre envoyée")
    staff.axe(context="ranking after the letter")
    assert Decision.objects.get(application=applicant).amount_granted == 8000
    assert len([m for m in mail.outbox if "Courses accompagnées" in m.subject]) == 1
