"""The jury's assessments and the proposals' reviews share one abstract scoring base."""

import pytest
from django.core.exceptions import ValidationError

from funding.models import Assessment, AssessmentScore
from proposals.models import Review, ReviewScore
from proposals.scoring import CriterionScore, WeightedAssessment


def test_both_juries_share_the_scoring_base_with_their_own_tables():
    assert issubclass(Assessment, WeightedAssessment) and issubclass(Review, WeightedAssessment)
    assert issubclass(AssessmentScore, CriterionScore) and issubclass(ReviewScore, CriterionScore)
    assert (AssessmentScore._meta.db_table, ReviewScore._meta.db_table) == (
        "funding_assessmentscore",
        "proposals_reviewscore",
    )
    names = {c.name for c in AssessmentScore._meta.constraints}
    assert names == {"assessment_score_unique", "assessment_score_at_most_5"}
    assert {c.name for c in ReviewScore._meta.constraints} == {"score_unique", "score_at_most_5"}


@pytest.mark.parametrize("model", [AssessmentScore, ReviewScore])
def test_a_score_above_5_is_refused_by_the_shared_field(model):
    with pytest.raises(ValidationError) as caught:
        model(score=6).clean_fields(exclude=["assessment", "review", "criterion"])
    assert list(caught.value.message_dict) == ["score"]
    assert str(model(score=4, criterion_id=7)) == "7: 4"
