"""Outcome journeys: a moderator records a workshop's outcome with three policy proposals (and is
refused on another track's workshop); an organiser merges two proposals from different
workshops, validates the result and records a follow-up; a participant endorses it on the
public page, which shows its sources and follow-up."""

import re

import pytest

from proposals.outcomes.models import Outcome, PolicyProposal, PolicyStatus
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    EndorsementPeriodFactory,
    PolicyProposalFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    WorkshopFactory,
    make_participant,
)
from tests.factories.documents import pdf_bytes
from tests.spaces import plain
from tracks.models import SessionType, TrackRoleKind

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _addressees():
    """Rows from a data migration are gone after another transactional test's flush."""
    from proposals.outcomes.models import ensure_addressees

    ensure_addressees()


@pytest.fixture
def edition():
    congress = CongressFactory(is_current=True, name="2e Congrès national des Solidarités")
    food = TrackFactory(congress=congress, name="L'aide alimentaire et la qualité",
                        short_name="Aide alimentaire", slug="aide-alimentaire", colour="#b35c00")  # fmt: skip
    inclusion = TrackFactory(congress=congress, name="Le handicap-inclusion",
                             short_name="Handicap-inclusion", slug="handicap-inclusion")  # fmt: skip
    kind = SessionType.objects.create(congress=congress, name="Atelier", slug="atelier",
                                      is_workshop=True)  # fmt: skip
    first = WorkshopFactory(congress=congress, track=food, session_type=kind,
                            title="Produits frais et circuits courts")  # fmt: skip
    second = WorkshopFactory(congress=congress, track=inclusion, session_type=kind,
                             room=first.room, starts_at=first.ends_at,
                             ends_at=first.ends_at + (first.ends_at - first.starts_at),
                             title="Accessibilité des services publics locaux")  # fmt: skip
    third = WorkshopFactory(congress=congress, track=food, session_type=kind, room=first.room,
                            starts_at=second.ends_at,
                            ends_at=second.ends_at + (first.ends_at - first.starts_at),
                            title="De la distribution de colis à l'épicerie solidaire")  # fmt: skip
    return {"congress": congress, "food": food, "inclusion": inclusion,
            "workshops": [first, second, third]}  # fmt: skip


def test_moderator_records_outcome_with_three_proposals(web, edition):
    congress = edition["congress"]
    mine, others, _third = edition["workshops"]
    moderator = UserFactory(email="amina@example.org", full_name="Amina Animatrice")
    TrackRoleFactory(track=edition["food"], user=moderator, role=TrackRoleKind.MODERATOR)

    log_in(web, "amina@example.org", TEST_PASSWORD)
    web.axe(context="account")
    web.page.get_by_role("link", name="Comptes rendus de mes ateliers").click()
    web.page.wait_for_url(f"**/congresses/{congress.slug}/outcomes/")
    assert web.page.get_by_role("heading", level=1).inner_text() == "Comptes rendus des ateliers"
    web.axe(context="moderator's workshops")
    web.page.get_by_role("link", name="Produits frais et circuits courts").click()
    web.page.wait_for_url(f"**/outcomes/{mine.pk}/")
    web.axe(context="empty outcome form")
    page = web.page
    page.get_by_label("Nombre de participants").fill("23")
    page.get_by_label("Synthèse des échanges").fill(
        "Partenariat avec des maraîchers locaux et un chantier d'insertion."
    )
    page.get_by_label("Constats", exact=True).fill(
        "Les produits frais manquent dans l'aide alimentaire."
    )
    wording = [
        ("Créer un fonds national pour les produits frais",
         "Financer l'achat de produits frais en circuit court par les associations."),
        ("Ouvrir la restauration collective aux associations",
         "Permettre aux associations d'acheter via les marchés publics de restauration."),
        ("Défiscaliser le don de produits frais",
         "Étendre la réduction d'impôt aux dons des producteurs agricoles."),
    ]  # fmt: skip
    for n, (title, statement) in enumerate(wording):
        block = page.get_by_role("group", name=f"Proposition {n + 1}")
        block.get_by_label("Titre").fill(title)
        block.get_by_label("La proposition").fill(statement)
    first_block = page.get_by_role("group", name="Proposition 1")
    first_block.get_by_label("Assemblée nationale (députés)").check()
    first_block.get_by_label("Sénat (sénateurs)").check()
    page.get_by_role("group", name="Proposition 2").get_by_label("Échelon visé").select_option(
        "local"
    )
    # Transversal: also concerns the handicap-inclusion track.
    page.get_by_role("group", name="Proposition 3").get_by_label("Le handicap-inclusion").check()
    web.screenshot("outcome-form")
    page.get_by_role("button", name="Relire et transmettre").click()
    page.wait_for_url(f"**/outcomes/{mine.pk}/submit/")
    web.axe(context="confirmation before transmitting")
    assert "La transmission verrouille le texte." in page.locator("main").inner_text()
    page.get_by_role("button", name="Confirmer la transmission").click()
    page.get_by_text("Le compte rendu est transmis aux organisateurs.").wait_for()
    web.axe(context="workshops after submission")

    outcome = Outcome.objects.get(session=mine)
    assert (outcome.status, outcome.attendee_count) == ("submitted", 23)
    proposals = list(outcome.policy_proposals.order_by("rank"))
    assert [p.title for p in proposals] == [t for t, _s in wording]
    assert sorted(a.slug for a in proposals[0].addressees.all()) == ["assemblee-nationale", "senat"]
    assert proposals[1].level == "local"
    assert [t.slug for t in proposals[2].related_tracks.all()] == ["handicap-inclusion"]

    # Another track's workshop: refused.
    web.go(f"/congresses/{congress.slug}/outcomes/{others.pk}/", status=403)
    assert page.get_by_role("heading", level=1).inner_text() == "Accès refusé"
    web.axe(context="403")


