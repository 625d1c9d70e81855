"""The person's data: which surveys they answered is exported and erased; the answers stay,
naming no one."""

import pytest

from congress.profile import services as profile_services
from tests.factories import TEST_PASSWORD
from tracks.feedback import services
from tracks.feedback.models import SurveyParticipation, SurveyResponse

pytestmark = pytest.mark.django_db


def test_export_and_erasure_of_survey_participations(feedback):
    for session in (feedback.workshop, None):
        services.survey_answer(
            user=feedback.participant,
            congress=feedback.congress,
            session=session,
            rating=4,
            answers={},
        )
    data = profile_services.user_export_data(user=feedback.participant)
    assert sorted(data["tracks"]["surveys_answered"], key=lambda s: s["workshop"] or "") == [
        {"congress": feedback.congress.name, "workshop": None},
        {"congress": feedback.congress.name, "workshop": "Épiceries solidaires"},
    ]
    assert "workshop_signups" in data["tracks"]  # merged with the tracks app's own export
    profile_services.user_delete_account(user=feedback.participant, password=TEST_PASSWORD)
    assert SurveyParticipation.objects.count() == 0
    assert SurveyResponse.objects.count() == 2
