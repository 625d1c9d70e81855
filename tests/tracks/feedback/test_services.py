"""Answering a survey: once per person, only the signed-up, only while open, only its questions;
the answer is stored without the person."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import CongressFactory, UserFactory, make_participant
from tests.spaces import plain
from tests.tracks.feedback.conftest import answer, question, signed_up
from tracks.feedback import services
from tracks.feedback.models import (
    QuestionKind,
    QuestionScope,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
    SurveySettings,
)

pytestmark = pytest.mark.django_db


def test_survey_answer_stores_the_answer_without_the_person(feedback):
    text = question(feedback.congress, label="Ce que vous retenez")
    choice = question(
        feedback.congress, QuestionKind.CHOICE, label="Format", options="Trop court\nBien"
    )
    rating = question(feedback.congress, QuestionKind.RATING, label="Animation")
    response = answer(
        feedback,
        rating=5,
        comment="  Très concret.  ",
        answers={text.pk: "Les circuits courts", choice.pk: "Bien", rating.pk: "4"},
    )
    response.refresh_from_db()
    assert (response.rating, response.comment, response.session) == (
        5,
        "Très concret.",
        feedback.workshop,
    )
    stored = {a.question_id: (a.text, a.rating) for a in response.answers.all()}
    assert stored == {
        text.pk: ("Les circuits courts", None),
        choice.pk: ("Bien", None),
        rating.pk: ("", 4),
    }
    assert [f.name for f in SurveyResponse._meta.get_fields() if f.is_relation] == [
        "answers",
        "congress",
        "session",
    ]
    participation = SurveyParticipation.objects.get()
    assert (participation.user, participation.session) == (feedback.participant, feedback.workshop)


def test_survey_answer_twice_is_refused(feedback):
    answer(feedback)
    with pytest.raises(ValidationError) as error:
        answer(feedback, rating=1)
    assert plain(error.value.messages) == plain(
        ["Vous avez déjà répondu à ce questionnaire : merci !"]
    )
    assert SurveyResponse.objects.count() == 1


def test_survey_answer_of_a_workshop_not_signed_up_to_is_refused(feedback):
    with pytest.raises(PermissionDenied):
        answer(feedback, session="other_workshop")
    assert SurveyResponse.objects.count() == 0


def test_survey_answer_by_an_inactive_account_is_refused(feedback):
    feedback.participant.is_active = False
    with pytest.raises(PermissionDenied):
        answer(feedback)


def test_survey_answer_before_the_workshop_ends_is_refused(feedback):
    during = feedback.workshop.ends_at - timedelta(minutes=5)
    with pytest.raises(ValidationError) as error:
        answer(feedback, now=during)
    assert error.value.messages[0].startswith("Ce questionnaire ouvrira le ")
    assert SurveyResponse.objects.count() == 0


def test_survey_answer_after_it_closes_is_refused(feedback):
    with pytest.raises(ValidationError) as error:
        answer(feedback, now=feedback.workshop.ends_at + timedelta(days=30, seconds=1))
    assert error.value.messages[0].startswith("Ce questionnaire est clos depuis le ")


def test_survey_answer_follows_the_closing_date_set_by_organisers(feedback):
    services.survey_settings_save(
        congress=feedback.congress,
        by=feedback.organiser,
        sessions_close_at=feedback.workshop.ends_at + timedelta(days=60),
        edition_closes_at=None,
    )
    answer(feedback, now=feedback.workshop.ends_at + timedelta(days=45))
    assert SurveyResponse.objects.count() == 1


def test_survey_answer_with_a_question_of_another_survey_is_refused(feedback):
    elsewhere = question(CongressFactory(), label="Question d'une autre édition")
    edition_only = question(feedback.congress, scope=QuestionScope.EDITION)
    for forged in (elsewhere, edition_only):
        with pytest.raises(ValidationError) as error:
            answer(feedback, answers={forged.pk: "forgé"})
        assert error.value.messages == ["Une des questions n'appartient pas à ce questionnaire."]
    assert (SurveyResponse.objects.count(), SurveyParticipation.objects.count()) == (0, 0)


def test_survey_answer_of_a_session_of_another_edition_is_refused(feedback):
    with pytest.raises(ValidationError):
        services.survey_answer(
            user=feedback.participant,
            congress=CongressFactory(),
            session=feedback.workshop,
            rating=3,
            answers={},
        )


@pytest.mark.parametrize("rating", [0, 6])
def test_survey_answer_rating_out_of_range_is_refused(feedback, rating):
    with pytest.raises(ValidationError):
        answer(feedback, rating=rating)


def test_survey_answer_checks_each_answer(feedback):
    required = question(feedback.congress, label="Obligatoire", required=True)
    choice = question(feedback.congress, QuestionKind.CHOICE, label="Choix", options="A\nB")
    rating = question(feedback.congress, QuestionKind.RATING, label="Note")
    cases = [
        ({}, "Répondez à la question « Obligatoire »."),
        ({required.pk: "oui", choice.pk: "C"}, "« Choix » : choisissez l'un des choix proposés."),
        ({required.pk: "oui", rating.pk: "9"}, "« Note » : choisissez une note de 1 à 5."),
    ]
    for answers, message in cases:
        with pytest.raises(ValidationError) as error:
            answer(feedback, answers=answers)
        assert plain(error.value.messages) == plain([message])
    answer(feedback, answers={required.pk: "oui", choice.pk: ""})
    assert SurveyAnswer.objects.count() == 1


def test_survey_answer_hidden_questions_are_not_asked(feedback):
    hidden = question(feedback.congress, label="Ancienne", is_hidden=True)
    with pytest.raises(ValidationError):
        answer(feedback, answers={hidden.pk: "x"})


def test_edition_survey_opens_on_the_last_day_for_confirmed_registrations(feedback):
    response = answer(feedback, session=None, rating=3)
    assert (response.session, response.congress) == (None, feedback.congress)
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        answer(feedback, user=stranger, session=None)
    upcoming = CongressFactory()
    person = UserFactory()
    make_participant(person, upcoming)
    with pytest.raises(ValidationError):
        services.survey_answer(user=person, congress=upcoming, rating=4, answers={})
    with pytest.raises(ValidationError):
        answer(feedback, session=None)


def test_edition_survey_closing_date_set_by_organisers(feedback):
    services.survey_settings_save(
        congress=feedback.congress,
        by=feedback.organiser,
        sessions_close_at=None,
        edition_closes_at=timezone.now() - timedelta(hours=1),
    )
    with pytest.raises(ValidationError):
        answer(feedback, session=None)
    assert SurveySettings.objects.get().edition_closes_at is not None


def test_a_workshop_survey_and_the_edition_survey_are_answered_separately(feedback):
    answer(feedback)
    answer(feedback, session=None)
    person = signed_up(feedback.workshop)
    answer(feedback, user=person)
    assert SurveyParticipation.objects.count() == 3
