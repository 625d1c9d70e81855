"""The survey pages: the call to action, answering (and the abuse of it), the results and who
reads them, the organisers' questions page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CongressFactory
from tests.spaces import plain
from tests.tracks.feedback.conftest import question, signed_up
from tracks.feedback import services
from tracks.feedback.models import QuestionKind, SurveyAnswer, SurveyQuestion, SurveyResponse

pytestmark = pytest.mark.django_db


def survey_url(setting, session="workshop"):
    if session is None:
        return reverse("survey_edition", args=[setting.congress.slug])
    return reverse("survey_session", args=[setting.congress.slug, getattr(setting, session).pk])


def results_url(setting, session="workshop"):
    pk = getattr(setting, session).pk
    return reverse("session_feedback_results", args=[setting.congress.slug, pk])


def answer_as(person, setting, rating=4, comment="", answers=None):
    services.survey_answer(
        user=person,
        congress=setting.congress,
        session=setting.workshop,
        rating=rating,
        comment=comment,
        answers=answers or {},
    )


def test_my_programme_shows_the_open_surveys(client, feedback):
    client.force_login(feedback.participant)
    page = client.get(reverse("my_programme", args=[feedback.congress.slug])).content.decode()
    assert plain("Votre avis compte : 2 questionnaires à remplir") in plain(page)
    assert survey_url(feedback) in page
    assert survey_url(feedback, None) in page
    assert survey_url(feedback, "other_workshop") not in page


def test_the_account_page_shows_the_open_surveys_and_hides_answered_ones(client, feedback):
    answer_as(feedback.participant, feedback)
    client.force_login(feedback.participant)
    page = client.get(reverse("account")).content.decode()
    assert plain("Votre avis compte : 1 questionnaire à remplir") in plain(page)
    assert survey_url(feedback, None) in page
    assert survey_url(feedback) not in page


def test_answering_a_workshop_survey(client, feedback):
    choice = question(feedback.congress, QuestionKind.CHOICE, label="Format", options="Court\nBien")
    client.force_login(feedback.participant)
    page = client.get(survey_url(feedback)).content.decode()
    assert "Vos réponses sont anonymes" in page and "Format" in page
    response = client.post(
        survey_url(feedback), {"rating": "5", f"q_{choice.pk}": "Bien", "comment": "Merci"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("my_programme", args=[feedback.congress.slug])
    stored = SurveyResponse.objects.get()
    assert (stored.rating, stored.comment, stored.answers.get().text) == (5, "Merci", "Bien")


def test_answering_twice_shows_a_clear_message(client, feedback):
    client.force_login(feedback.participant)
    client.post(survey_url(feedback), {"rating": "5"})
    page = client.get(survey_url(feedback)).content.decode()
    assert plain("Vous avez déjà répondu à ce questionnaire : merci !") in plain(page)
    second = client.post(survey_url(feedback), {"rating": "1"})
    assert second.status_code == 400
    assert plain("Vous avez déjà répondu à ce questionnaire : merci !") in plain(
        second.content.decode()
    )
    assert list(SurveyResponse.objects.values_list("rating", flat=True)) == [5]


def test_a_missing_rating_is_refused_with_a_summary(client, feedback):
    client.force_login(feedback.participant)
    response = client.post(survey_url(feedback), {"comment": "Sans note"})
    assert response.status_code == 400
    assert "Choisissez une note de 1 à 5." in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_answering_a_workshop_not_signed_up_to_is_forbidden(client, feedback):
    client.force_login(feedback.participant)
    assert client.get(survey_url(feedback, "other_workshop")).status_code == 403
    assert client.post(survey_url(feedback, "other_workshop"), {"rating": "5"}).status_code == 403
    assert SurveyResponse.objects.count() == 0


def test_answering_before_the_end_is_refused(client, feedback):
    today = timezone.localdate()
    congress = CongressFactory(start_date=today, end_date=today + timedelta(days=1))
    feedback.workshop.congress = congress
    feedback.workshop.session_type.congress = congress
    feedback.workshop.starts_at = timezone.now() + timedelta(hours=1)
    feedback.workshop.ends_at = timezone.now() + timedelta(hours=2)
    feedback.workshop.save()
    feedback.congress = congress
    client.force_login(feedback.participant)
    page = client.get(survey_url(feedback)).content.decode()
    assert "Ce questionnaire ouvrira le " in page and 'name="rating"' not in page
    response = client.post(survey_url(feedback), {"rating": "5"})
    assert response.status_code == 400
    assert "Ce questionnaire ouvrira le " in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_answering_after_the_closing_date_is_refused(client, feedback):
    services.survey_settings_save(
        congress=feedback.congress,
        by=feedback.organiser,
        sessions_close_at=timezone.now() - timedelta(minutes=1),
        edition_closes_at=None,
    )
    client.force_login(feedback.participant)
    assert (
        "Ce questionnaire est clos depuis le " in client.get(survey_url(feedback)).content.decode()
    )
    assert client.post(survey_url(feedback), {"rating": "5"}).status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_forged_question_ids_of_another_survey_are_ignored(client, feedback):
    elsewhere = question(CongressFactory(), label="Ailleurs")
    client.force_login(feedback.participant)
    response = client.post(survey_url(feedback), {"rating": "4", f"q_{elsewhere.pk}": "forgé"})
    assert response.status_code == 302
    assert SurveyAnswer.objects.count() == 0
    assert SurveyQuestion.objects.get(pk=elsewhere.pk).answers.count() == 0


def test_results_show_free_texts_only_from_three_answers(client, feedback):
    text = question(feedback.congress, label="Ce que vous retenez")
    answer_as(feedback.participant, feedback, 5, "Très bien", {text.pk: "Le réseau"})
    answer_as(signed_up(feedback.workshop, "B"), feedback, 3, "Trop court", {text.pk: "Rien"})
    client.force_login(feedback.moderator)
    page = client.get(results_url(feedback)).content.decode()
    assert plain("2 réponses – note moyenne : 4,0 sur 5") in plain(page)
    assert plain("Commentaires masqués : trop peu de réponses.") in plain(page)
    assert "Très bien" not in page and "Le réseau" not in page
    assert "à partir de 3 réponses" in page
    answer_as(signed_up(feedback.workshop, "C"), feedback, 4, "", {text.pk: "Des contacts"})
    page = client.get(results_url(feedback)).content.decode()
    assert plain("3 réponses – note moyenne : 4,0 sur 5") in plain(page)
    assert page.index("Trop court") < page.index("Très bien")  # sorted, not in answer order
    assert "Le réseau" in page and "Des contacts" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("moderator", 200),
        ("organiser", 200),
        ("other_moderator", 403),
        ("participant", 403),
    ],
)
def test_who_reads_a_workshops_results(client, feedback, role, status):
    client.force_login(getattr(feedback, role))
    assert client.get(results_url(feedback)).status_code == status


def test_the_track_moderator_reads_results_of_a_workshop_they_do_not_lead(client, feedback):
    feedback.workshop.moderators.clear()
    client.force_login(feedback.moderator)
    assert client.get(results_url(feedback)).status_code == 200


def test_the_organisers_results_page(client, feedback):
    answer_as(feedback.participant, feedback, 2)
    client.force_login(feedback.organiser)
    page = client.get(reverse("staff_feedback", args=[feedback.congress.slug])).content.decode()
    assert "Épiceries solidaires" in page and "Habitat inclusif" in page
    assert "2,0" in page


def test_the_organisers_question_page_adds_moves_hides_and_removes(client, feedback):
    client.force_login(feedback.organiser)
    url = reverse("staff_survey_questions", args=[feedback.congress.slug])
    for label in ("Première", "Seconde"):
        response = client.post(
            url,
            {
                "action": "add",
                "question-label": label,
                "question-kind": "short_text",
                "question-scope": "both",
            },
        )
        assert response.status_code == 302
    first, second = SurveyQuestion.objects.all()

    def act(q, action):
        path = reverse("staff_survey_question_action", args=[feedback.congress.slug, q.pk])
        return client.post(path, {"action": action})

    act(second, "up")
    assert [q.label for q in SurveyQuestion.objects.all()] == ["Seconde", "Première"]
    listed = client.get(url).content.decode()
    assert listed.index('<th scope="row">Seconde') < listed.index('<th scope="row">Première')
    act(second, "down")
    act(first, "hide")
    assert SurveyQuestion.objects.get(pk=first.pk).is_hidden is True
    act(first, "show")
    assert SurveyQuestion.objects.get(pk=first.pk).is_hidden is False
    act(first, "nonsense")
    act(first, "remove")
    assert [q.label for q in SurveyQuestion.objects.all()] == ["Seconde"]
    answer_as(feedback.participant, feedback, answers={second.pk: "Oui"})
    response = act(second, "remove")
    assert response.status_code == 302
    assert SurveyQuestion.objects.filter(pk=second.pk).exists()
    page = client.get(url).content.decode()
    assert plain("Cette question a déjà des réponses : vous pouvez seulement la masquer.") in plain(
        page
    )
    assert 'value="remove"' not in page


def test_the_question_page_refuses_bad_input_and_saves_dates(client, feedback):
    client.force_login(feedback.organiser)
    url = reverse("staff_survey_questions", args=[feedback.congress.slug])
    bad = client.post(url, {"action": "add", "question-label": "", "question-kind": "choice"})
    assert bad.status_code == 400
    assert client.post(url, {"action": "other"}).status_code == 400
    assert (
        client.post(url, {"action": "dates", "dates-sessions_close_at": "demain"}).status_code
        == 400
    )
    assert SurveyQuestion.objects.count() == 0
    response = client.post(url, {"action": "dates", "dates-edition_closes_at": "2030-03-01T18:00"})
    assert response.status_code == 302
    assert 'value="2030-03-01T18:00"' in client.get(url).content.decode()


def test_the_dashboard_sums_up_the_answers(client, feedback):
    client.force_login(feedback.organiser)
    url = reverse("report_dashboard", args=[feedback.congress.slug])
    assert "Aucune réponse aux questionnaires pour l’instant" in client.get(url).content.decode()
    answer_as(feedback.participant, feedback, 5)
    answer_as(signed_up(feedback.workshop), feedback, 2)
    services.survey_answer(
        user=feedback.participant, congress=feedback.congress, rating=4, answers={}
    )
    page = client.get(url).content.decode()
    block = page[page.index('id="feedback-summary"') :]
    assert '<span class="value">2</span> <span class="label">réponses aux questionnaires' in block
    assert '<span class="value">1</span> <span class="label">atelier évalué</span>' in block
    assert '<span class="value">3,5</span>' in block
    assert (
        '<span class="value">1</span> <span class="label">réponse au questionnaire du congrès'
        in block
    )


def test_answering_the_edition_survey(client, feedback):
    client.force_login(feedback.participant)
    page = client.get(survey_url(feedback, None)).content.decode()
    assert "Votre avis sur le congrès" in page
    assert client.post(survey_url(feedback, None), {"rating": "3"}).status_code == 302
    assert SurveyResponse.objects.get().session is None
    client.force_login(feedback.moderator)
    assert client.get(survey_url(feedback, None)).status_code == 403


def test_moderators_do_not_reach_the_organisers_pages(client, feedback):
    client.force_login(feedback.moderator)
    for name in ("staff_feedback", "staff_survey_questions"):
        assert client.get(reverse(name, args=[feedback.congress.slug])).status_code == 403


def test_every_kind_of_question_is_asked_and_stored(client, feedback):
    short = question(feedback.congress, QuestionKind.SHORT_TEXT, label="En un mot")
    long = question(feedback.congress, QuestionKind.LONG_TEXT, label="En détail")
    rating = question(feedback.congress, QuestionKind.RATING, label="Le lieu")
    client.force_login(feedback.participant)
    page = client.get(survey_url(feedback)).content.decode()
    assert f'name="q_{short.pk}"' in page and "<textarea" in page
    assert f'name="q_{rating.pk}" value="5"' in page
    data = {
        "rating": "4",
        f"q_{short.pk}": "Riche",
        f"q_{long.pk}": "Très riche",
        f"q_{rating.pk}": "2",
    }
    assert client.post(survey_url(feedback), data).status_code == 302
    stored = {
        a.question.label: (a.text, a.rating)
        for a in SurveyAnswer.objects.select_related("question")
    }
    assert stored == {
        "En un mot": ("Riche", None),
        "En détail": ("Très riche", None),
        "Le lieu": ("", 2),
    }
