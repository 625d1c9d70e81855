"""Issue 14 journeys: the organiser's to-do board, bulk decisions with a confirmation, the
policy-proposal board; the track page, the login link on a proposal, the mobile programme and
"Mon programme" with the sessions open to all. Each page at 1280 px and 375 px, axe-checked."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from proposals.models import ProposalState, WorkshopProposal
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    EndorsementPeriodFactory,
    SessionFactory,
    SessionTypeFactory,
    UserFactory,
    WorkshopProposalFactory,
    make_participant,
)
from tests.reports.conftest import make_edition
from tests.spaces import plain
from tracks.models import WorkshopSignup

pytestmark = pytest.mark.django_db(transaction=True)

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def both_widths(web, name: str, *, check_reflow: bool = True):
    """axe and a screenshot at 1280 px, then at 375 px (no sideways scroll), back to 1280."""
    web.axe(context=f"{name} (1280 px)")
    web.screenshot(f"issue14-{name}-1280")
    web.page.set_viewport_size({"width": 375, "height": 800})
    web.axe(context=f"{name} (375 px)")
    web.screenshot(f"issue14-{name}-375")
    if check_reflow:
        assert web.page.evaluate(NO_SIDEWAYS_SCROLL), f"{name} scrolls sideways at 375 px"
    web.page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def edition():
    edition = make_edition(workshops=2)
    congress = edition.congress
    congress.is_current = True
    congress.status = "published"
    congress.save()
    edition.organiser.set_password(TEST_PASSWORD)
    edition.organiser.save()
    return edition


def test_organiser_board_ranking_and_policy_board(new_browser, edition):
    congress = edition.congress
    WorkshopProposalFactory(
        congress=congress, track=edition.tracks[0], state=ProposalState.SUBMITTED,
        title="Une cantine solidaire pour les aînés",
    )  # fmt: skip
    org = new_browser()
    log_in(org, edition.organiser.email, TEST_PASSWORD)
    # The staff menu holds on one line at 1280 px.
    tops = org.page.eval_on_selector_all(
        "#main-nav .nav-item", "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    org.page.get_by_role("link", name="Espace organisateurs").click()
    board = org.page.locator("#staff-board")
    assert board.locator("li.board-step").count() == 8
    assert "3 décisions prises sur 5." in board.inner_text()
    assert "En cours" in org.page.locator("#step-decisions").inner_text()
    both_widths(org, "staff-board")
    # Ranking: no default decision; nothing chosen is a clear error; then a summary.
    org.page.locator("#step-decisions").get_by_role("link").click()
    org.page.get_by_label("Choisir « Une cantine solidaire pour les aînés »").check()
    org.page.get_by_role("button", name="Vérifier la décision").click()
    assert "Choisissez une décision." in org.page.locator("#decision-errors").inner_text()
    both_widths(org, "ranking-error", check_reflow=False)  # the ranking table is wide
    org.page.get_by_label("Décision pour les propositions cochées").select_option("accepted")
    org.page.get_by_role("button", name="Vérifier la décision").click()
    summary = org.page.locator("#decision-summary").inner_text()
    assert "1 proposition sera acceptée." in summary
    assert "1 e-mail sera envoyé aux auteurs." in summary
    both_widths(org, "ranking-confirm")
    org.page.get_by_role("button", name="Retour au classement").click()
    expect(
        org.page.get_by_label("Choisir « Une cantine solidaire pour les aînés »")
    ).to_be_checked()
    org.page.get_by_role("button", name="Vérifier la décision").click()
    org.page.get_by_role("button", name="Confirmer et envoyer").click()
    expect(org.page.locator("body")).to_contain_text("Décision enregistrée pour 1 proposition.")
    assert WorkshopProposal.objects.get(title__startswith="Une cantine").state == "accepted"
    # The policy-proposal board: what needs action first, closed ones on request.
    org.go(f"/staff/{congress.slug}/policy-proposals/")
    assert "Écartée" not in org.page.locator("table tbody").inner_text()
    both_widths(org, "policy-board", check_reflow=False)
    org.page.get_by_label("Afficher aussi les propositions fusionnées et écartées").check()
    org.page.get_by_role("button", name="Filtrer").click()
    assert "Écartée" in org.page.locator("table tbody").inner_text()


def test_visitor_and_participant_pages(new_browser, edition):
    congress = edition.congress
    congress.start_date = timezone.localdate() - timedelta(days=3)
    congress.end_date = timezone.localdate() - timedelta(days=2)
    congress.save()
    workshop = edition.workshops[0]
    plenary_type = SessionTypeFactory(congress=congress, name="Plénière", is_workshop=False)
    SessionFactory(
        congress=congress, session_type=plenary_type, room=workshop.room, track=None,
        title="Ouverture du congrès", starts_at=workshop.starts_at - timedelta(hours=2),
        ends_at=workshop.starts_at - timedelta(hours=1),
    )  # fmt: skip
    EndorsementPeriodFactory(congress=congress)
    visitor = new_browser()
    # The track page: question, workshops with times and room, published proposals.
    visitor.go(f"/congresses/{congress.slug}/tracks/aide-alimentaire/")
    body = visitor.page.locator("main").inner_text()
    assert "Épicerie solidaire et dignité n° 1" in body
    assert "Pérenniser le financement des épiceries solidaires" in body
    both_widths(visitor, "track-page")
    # A proposal: the login link comes back to it.
    visitor.page.get_by_role(
        "link", name="Pérenniser le financement des épiceries solidaires"
    ).click()
    proposal_url = visitor.page.url
    visitor.page.get_by_role(
        "link", name="Connectez-vous avec votre compte de participant pour la soutenir."
    ).click()
    both_widths(visitor, "login-from-proposal")
    participant = UserFactory(email="paul@participant.fr")
    make_participant(participant, congress)
    # Signed up directly: the workshops were dated before the edition was moved into the past,
    # so the service would refuse a day outside the (moved) edition.
    WorkshopSignup.objects.create(session=edition.workshops[1], user=participant)
    visitor.page.get_by_label("Adresse e-mail").fill(participant.email)
    visitor.page.locator("#id_password").fill(TEST_PASSWORD)
    visitor.page.locator("#id_password").press("Enter")
    visitor.page.wait_for_url(proposal_url)
    # The mobile programme: each room inside its own card.
    visitor.go(f"/congresses/{congress.slug}/programme/")
    visitor.page.set_viewport_size({"width": 375, "height": 800})
    card = visitor.page.locator(".programme-list li").first
    assert plain("Salle : Salle Sarthe") in plain(card.locator(".session-card").inner_text())
    visitor.page.set_viewport_size({"width": 1280, "height": 900})
    both_widths(visitor, "programme", check_reflow=False)
    # Mon programme: the plenary is there, the calendar offered as webcal and download.
    visitor.go(f"/congresses/{congress.slug}/programme/mine/")
    rows = visitor.page.locator("table").first.inner_text()
    assert "Ouverture du congrès" in rows and "Ouverte à tous, sans inscription" in rows
    webcal = visitor.page.get_by_role("link", name="S'abonner dans mon agenda")
    assert webcal.get_attribute("href").startswith("webcal://")
    download = visitor.page.get_by_role("link", name="Télécharger le fichier .ics")
    assert download.get_attribute("download") == "mon-programme.ics"
    both_widths(visitor, "my-programme", check_reflow=False)