def test_moderator_saves_a_draft_comes_back_and_transmits_after_confirming(web, edition):
    """The stepped form: a draft saved with the button (no JavaScript needed), the autosave
    while typing, the progress of the steps, then the confirmation that locks the text."""
    congress = edition["congress"]
    mine = edition["workshops"][0]
    moderator = UserFactory(email="amina@example.org", full_name="Amina Animatrice")
    TrackRoleFactory(track=edition["food"], user=moderator, role=TrackRoleKind.MODERATOR)
    log_in(web, "amina@example.org", TEST_PASSWORD)
    page = web.page
    web.go(f"/congresses/{congress.slug}/outcomes/{mine.pk}/")
    progress = page.get_by_test_id("steps-progress")
    assert plain(progress.inner_text()) == plain("Étapes faites : 0 sur 4")
    steps = page.get_by_role("navigation", name="Étapes du compte rendu")
    assert steps.get_by_role("link").count() == 4
    page.get_by_label("Nombre de participants").fill("18")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Le brouillon est enregistré.").wait_for()
    assert plain(progress.inner_text()) == plain("Étapes faites : 1 sur 4")
    web.axe(context="outcome form, draft saved")

    # The tablet sleeps in the middle of a sentence: the autosave has kept it.
    page.get_by_label("Synthèse des échanges").fill("Les épiceries solidaires manquent de frais.")
    page.get_by_role("group", name="Proposition 1").get_by_label("Titre").fill("Un fonds frais")
    page.get_by_role("group", name="Proposition 1").get_by_label("La proposition").fill(
        "Financer les produits frais."
    )
    page.get_by_text("Brouillon enregistré automatiquement à").wait_for()
    outcome = Outcome.objects.get(session=mine)
    assert outcome.summary == "Les épiceries solidaires manquent de frais."
    assert [p.title for p in outcome.policy_proposals.all()] == ["Un fonds frais"]

    # Coming back later: everything is there, and saving again creates no duplicate.
    web.go(f"/congresses/{congress.slug}/outcomes/")
    page.get_by_role("link", name="Produits frais et circuits courts").click()
    page.wait_for_url(f"**/outcomes/{mine.pk}/")
    assert page.get_by_label("Synthèse des échanges").input_value().startswith("Les épiceries")
    assert plain(progress.inner_text()) == plain("Étapes faites : 3 sur 4")
    web.screenshot("outcome-form-steps")
    page.get_by_role("button", name="Relire et transmettre").click()
    page.wait_for_url(f"**/outcomes/{mine.pk}/submit/")
    assert (
        "1 proposition n'a pas de destinataire."
        in page.get_by_test_id("submit-warnings").inner_text()
    )
    web.axe(context="confirmation with what is missing")
    web.screenshot("outcome-submit-confirmation")
    # Going back changes nothing; confirming transmits.
    page.get_by_role("link", name="Revenir au compte rendu").click()
    page.wait_for_url(f"**/outcomes/{mine.pk}/")
    assert Outcome.objects.get(session=mine).status == "draft"
    page.get_by_role("button", name="Relire et transmettre").click()
    page.get_by_role("button", name="Confirmer la transmission").click()
    page.get_by_text("Le compte rendu est transmis aux organisateurs.").wait_for()
    outcome = Outcome.objects.get(session=mine)
    assert outcome.status == "submitted"
    assert [(p.title, p.status) for p in outcome.policy_proposals.all()] == [
        ("Un fonds frais", "submitted")
    ]


