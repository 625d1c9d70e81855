"""What the workshop proposals' review and the calls for projects' jury share: an assessment
holding its weighted mean, and one score from 0 to 5 per criterion (abstract models: each
concrete model keeps its own table, relations and named constraints)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_SCORE = 5


class WeightedAssessment(models.Model):
    """One assessor's assessment of one item: the weighted mean of the criteria's scores."""

    weighted_score = models.DecimalField(
        _("note pondérée"), max_digits=4, decimal_places=2, default=0
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CriterionScore(models.Model):
    """The score (0 to 5) an assessment gives one criterion."""

    score = models.PositiveSmallIntegerField(
        _("note (0 à 5)"), validators=[MaxValueValidator(MAX_SCORE)]
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"
