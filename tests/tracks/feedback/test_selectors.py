"""Reads: who may answer, which surveys are open for a person, the results' figures."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import SessionFactory, SessionTypeFactory, UserFactory
from tests.spaces import plain
from tests.tracks.feedback.conftest import question, signed_up
from tracks.feedback import selectors, services
from tracks.feedback.models import QuestionKind, QuestionScope, SurveyAnswer
from tracks.feedback.permissions import (
    can_answer_edition_survey,
    can_answer_session_survey,
    can_read_session_results,
)
from tracks.feedback.windows import session_window
from tracks.models import WorkshopSignup

pytestmark = pytest.mark.django_db


def test_anonymous_and_inactive_people_neither_answer_nor_read(feedback):
    inactive = feedback.moderator
    inactive.is_active = False
    for user in (AnonymousUser(), inactive):
        assert can_answer_session_survey(user, feedback.workshop) is False
        assert can_answer_edition_survey(user, feedback.congress) is False
        assert can_read_session_results(user, feedback.workshop) is False
        assert selectors.open_surveys(user, feedback.congress) == []


def test_a_session_without_sign_up_has_no_survey(feedback):
    plenary = SessionFactory(
        congress=feedback.congress,
        session_type=SessionTypeFactory(congress=feedback.congress, is_workshop=False),
    )
    WorkshopSignup.objects.create(session=plenary, user=feedback.participant)
    assert can_answer_session_survey(feedback.participant, plenary) is False
    urls = [s.url for s in selectors.open_surveys(feedback.participant, feedback.congress)]
    assert reverse("survey_session", args=[feedback.congress.slug, plenary.pk]) not in urls


def test_a_workshop_without_a_track_is_read_by_its_moderators_and_organisers(feedback):
    feedback.workshop.track = None
    feedback.workshop.save()
    assert can_read_session_results(feedback.moderator, feedback.workshop) is True
    feedback.workshop.moderators.clear()
    assert can_read_session_results(feedback.moderator, feedback.workshop) is False
    assert can_read_session_results(feedback.organiser, feedback.workshop) is True


def test_open_surveys_follow_the_windows_and_the_answers(feedback):
    person = feedback.participant
    found = selectors.open_surveys(person, feedback.congress)
    assert [(s.session, s.congress) for s in found] == [
        (feedback.workshop, feedback.congress),
        (None, feedback.congress),
    ]
    # Closed: nothing left to answer.
    later = feedback.workshop.ends_at + timedelta(days=40)
    assert selectors.open_surveys(person, feedback.congress, now=later) == []
    # Answered: gone.
    services.survey_answer(user=person, congress=feedback.congress, rating=4, answers={})
    found = selectors.open_surveys(person, feedback.congress)
    assert [s.session for s in found] == [feedback.workshop]
    # Without an edition given: every edition held in the last year (the account page).
    assert [s.session for s in selectors.open_surveys(person)] == [feedback.workshop]


def test_the_edition_survey_is_offered_only_to_confirmed_registrations(feedback):
    stranger = UserFactory()
    assert selectors.open_surveys(stranger, feedback.congress) == []


def test_results_count_average_and_distribute(feedback):
    choice = question(
        feedback.congress, QuestionKind.CHOICE, label="Durée", options="Courte\nBonne"
    )
    rating = question(feedback.congress, QuestionKind.RATING, label="Animation")
    text = question(feedback.congress, label="Idée")
    question(feedback.congress, label="Du congrès", scope=QuestionScope.EDITION)
    people = [feedback.participant, signed_up(feedback.workshop), signed_up(feedback.workshop)]
    for person, overall, duration, note in zip(
        people, [5, 4, 2], ["Bonne", "Bonne", ""], ["5", "3", ""], strict=True
    ):
        services.survey_answer(
            user=person, congress=feedback.congress, session=feedback.workshop, rating=overall,
            comment="", answers={choice.pk: duration, rating.pk: note, text.pk: f"idée {overall}"},
        )  # fmt: skip
    # An answer left by an option since removed from the list still counts, after the others.
    first = SurveyAnswer.objects.filter(question=choice, text="Bonne").order_by("pk").first()
    SurveyAnswer.objects.filter(pk=first.pk).update(text="Ancienne")
    results = selectors.session_results(feedback.workshop)
    assert (results.count, results.average, results.show_texts) == (3, 3.7, True)
    assert results.distribution == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1)]
    assert results.comments == []
    by_label = {q.question.label: q for q in results.questions}
    assert list(by_label) == ["Durée", "Animation", "Idée"]
    assert by_label["Durée"].distribution == [("Courte", 0), ("Bonne", 1), ("Ancienne", 1)]
    assert (by_label["Animation"].count, by_label["Animation"].average) == (2, 4.0)
    assert by_label["Idée"].texts == ["idée 2", "idée 4", "idée 5"]


def test_hidden_questions_show_only_when_they_were_answered(feedback):
    hidden = question(feedback.congress, label="Jamais posée", is_hidden=True)
    results = selectors.session_results(feedback.workshop)
    assert [q.question for q in results.questions] == []
    assert results.average is None
    assert hidden.is_hidden is True


def test_edition_results_and_the_summary(feedback):
    services.survey_answer(
        user=feedback.participant, congress=feedback.congress, rating=3, answers={}
    )
    services.survey_answer(
        user=feedback.participant,
        congress=feedback.congress,
        session=feedback.workshop,
        rating=5,
        answers={},
    )
    assert selectors.edition_results(feedback.congress).count == 1
    summary = selectors.feedback_summary(feedback.congress)
    assert (summary.workshop_answers, summary.workshop_average, summary.workshops_answered) == (
        1,
        5.0,
        1,
    )
    assert (summary.edition_answers, summary.edition_average, summary.is_empty) == (1, 3.0, False)
    rows = {
        w.title: (w.signup_count, w.answer_count)
        for w in selectors.workshops_with_feedback(feedback.congress)
    }
    assert rows == {"Épiceries solidaires": (1, 1), "Habitat inclusif": (0, 0)}


def test_a_double_submit_that_passed_the_check_is_refused_by_the_constraint(feedback, monkeypatch):
    services.survey_answer(
        user=feedback.participant, congress=feedback.congress, rating=3, answers={}
    )
    monkeypatch.setattr(selectors, "has_answered", lambda *args: False)  # as in a race
    with pytest.raises(ValidationError) as error:
        services.survey_answer(
            user=feedback.participant, congress=feedback.congress, rating=1, answers={}
        )
    assert plain(error.value.messages) == plain(
        ["Vous avez déjà répondu à ce questionnaire : merci !"]
    )
    assert selectors.edition_results(feedback.congress).distribution[0] == (1, 0)


def test_window_states(feedback):
    settings = None
    window = session_window(feedback.workshop, settings)
    assert window.state(feedback.workshop.ends_at - timedelta(seconds=1)) == "upcoming"
    assert window.state(feedback.workshop.ends_at) == "open"
    assert window.state(timezone.now() + timedelta(days=60)) == "closed"
