"""Surveys after each workshop and after the congress: the organisers' questions, the
anonymous answers and, apart from them, the record that a person has answered.

An answer (``SurveyResponse``) names no person and carries no time; its key is a random UUID, so
neither its key nor a timestamp can be matched with the ``SurveyParticipation`` row written in
the same transaction. The participation says only « this person has answered this survey »: its
unique constraints make « once per person » hold in the database. Registered under the ``tracks``
app label (imported by tracks/models.py); sessions are named by string to keep the import one
way."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.editions.models import Congress

RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Texte court")
    LONG_TEXT = "long_text", _("Texte long")
    CHOICE = "choice", _("Choix unique")
    RATING = "rating", _("Note de 1 à 5")


class QuestionScope(models.TextChoices):
    BOTH = "both", _("Après chaque atelier et après le congrès")
    SESSION = "session", _("Après chaque atelier")
    EDITION = "edition", _("Après le congrès")


class SurveySettings(models.Model):
    """When an edition's surveys close (empty: 30 days after they open)."""

    congress = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="survey_settings"
    )
    sessions_close_at = models.DateTimeField(
        _("clôture des questionnaires d'atelier"),
        null=True,
        blank=True,
        help_text=_("Laisser vide : 30 jours après la fin de chaque atelier."),
    )
    edition_closes_at = models.DateTimeField(
        _("clôture du questionnaire du congrès"),
        null=True,
        blank=True,
        help_text=_("Laisser vide : 30 jours après le dernier jour du congrès."),
    )

    class Meta:
        verbose_name = _("réglages des questionnaires")
        verbose_name_plural = _("réglages des questionnaires")

    def __str__(self):
        return str(self.congress)


class SurveyQuestion(models.Model):
    """A question the organisers add to the surveys of their edition."""

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="survey_questions"
    )
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("type de réponse"), max_length=12, choices=QuestionKind.choices)
    options = models.TextField(
        _("choix proposés"), blank=True, help_text=_("Pour un choix unique : un choix par ligne.")
    )
    scope = models.CharField(
        _("posée"), max_length=8, choices=QuestionScope.choices, default=QuestionScope.BOTH
    )
    required = models.BooleanField(_("réponse obligatoire"), default=False)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_hidden = models.BooleanField(_("masquée"), default=False)

    class Meta:
        verbose_name = _("question de questionnaire")
        verbose_name_plural = _("questions de questionnaire")
        ordering = ["congress", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in QuestionKind]), name="question_valid_kind"
            ),
            models.CheckConstraint(
                condition=Q(scope__in=[s.value for s in QuestionScope]),
                name="question_valid_scope",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        if self.kind == QuestionKind.CHOICE and len(set(self.option_list)) < 2:
            raise ValidationError({"options": _("Un choix unique demande au moins deux choix.")})
        if self.kind != QuestionKind.CHOICE and self.option_list:
            raise ValidationError(
                {"options": _("Seul un choix unique propose des choix : videz ce champ.")}
            )


class SurveyResponse(models.Model):
    """One anonymous answer to a survey: a workshop's (session set) or the edition's."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="survey_responses"
    )
    session = models.ForeignKey(
        "tracks.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    rating = models.PositiveSmallIntegerField(_("note"), validators=RATING_VALIDATORS)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("réponse à un questionnaire")
        verbose_name_plural = _("réponses aux questionnaires")
        ordering = ["id"]  # random: the order of answers says nothing of who answered when
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="response_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return str(self.id)


class SurveyAnswer(models.Model):
    """The answer of one response to one organiser's question."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: a question with answers is hidden, never deleted.
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("réponse"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("note"), null=True, blank=True, validators=RATING_VALIDATORS
    )

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="answer_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.question} – {self.text or self.rating}"


class SurveyParticipation(models.Model):
    """That a person has answered a survey, and nothing of what they answered."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_participations"
    )
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        "tracks.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("participation à un questionnaire")
        verbose_name_plural = _("participations aux questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"],
                condition=Q(session__isnull=False),
                name="survey_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["user", "congress"],
                condition=Q(session__isnull=True),
                name="survey_once_per_edition",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.session or self.congress}"


__all__ = [
    "QuestionKind",
    "QuestionScope",
    "SurveyAnswer",
    "SurveyParticipation",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveySettings",
]