def test_organiser_merges_validates_and_follows_up(new_browser, edition, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    congress = edition["congress"]
    first, second, third = edition["workshops"]
    organiser = UserFactory(email="claire@example.org", full_name="Claire Organisatrice")
    congress.organisers.add(organiser)
    food = edition["food"]
    a = PolicyProposalFactory(congress=congress, track=food, sources=[first], status="submitted",
                              title="Fonds pour les produits frais")  # fmt: skip
    b = PolicyProposalFactory(congress=congress, track=food, sources=[third], status="submitted",
                              title="Financer l'aide alimentaire de qualité")  # fmt: skip

    web = new_browser()
    log_in(web, "claire@example.org", TEST_PASSWORD)
    page = web.page
    page.get_by_role("link", name="Espace organisateurs").click()
    page.wait_for_url("**/staff/")
    web.axe(context="staff home")
    page.get_by_role("link", name="Propositions aux décideurs : consolidation et suites").click()
    page.wait_for_url(f"**/staff/{congress.slug}/policy-proposals/")
    web.axe(context="board")
    web.screenshot("policy-board")
    page.get_by_label("Fusionner « Fonds pour les produits frais »").check()
    page.get_by_label("Fusionner « Financer l'aide alimentaire de qualité »").check()
    page.get_by_role("button", name="Fusionner les propositions cochées").click()
    page.wait_for_url("**/policy-proposals/merge/?ids=*")
    web.axe(context="merge form")
    title = "Créer un fonds national pour l'aide alimentaire de qualité et les circuits courts"
    page.get_by_label("Titre de la proposition fusionnée").fill(title)
    page.get_by_role("button", name="Fusionner", exact=True).click()
    page.wait_for_url(re.compile(r"/policy-proposals/\d+/$"))
    web.axe(context="merged proposal")
    page.get_by_role("button", name="Valider la proposition").click()
    page.get_by_text("La proposition est validée.").wait_for()
    merged = PolicyProposal.objects.get(title=title)
    assert merged.status == PolicyStatus.VALIDATED
    assert sorted(s.pk for s in merged.sources.all()) == sorted([first.pk, third.pk])
    for original in (a, b):
        original.refresh_from_db()
        assert (original.status, original.merged_into_id) == ("merged", merged.pk)

    # Follow-up: sent to the Assemblée nationale commission, with the cover letter (PDF).
    letter = tmp_path / "courrier.pdf"
    letter.write_bytes(pdf_bytes())
    page.get_by_label("État").select_option("sent")
    page.locator("#id_date").fill("2024-03-04")
    page.get_by_label("Destinataire").select_option(label="Assemblée nationale (députés)")
    page.get_by_label("Institution").fill(
        "Commission des affaires sociales de l'Assemblée nationale"
    )
    page.get_by_label("Document (PDF, 10 Mo au plus)").set_input_files(str(letter))
    page.get_by_role("button", name="Enregistrer la suite").click()
    page.get_by_text("La suite donnée est enregistrée.").wait_for()
    web.axe(context="proposal with follow-up")
    web.screenshot("policy-staff-detail")
    document = page.get_by_role("link", name="Document (PDF)")
    assert document.count() == 1
    # Served by a view, as an attachment, never from the public media folder.
    served = page.request.get(document.evaluate("link => link.href"))
    assert served.headers["content-disposition"].startswith("attachment;")
    assert served.headers["content-security-policy"] == "sandbox"
    assert served.body().startswith(b"%PDF-")
    page.get_by_role("link", name="Propositions aux décideurs").first.click()
    page.wait_for_url(f"**/staff/{congress.slug}/policy-proposals/")
    page.get_by_role("link", name="Vue de la transversalité").click()
    page.wait_for_url("**/transversality/")
    web.axe(context="transversality")
    web.screenshot("transversality")
    # The other organiser pages: split form, endorsement period, an outcome and its history.
    from proposals.outcomes.recording import services

    services.outcome_save(session=second, by=organiser, version=0, summary="Synthèse",
                          proposals=[{"title": "LSF", "statement": "Interprètes LSF."}])  # fmt: skip
    for path in (f"/staff/{congress.slug}/policy-proposals/{merged.pk}/split/",
                 f"/staff/{congress.slug}/endorsement-period/",
                 f"/congresses/{congress.slug}/outcomes/{second.pk}/",
                 f"/congresses/{congress.slug}/outcomes/{second.pk}/history/"):  # fmt: skip
        assert web.go(path).status == 200
        web.axe(context=path)


def test_participant_endorses_and_public_page_shows_sources_and_follow_up(web, edition):
    from proposals.outcomes.consolidation import services
    from proposals.outcomes.followup import services as followup_services

    congress = edition["congress"]
    first, second, third = edition["workshops"]
    organiser = UserFactory()
    congress.organisers.add(organiser)
    participant = UserFactory(email="paul@example.org", full_name="Paul Participant")
    make_participant(participant, congress)
    EndorsementPeriodFactory(congress=congress)
    a = PolicyProposalFactory(congress=congress, track=edition["food"], sources=[first],
                              status="submitted")  # fmt: skip
    b = PolicyProposalFactory(congress=congress, track=edition["inclusion"], sources=[second],
                              status="submitted")  # fmt: skip
    title = "Généraliser l'interprétation LSF dans les services publics locaux"
    merged = services.policy_proposals_merge(
        congress=congress, proposals=[a, b], by=organiser, title=title,
        statement="Garantir l'accès à un interprète en langue des signes dans chaque service.",
    )  # fmt: skip
    services.policy_proposal_validate(proposal=merged, by=organiser)
    for status, day, institution in [
        ("sent", "2024-03-04", "Commission des affaires sociales de l'Assemblée nationale"),
        ("acknowledged", "2024-03-26", "Commission des affaires sociales de l'Assemblée nationale"),
        ("taken_up", "2024-06-01", "Ministère des Solidarités"),
    ]:
        followup_services.followup_record(proposal=merged, by=organiser, status=status,
                                          date=day, institution=institution)  # fmt: skip

    log_in(web, "paul@example.org", TEST_PASSWORD)
    page = web.page
    page.get_by_role("link", name="Propositions", exact=True).click()
    page.wait_for_url(f"**/congresses/{congress.slug}/policy-proposals/")
    web.axe(context="public list")
    page.get_by_role("link", name=title).click()
    page.wait_for_url(f"**/policy-proposals/{merged.pk}/")
    web.axe(context="public detail before endorsing")
    page.get_by_role("button", name="Soutenir cette proposition").click()
    page.get_by_text("Merci : votre soutien est enregistré.").wait_for()
    assert page.locator("#endorsement-count").inner_text() == "1 soutien"
    main = page.locator("main").inner_text()
    for text in ("Produits frais et circuits courts", "Accessibilité des services publics locaux",
                 "Commission des affaires sociales de l'Assemblée nationale", "Accusé de réception",
                 "Reprise", "Ministère des Solidarités"):  # fmt: skip
        assert text in main
    web.axe(context="public detail after endorsing")
    web.screenshot("policy-public-detail")
    assert merged.endorsements.get().user == participant
