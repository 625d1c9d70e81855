"""Query counts of the survey pages: the same with 1 and 3 items (answers, workshops, questions,
open surveys), and the items are on the page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import SessionFactory
from tests.tracks.feedback.conftest import question, signed_up
from tracks.feedback import services
from tracks.feedback.models import QuestionKind
from tracks.models import WorkshopSignup

pytestmark = pytest.mark.django_db


def answers(setting, n):
    text = question(setting.congress, label="Ce que vous retenez")
    rating = question(setting.congress, QuestionKind.RATING, label="Animation")
    for i in range(n):
        services.survey_answer(
            user=signed_up(setting.workshop, f"Personne {i}"),
            congress=setting.congress,
            session=setting.workshop,
            rating=4,
            comment=f"Commentaire numéro {i}",
            answers={text.pk: f"Idée numéro {i}", rating.pk: "5"},
        )


@pytest.mark.parametrize("n", [1, 3])
def test_session_results_query_count(client, feedback, n, django_assert_num_queries):
    answers(feedback, n)
    client.force_login(feedback.moderator)
    url = reverse("session_feedback_results", args=[feedback.congress.slug, feedback.workshop.pk])
    with django_assert_num_queries(13):
        response = client.get(url)
    page = response.content.decode()
    assert f"{n} réponse" in page
    assert page.count("Idée numéro") == (3 if n == 3 else 0)


@pytest.mark.parametrize("n", [1, 3])
def test_staff_feedback_query_count(client, feedback, n, django_assert_num_queries):
    answers(feedback, 1)
    for i in range(n - 1):
        SessionFactory(
            congress=feedback.congress,
            session_type=feedback.workshop.session_type,
            title=f"Atelier supplémentaire {i}",
        )
    client.force_login(feedback.organiser)
    with django_assert_num_queries(9):
        response = client.get(reverse("staff_feedback", args=[feedback.congress.slug]))
    page = response.content.decode()
    # the two workshops of the setting, plus n - 1
    assert page.count("/results/") == n + 1


@pytest.mark.parametrize("n", [1, 3])
def test_staff_questions_query_count(client, feedback, n, django_assert_num_queries):
    for i in range(n):
        question(feedback.congress, label=f"Question numéro {i}")
    client.force_login(feedback.organiser)
    with django_assert_num_queries(8):
        response = client.get(reverse("staff_survey_questions", args=[feedback.congress.slug]))
    assert response.content.decode().count('<th scope="row">Question numéro') == n


@pytest.mark.parametrize("n", [1, 3])
def test_open_surveys_on_my_programme_query_count(client, feedback, n, django_assert_num_queries):
    for i in range(n - 1):
        session = SessionFactory(
            congress=feedback.congress,
            session_type=feedback.workshop.session_type,
            title=f"Atelier supplémentaire {i}",
            starts_at=feedback.workshop.starts_at + timedelta(hours=2 * (i + 1)),
            ends_at=feedback.workshop.ends_at + timedelta(hours=2 * (i + 1)),
        )
        WorkshopSignup.objects.create(session=session, user=feedback.participant)
    client.force_login(feedback.participant)
    with django_assert_num_queries(13):
        response = client.get(reverse("my_programme", args=[feedback.congress.slug]))
    page = response.content.decode()
    assert page.count("Donner mon avis sur l’atelier") == n
