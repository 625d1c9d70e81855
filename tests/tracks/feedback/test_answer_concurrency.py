"""A double submit of one survey (two requests at the same moment): one answer is kept, the other
is told « déjà répondu » (PostgreSQL, real threads). Without the unique constraint on the
participation, the same race stores two answers."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from tests.races import widen, without_constraint
from tests.spaces import plain
from tracks.feedback import selectors, services
from tracks.feedback.models import SurveyParticipation, SurveyResponse

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def double_submit(setting, monkeypatch) -> list[str]:
    # Both requests pass the « already answered? » check before either writes.
    widen(monkeypatch, selectors, "survey_questions")
    barrier = threading.Barrier(2)
    outcomes = [None, None]

    def submit(i):
        try:
            barrier.wait()
            services.survey_answer(
                user=setting.participant,
                congress=setting.congress,
                session=setting.workshop,
                rating=4,
                answers={},
            )
            outcomes[i] = "answered"
        except ValidationError as error:
            outcomes[i] = error.messages[0]
        except Exception as exc:  # noqa: BLE001 - reported by the assertion
            outcomes[i] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_a_double_submit_keeps_one_answer(feedback, monkeypatch):
    outcomes = double_submit(feedback, monkeypatch)
    assert sorted(plain(outcomes)) == [
        "Vous avez déjà répondu à ce questionnaire : merci !",
        "answered",
    ]
    assert SurveyResponse.objects.count() == 1
    assert SurveyParticipation.objects.count() == 1


def test_without_the_constraint_the_same_race_stores_two_answers(feedback, monkeypatch):
    with without_constraint(SurveyParticipation, "survey_once_per_session"):
        outcomes = double_submit(feedback, monkeypatch)
        assert outcomes == ["answered", "answered"]
        assert SurveyResponse.objects.count() == 2
