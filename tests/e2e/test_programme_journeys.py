"""Programme journeys: propose a workshop, review it, accept and schedule it, sign up to it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from proposals.models import ProposalState, WorkshopProposal
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CallFactory,
    CongressFactory,
    CriterionFactory,
    MembershipFactory,
    OrganisationFactory,
    RoomFactory,
    SessionTypeFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
    make_participant,
)
from tests.spaces import plain
from tracks.models import TrackRoleKind, WorkshopSignup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def edition():
    congress = CongressFactory(is_current=True, name="2e Congrès national des Solidarités")
    track = TrackFactory(
        congress=congress, name="L'aide alimentaire et la qualité", slug="aide-alimentaire",
        colour="#b35c00",
    )  # fmt: skip
    TrackFactory(congress=congress, name="L'insertion", slug="insertion", colour="#6a1b9a")
    SessionTypeFactory(congress=congress, name="Atelier d'échange", slug="atelier")
    call = CallFactory(congress=congress, guidance="Partagez une expérience transposable.")
    CriterionFactory(call=call, name="Pertinence au thème et au fil rouge", weight=3)
    CriterionFactory(call=call, name="Transférabilité", weight=2)
    RoomFactory(venue=VenueFactory(congress=congress), name="Salle Loire", capacity=90)
    return congress, track, call


@pytest.fixture
def people(edition):
    congress, track, call = edition
    organisation = OrganisationFactory(name="Épicerie solidaire du Maine")
    author = MembershipFactory(
        organisation=organisation, user=UserFactory(email="louise@asso.fr")
    ).user
    reviewer = UserFactory(email="remi@relecture.fr", full_name="Rémi Relecteur")
    TrackRoleFactory(track=track, user=reviewer, role=TrackRoleKind.REVIEWER)
    moderator = UserFactory(email="amina@anim.fr", full_name="Amina Animatrice")
    TrackRoleFactory(track=track, user=moderator, role=TrackRoleKind.MODERATOR)
    organiser = UserFactory(email="claire@orga.fr", is_staff=True)
    congress.organisers.add(organiser)
    participant = UserFactory(email="paul@participant.fr")
    make_participant(participant, congress)

    return {"organisation": organisation, "author": author, "reviewer": reviewer,
            "moderator": moderator, "organiser": organiser, "participant": participant}  # fmt: skip


def test_member_proposes_and_reviewer_scores(new_browser, edition, people):
    congress, track, call = edition
    organisation, author, reviewer = people["organisation"], people["author"], people["reviewer"]
    # 1. An association member drafts a proposal, submits it, then edits it.
    web = new_browser()
    log_in(web, author.email, TEST_PASSWORD)
    web.axe(context="account")
    page = web.page
    page.get_by_role("link", name="Mes propositions d'ateliers").click()
    web.axe(context="my proposals")
    page.get_by_role("link", name="Proposer un atelier").click()
    web.axe(context="proposal form")
    page.locator("#id_organisation").select_option(str(organisation.pk))
    page.locator("#id_title").fill("De la distribution de colis à l'épicerie solidaire")
    page.locator("#id_track").select_option(str(track.pk))
    page.locator("#id_context").fill("Familles du quartier des Sablons, au Mans.")
    page.locator("#id_actions").fill("Ouverture d'une épicerie solidaire avec libre choix.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url("**/proposals/*/")
    proposal = WorkshopProposal.objects.get()
    assert proposal.state == ProposalState.DRAFT
    web.axe(context="draft proposal")

    page.get_by_role("button", name="Soumettre la proposition").click()
    alerts = page.locator(".messages .alert-danger").all_inner_texts()
    assert plain(alerts) == plain(
        [
            "« Résultats et ce qui est transposable » est obligatoire pour soumettre la proposition.",
            "« Département » est obligatoire pour soumettre la proposition.",
            "Indiquez au moins un intervenant.",
        ]
    )
    web.axe(context="incomplete submission")
    page.get_by_role("link", name="Modifier").click()
    page.locator("#id_results").fill("320 familles accueillies ; démarche transposable.")
    page.locator("#id_departement").select_option("72")
    page.locator("#id_speakers-0-name").fill("Louise Martin")
    page.locator("#id_speakers-0-function").fill("Coordinatrice")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_role("button", name="Soumettre la proposition").click()
    expect(page.locator("body")).to_contain_text("Votre proposition est soumise")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    web.axe(context="submitted proposal")

    page.get_by_role("link", name="Modifier").click()
    page.locator("#id_title").fill("Épicerie solidaire : choisir ses produits")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(f"**/proposals/{proposal.pk}/")
    proposal.refresh_from_db()
    assert plain((proposal.title, proposal.state)) == plain(
        (
            "Épicerie solidaire : choisir ses produits",
            "submitted",
        )
    )
    web.screenshot("proposal-submitted")

    # After the deadline: refused with a clear message.
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.opens_at = timezone.now() - timedelta(days=60)
    call.save()
    web.go(f"/congresses/{congress.slug}/proposals/{proposal.pk}/edit/")
    assert "L'appel à propositions est clos" in page.inner_text("main")
    web.axe(context="call closed")

    # 2. The reviewer scores it.
    rev = new_browser()
    log_in(rev, reviewer.email, TEST_PASSWORD)
    rev.page.get_by_role("link", name="Relecture des propositions").click()
    rev.axe(context="review list")
    rev.page.get_by_role("link", name=proposal.title).click()
    rev.axe(context="review form")
    for criterion, score in zip(call.criteria.order_by("order", "name"), ["5", "4"], strict=True):
        rev.page.locator(f"input[name='criterion_{criterion.pk}'][value='{score}']").check()
    rev.page.locator("#id_comment_authors").fill("Très transposable, détaillez les coûts.")
    rev.page.get_by_role("button", name="Enregistrer ma relecture").click()
    expect(rev.page.locator("body")).to_contain_text("Votre relecture est enregistrée.")
    rev.axe(context="review saved")
    review = proposal.reviews.get()
    assert str(review.weighted_score) == "4.60"


def test_organiser_accepts_and_schedules_then_participant_signs_up(new_browser, edition, people):
    congress, track, call = edition
    organiser, moderator, participant = (
        people["organiser"],
        people["moderator"],
        people["participant"],
    )
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=people["organisation"], track=track,
        state=ProposalState.SUBMITTED, title="Épicerie solidaire : choisir ses produits",
    )  # fmt: skip
    # 3. The organiser accepts it and schedules it.
    org = new_browser()
    log_in(org, organiser.email, TEST_PASSWORD)
    org.go("/staff/")
    org.axe(context="staff home")
    org.page.get_by_role("link", name="Classement et décisions").click()
    org.axe(context="ranking")
    org.page.get_by_label(f"Choisir « {proposal.title} »").check()
    org.page.get_by_label("Décision pour les propositions cochées").select_option("accepted")
    org.page.get_by_role("button", name="Vérifier la décision").click()
    org.axe(context="ranking confirmation")
    expect(org.page.locator("body")).to_contain_text("1 proposition sera acceptée.")
    org.screenshot("ranking-confirm")
    org.page.get_by_role("button", name="Confirmer et envoyer").click()
    expect(org.page.locator("body")).to_contain_text("Décision enregistrée pour 1 proposition.")
    org.screenshot("ranking")
    org.go("/staff/")
    org.page.get_by_role("link", name="Programmation des ateliers").click()
    org.axe(context="schedule list")
    org.page.get_by_role("link", name=f"Programmer {proposal.title}").click()
    org.axe(context="schedule form")
    org.page.get_by_label("Salle").select_option(label="Salle Loire (Palais des Congrès)")
    org.page.get_by_label("Jour").select_option(congress.start_date.isoformat())
    org.page.get_by_label("Heure de début").fill("14:00")
    org.page.get_by_label("Heure de fin").fill("15:30")
    org.page.get_by_role("group", name="Animateurs").get_by_label(moderator.full_name).check()
    org.page.get_by_role("button", name="Programmer l'atelier").click()
    expect(org.page.locator("body")).to_contain_text("est au programme")
    org.axe(context="scheduled")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.session.capacity) == ("accepted", 90)

    # 4. A participant signs up and finds it in "mon programme".
    par = new_browser()
    log_in(par, participant.email, TEST_PASSWORD)
    par.page.get_by_role("link", name="Programme", exact=True).click()
    par.axe(context="programme")
    par.screenshot("programme")
    par.page.locator(".programme-grid").get_by_role("link", name=proposal.title).click()
    par.axe(context="session page")
    par.page.get_by_role("button", name="M'inscrire à cet atelier").click()
    expect(par.page.locator("body")).to_contain_text("Vous êtes inscrit·e à cet atelier.")
    assert WorkshopSignup.objects.filter(user=participant, session=proposal.session).count() == 1
    par.page.get_by_role("link", name="Mon compte").click()
    par.page.get_by_role("link", name="Mon programme").click()
    assert proposal.title in par.page.inner_text("main")
    par.axe(context="my programme")
    par.screenshot("my-programme")

    # The moderator sees the attendee list.
    mod = new_browser()
    log_in(mod, moderator.email, TEST_PASSWORD)
    mod.go(f"/congresses/{congress.slug}/programme/sessions/{proposal.session_id}/attendees/")
    assert participant.full_name in mod.page.inner_text("main")
    mod.axe(context="attendees")
