"""The demo's survey answers: the past edition's workshops and congress, dated in its windows."""

import pytest

from congress.accounts.models import User
from congress.editions.models import Congress
from tracks.feedback.models import SurveyParticipation, SurveyQuestion, SurveyResponse
from tracks.feedback.selectors import MIN_ANSWERS_FOR_TEXTS, session_results


@pytest.mark.django_db
def test_seed_demo_answers_the_2024_surveys(seeded_demo):
    congress = Congress.objects.get(slug="congres-solidarites-2024")
    assert SurveyQuestion.objects.filter(congress=congress).count() == 4
    workshop_answers = SurveyResponse.objects.filter(congress=congress, session__isnull=False)
    edition_answers = SurveyResponse.objects.filter(congress=congress, session__isnull=True)
    assert workshop_answers.count() > 10 and edition_answers.count() > 5
    participant = User.objects.get(email="participant@demo.congres-solidarites.fr")
    answered = SurveyParticipation.objects.filter(user=participant, session__isnull=False)
    assert answered.count() == 1  # of their two workshops: one left unanswered
    counts = {}
    for response in workshop_answers.select_related("session"):
        counts[response.session] = counts.get(response.session, 0) + 1
    busiest = max(counts, key=counts.get)
    assert counts[busiest] >= MIN_ANSWERS_FOR_TEXTS
    assert session_results(busiest).show_texts is True
