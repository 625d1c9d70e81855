"""Feedback journey (issue 13): a participant answers a workshop's survey from « Mon programme »;
the workshop's moderator then reads the results, free texts shown from three answers on."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    SessionFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    make_participant,
)
from tests.spaces import plain
from tracks.feedback import services
from tracks.feedback.models import QuestionKind, SurveyQuestion, SurveyResponse
from tracks.models import TrackRoleKind, WorkshopSignup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def workshop():
    today = timezone.localdate()
    congress = CongressFactory(
        name="2e Congrès national des Solidarités",
        start_date=today - timedelta(days=3),
        end_date=today - timedelta(days=2),
    )
    track = TrackFactory(congress=congress, name="L'aide alimentaire et la qualité")
    session = SessionFactory(congress=congress, track=track, title="Épiceries solidaires")
    SurveyQuestion.objects.create(
        congress=congress,
        label="La durée de l'atelier était…",
        kind=QuestionKind.CHOICE,
        options="Trop courte\nAdaptée\nTrop longue",
    )
    for n, comment in enumerate(["Des échanges concrets.", "Trop de monde."]):
        person = UserFactory(full_name=f"Déjà répondu {n}")
        make_participant(person, congress)
        WorkshopSignup.objects.create(session=session, user=person)
        services.survey_answer(
            user=person, congress=congress, session=session, rating=4, comment=comment,
            answers={},
        )  # fmt: skip
    return session


def test_participant_answers_a_workshop_survey_and_the_moderator_reads_it(new_browser, workshop):
    congress = workshop.congress
    participant = UserFactory(email="paula@example.org", full_name="Paula Participante")
    make_participant(participant, congress)
    WorkshopSignup.objects.create(session=workshop, user=participant)
    moderator = UserFactory(email="amina@example.org", full_name="Amina Animatrice")
    TrackRoleFactory(track=workshop.track, user=moderator, role=TrackRoleKind.MODERATOR)
    workshop.moderators.add(moderator)

    web = new_browser()
    log_in(web, "paula@example.org", TEST_PASSWORD)
    web.go(f"/congresses/{congress.slug}/programme/mine/")
    page = web.page
    assert plain("Votre avis compte : 2 questionnaires à remplir") in plain(
        page.locator("#open-surveys").inner_text()
    )
    web.axe(context="my programme with open surveys")
    page.get_by_role("link", name="Donner mon avis sur l’atelier « Épiceries solidaires »").click()
    page.wait_for_url(f"**/feedback/sessions/{workshop.pk}/")
    web.axe(context="survey form")
    page.get_by_label("5 – très satisfait·e").check()
    page.get_by_label("Adaptée").check()
    page.get_by_label("Un commentaire libre").fill("Merci pour les contacts !")
    web.screenshot("feedback-survey")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    page.get_by_text("Merci ! Votre réponse est enregistrée, sans votre nom.").wait_for()
    assert plain("Votre avis compte : 1 questionnaire à remplir") in plain(
        page.locator("#open-surveys").inner_text()
    )
    web.axe(context="my programme after answering")
    assert SurveyResponse.objects.filter(session=workshop).count() == 3

    moderating = new_browser()
    log_in(moderating, "amina@example.org", TEST_PASSWORD)
    moderating.go(f"/congresses/{congress.slug}/programme/mine/")
    moderating.page.get_by_role("link", name="Avis des participants – Épiceries solidaires").click()
    moderating.page.wait_for_url(f"**/feedback/sessions/{workshop.pk}/results/")
    text = moderating.page.locator("main").inner_text()
    assert plain("3 réponses – note moyenne : 4,3 sur 5") in plain(text)
    assert plain("Merci pour les contacts !") in plain(text) and plain("Trop de monde.") in plain(
        text
    )
    assert plain("Adaptée : 1") in plain(text)
    moderating.axe(context="workshop results")
    moderating.screenshot("feedback-results")


def test_organiser_adds_a_question_and_reads_the_editions_results(web, workshop):
    congress = workshop.congress
    organiser = UserFactory(email="olga@example.org", full_name="Olga Organisatrice")
    congress.organisers.add(organiser)
    log_in(web, "olga@example.org", TEST_PASSWORD)
    web.go(f"/congresses/{congress.slug}/staff/feedback/")
    page = web.page
    row = page.locator("#workshop-feedback tbody tr").first.inner_text()
    assert row.split("\t")[-2:] == ["2", "4,0"]
    web.axe(context="organiser's survey results")
    page.get_by_role("link", name="Questions et dates de clôture").click()
    page.wait_for_url("**/staff/feedback/questions/")
    web.axe(context="survey questions")
    page.locator("#id_question-label").fill("Qu'avez-vous appris ?")
    page.locator("#id_question-kind").select_option("long_text")
    page.get_by_role("button", name="Ajouter la question").click()
    page.get_by_text("La question est ajoutée.").wait_for()
    rows = page.locator("#survey-questions tbody tr")
    assert rows.count() == 2
    # No answers to either question yet: both can still be removed.
    assert rows.nth(0).get_by_role("button", name=re.compile("^Supprimer")).count() == 1
    rows.nth(1).get_by_role("button", name=re.compile("^Monter")).click()
    page.get_by_text("L'ordre des questions est enregistré.").wait_for()
    assert plain(page.locator("#survey-questions tbody tr th").first.inner_text()).startswith(
        plain("Qu'avez-vous appris ?")
    )
    web.axe(context="survey questions after reordering")
