"""Who answers a survey and who reads its results, beyond the main paths: an inactive account
that signed up answers nothing; a workshop's results are read by its own moderators, its
track's moderators and the organisers, never by another track's moderator; only organisers
manage the questions."""

import pytest

from tests.factories import UserFactory
from tests.tracks.feedback.conftest import signed_up
from tracks.feedback.permissions import (
    can_answer_edition_survey,
    can_answer_session_survey,
    can_manage_surveys,
    can_read_session_results,
)

pytestmark = pytest.mark.django_db


def test_an_inactive_account_signed_up_answers_no_survey(feedback):
    person = feedback.participant
    assert can_answer_session_survey(person, feedback.workshop) is True
    assert can_answer_edition_survey(person, feedback.congress) is True
    person.is_active = False
    assert can_answer_session_survey(person, feedback.workshop) is False
    assert can_answer_edition_survey(person, feedback.congress) is False


def test_a_workshop_survey_is_answered_by_those_signed_up_to_that_workshop(feedback):
    assert can_answer_session_survey(feedback.participant, feedback.other_workshop) is False
    other = signed_up(feedback.other_workshop, name="Olivier Autre-Atelier")
    assert can_answer_session_survey(other, feedback.other_workshop) is True
    assert can_answer_session_survey(other, feedback.workshop) is False


def test_who_reads_a_workshop_s_results(feedback):
    workshop = feedback.workshop
    assert can_read_session_results(feedback.organiser, workshop) is True
    assert can_read_session_results(feedback.moderator, workshop) is True
    assert can_read_session_results(feedback.other_moderator, workshop) is False
    assert can_read_session_results(feedback.participant, workshop) is False
    # a moderator of the track who does not lead this workshop
    assert can_read_session_results(feedback.other_moderator, feedback.other_workshop) is True
    # a person leading the workshop only, without a role on its track
    guest = UserFactory(full_name="Gaston Invité-Animateur")
    workshop.moderators.add(guest)
    assert can_read_session_results(guest, workshop) is True


def test_only_organisers_manage_the_questions(feedback):
    assert can_manage_surveys(feedback.organiser, feedback.congress) is True
    for someone in (feedback.moderator, feedback.participant, UserFactory()):
        assert can_manage_surveys(someone, feedback.congress) is False
