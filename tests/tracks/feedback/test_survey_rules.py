"""Rules of surveys beyond the main paths: the exact refusals (with the opening and closing dates
in French), every rating accepted, the scope of the questions asked, the order of the organisers'
questions and the settings they save."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tests.tracks.feedback.conftest import answer, question
from tracks.feedback import services
from tracks.feedback.models import (
    QuestionKind,
    QuestionScope,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveySettings,
)
from tracks.models import Session

pytestmark = pytest.mark.django_db


def refusal(setting, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as error:
        answer(setting, **kwargs)
    return plain(error.value.messages)


def forbidden(setting, **kwargs) -> str:
    with pytest.raises(PermissionDenied) as error:
        answer(setting, **kwargs)
    return str(error.value)


def paris(*args):
    return timezone.make_aware(datetime(*args))


# --- answering ----------------------------------------------------------------------------------


def test_the_window_refusals_give_the_dates_in_french(feedback):
    ends = paris(2026, 5, 4, 17, 30)
    Session.objects.filter(pk=feedback.workshop.pk).update(
        starts_at=ends - timedelta(hours=2), ends_at=ends
    )
    feedback.workshop.refresh_from_db()
    assert refusal(feedback, now=ends - timedelta(minutes=1)) == [
        "Ce questionnaire ouvrira le 4 mai 2026 à 17:30."
    ]
    assert refusal(feedback, now=ends + timedelta(days=31)) == [
        "Ce questionnaire est clos depuis le 3 juin 2026 à 17:30."
    ]
    assert SurveyResponse.objects.count() == 0


def test_each_refusal_to_answer_says_why(feedback):
    assert forbidden(feedback, session="other_workshop") == (
        "Seules les personnes inscrites à l'atelier y répondent."
    )
    assert forbidden(feedback, user=UserFactory(), session=None) == (
        "Seules les personnes inscrites au congrès y répondent."
    )
    with pytest.raises(ValidationError) as error:
        services.survey_answer(
            user=feedback.participant, congress=CongressFactory(), session=feedback.workshop,
            rating=3, answers={},
        )  # fmt: skip
    assert plain(error.value.messages) == ["Cet atelier n'appartient pas à cette édition."]
    assert refusal(feedback, rating=0) == ["Choisissez une note de 1 à 5."]
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize("rating", [1, 2, 3, 4, 5])
def test_every_rating_from_one_to_five_is_accepted(feedback, rating):
    note = question(feedback.congress, QuestionKind.RATING, label="Animation")
    response = answer(feedback, rating=rating, answers={note.pk: f" {rating} "})
    assert response.rating == rating
    assert SurveyAnswer.objects.get().rating == rating


def test_an_optional_question_left_out_stores_no_answer(feedback):
    optional = question(feedback.congress, label="Remarque libre")
    other = question(feedback.congress, QuestionKind.LONG_TEXT, label="Autre remarque")
    answer(feedback, answers={optional.pk: None, other.pk: "   "})
    assert SurveyAnswer.objects.count() == 0
    assert SurveyResponse.objects.count() == 1


def test_a_text_answer_is_stored_trimmed(feedback):
    text = question(feedback.congress, label="Ce que vous retenez")
    answer(feedback, comment="  Merci  ", answers={text.pk: "  Les circuits courts  "})
    stored = SurveyAnswer.objects.get()
    assert (stored.text, stored.rating, stored.response.comment) == (
        "Les circuits courts",
        None,
        "Merci",
    )


def test_a_choice_must_be_one_of_the_options(feedback):
    choice = question(feedback.congress, QuestionKind.CHOICE, label="Format", options="Court\nLong")
    assert refusal(feedback, answers={choice.pk: "Moyen"}) == [
        "« Format » : choisissez l'un des choix proposés."
    ]
    answer(feedback, answers={choice.pk: "Long"})
    assert SurveyAnswer.objects.get().text == "Long"


def test_each_survey_asks_its_own_questions(feedback):
    for_workshops = question(feedback.congress, scope=QuestionScope.SESSION, label="Atelier")
    for_edition = question(feedback.congress, scope=QuestionScope.EDITION, label="Édition")
    assert refusal(feedback, session=None, answers={for_workshops.pk: "x"}) == [
        "Une des questions n'appartient pas à ce questionnaire."
    ]
    answer(feedback, session=None, answers={for_edition.pk: "Bien"})
    answer(feedback, answers={for_workshops.pk: "Concret"})
    assert sorted(SurveyAnswer.objects.values_list("question__label", "response__session")) == [
        ("Atelier", feedback.workshop.pk),
        ("Édition", None),
    ]


def test_a_required_question_of_the_other_survey_is_not_asked(feedback):
    question(feedback.congress, scope=QuestionScope.EDITION, label="Bilan", required=True)
    assert answer(feedback).session == feedback.workshop


# --- the organisers' questions ------------------------------------------------------------------


def add(setting, label, **fields):
    fields.setdefault("kind", QuestionKind.SHORT_TEXT)
    fields.setdefault("scope", QuestionScope.BOTH)
    fields.setdefault("required", False)
    return services.question_add(
        congress=setting.congress, by=setting.organiser, label=label, **fields
    )


def orders(congress):
    return list(
        SurveyQuestion.objects.filter(congress=congress).values_list("label", "order", "required")
    )


def test_questions_are_numbered_from_zero_in_the_order_added(feedback):
    add(feedback, "Première", required=True)
    add(feedback, "Seconde", options=" ", scope=QuestionScope.EDITION)
    add(feedback, "Troisième")
    assert orders(feedback.congress) == [
        ("Première", 0, True),
        ("Seconde", 1, False),
        ("Troisième", 2, False),
    ]
    assert list(SurveyQuestion.objects.values_list("scope", flat=True)) == [
        QuestionScope.BOTH,
        QuestionScope.EDITION,
        QuestionScope.BOTH,
    ]


def test_moving_renumbers_the_questions(feedback):
    a, b, c = (question(feedback.congress, label=x) for x in "ABC")
    SurveyQuestion.objects.filter(pk=a.pk).update(order=5)
    SurveyQuestion.objects.filter(pk=b.pk).update(order=7)
    SurveyQuestion.objects.filter(pk=c.pk).update(order=9)
    services.question_move(question=b, by=feedback.organiser, up=False)
    assert [(q[0], q[1]) for q in orders(feedback.congress)] == [("A", 0), ("C", 1), ("B", 2)]
    services.question_move(question=b, by=feedback.organiser, up=True)
    assert [(q[0], q[1]) for q in orders(feedback.congress)] == [("A", 0), ("B", 1), ("C", 2)]


def test_refusals_to_others_than_organisers_say_why(feedback):
    with pytest.raises(PermissionDenied) as error:
        services.question_add(
            congress=feedback.congress, by=feedback.moderator, label="X",
            kind=QuestionKind.SHORT_TEXT, scope=QuestionScope.BOTH, required=False,
        )  # fmt: skip
    assert str(error.value) == "Seuls les organisateurs de l'édition gèrent les questionnaires."


def test_hiding_a_question_changes_only_that(feedback):
    existing = question(feedback.congress, label="Ancienne")
    SurveyQuestion.objects.filter(pk=existing.pk).update(label="Renommée entre-temps")
    hidden = services.question_set_hidden(question=existing, by=feedback.organiser, hidden=True)
    assert hidden.is_hidden is True
    assert SurveyQuestion.objects.values_list("label", "is_hidden").get() == (
        "Renommée entre-temps",
        True,
    )


def test_an_answer_without_a_comment_stores_an_empty_comment(feedback):
    services.survey_answer(
        user=feedback.participant, congress=feedback.congress, session=feedback.workshop,
        rating=4, answers={},
    )  # fmt: skip
    assert SurveyResponse.objects.get().comment == ""


def test_the_settings_store_both_closing_dates(feedback):
    sessions, edition = paris(2026, 5, 1, 12, 0), paris(2026, 6, 1, 12, 0)
    settings = services.survey_settings_save(
        congress=feedback.congress, by=feedback.organiser, sessions_close_at=sessions,
        edition_closes_at=edition,
    )  # fmt: skip
    stored = SurveySettings.objects.get()
    assert (stored, stored.congress, stored.sessions_close_at, stored.edition_closes_at) == (
        settings,
        feedback.congress,
        sessions,
        edition,
    )
    services.survey_settings_save(
        congress=feedback.congress, by=feedback.organiser, sessions_close_at=None,
        edition_closes_at=None,
    )  # fmt: skip
    assert SurveySettings.objects.values_list("sessions_close_at", "edition_closes_at").get() == (
        None,
        None,
    )
