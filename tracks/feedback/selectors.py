"""Reads of the feedback sub-domain: open surveys of a person, questions, results and the
summary the dashboard and the report read."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone

from congress.editions.models import Congress
from congress.registrations.permissions import is_participant
from tracks.feedback.models import (
    QuestionKind,
    QuestionScope,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
    SurveySettings,
)
from tracks.feedback.windows import Window, edition_window, session_window
from tracks.models import Session, WorkshopSignup

# Free texts are shown only from this many answers on, so that no one is recognised by them.
MIN_ANSWERS_FOR_TEXTS = 3


def survey_settings(congress) -> SurveySettings | None:
    return SurveySettings.objects.filter(congress=congress).first()


def survey_questions(congress, scope: str, *, include_hidden: bool = False) -> list:
    """The questions of the workshop (``"session"``) or edition (``"edition"``) surveys."""
    questions = SurveyQuestion.objects.filter(
        congress=congress, scope__in=[QuestionScope.BOTH, scope]
    )
    if not include_hidden:
        questions = questions.filter(is_hidden=False)
    return list(questions)


def has_answered(user, congress, session=None) -> bool:
    participations = SurveyParticipation.objects.filter(user=user, congress=congress)
    if session is None:
        return participations.filter(session__isnull=True).exists()
    return participations.filter(session=session).exists()


# --- a person's open surveys ------------------------------------------------------------------


@dataclass(frozen=True)
class OpenSurvey:
    congress: Congress
    session: Session | None
    window: Window
    url: str


def _open_session_surveys(user, congresses, now) -> list[OpenSurvey]:
    answered = SurveyParticipation.objects.filter(user=user, session__isnull=False).values(
        "session_id"
    )
    signups = (
        WorkshopSignup.objects.filter(
            user=user,
            session__congress__in=congresses,
            session__session_type__is_workshop=True,
            session__ends_at__lte=now,
        )
        .exclude(session_id__in=answered)
        .select_related("session__congress__survey_settings")
        .order_by("session__ends_at", "session__title")
    )
    found = []
    for signup in signups:
        session = signup.session
        settings = getattr(session.congress, "survey_settings", None)
        window = session_window(session, settings)
        if window.state(now) == "open":
            url = reverse("survey_session", args=[session.congress.slug, session.pk])
            found.append(OpenSurvey(session.congress, session, window, url))
    return found


def open_surveys(user, congress: Congress | None = None, *, now=None) -> list[OpenSurvey]:
    """The surveys the person may answer now and has not answered: of one edition, or (account
    page) of every edition held in the last year."""
    if not user.is_authenticated or not user.is_active:
        return []
    now = now or timezone.now()
    if congress is not None:
        congresses = [congress]
    else:
        today = timezone.localdate(now)
        congresses = list(
            Congress.objects.exclude(status="draft").filter(
                start_date__lte=today, end_date__gte=today - timedelta(days=366)
            )
        )
    found = _open_session_surveys(user, congresses, now)
    answered = set(
        SurveyParticipation.objects.filter(
            user=user, session__isnull=True, congress__in=congresses
        ).values_list("congress_id", flat=True)
    )
    for edition in congresses:
        if edition.pk in answered:
            continue
        window = edition_window(edition, survey_settings(edition))
        if window.state(now) == "open" and is_participant(user, edition):
            url = reverse("survey_edition", args=[edition.slug])
            found.append(OpenSurvey(edition, None, window, url))
    return found


# --- results ------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: SurveyQuestion
    count: int = 0
    average: float | None = None
    distribution: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class SurveyResults:
    count: int
    average: float | None
    distribution: list[tuple[int, int]]
    show_texts: bool
    comments: list[str]
    questions: list[QuestionResult]
    min_answers_for_texts: int = MIN_ANSWERS_FOR_TEXTS


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _question_result(question, answers, show_texts: bool) -> QuestionResult:
    result = QuestionResult(question, count=len(answers))
    if question.kind == QuestionKind.RATING:
        ratings = [a.rating for a in answers]
        result.average = _average(ratings)
        result.distribution = [(str(n), ratings.count(n)) for n in range(1, 6)]
    elif question.kind == QuestionKind.CHOICE:
        texts = [a.text for a in answers]
        options = question.option_list + sorted(set(texts) - set(question.option_list))
        result.distribution = [(option, texts.count(option)) for option in options]
    elif show_texts:
        result.texts = sorted(a.text for a in answers)
    return result


def _results(responses, questions) -> SurveyResults:
    responses = list(responses.prefetch_related("answers"))
    ratings = [r.rating for r in responses]
    show_texts = len(responses) >= MIN_ANSWERS_FOR_TEXTS
    by_question: dict[int, list] = {}
    for response in responses:
        for answer in response.answers.all():
            by_question.setdefault(answer.question_id, []).append(answer)
    shown = [q for q in questions if not q.is_hidden or q.pk in by_question]
    return SurveyResults(
        count=len(responses),
        average=_average(ratings),
        distribution=[(n, ratings.count(n)) for n in range(1, 6)],
        show_texts=show_texts,
        # Sorted, not in the order of answering: the list says nothing of who wrote when.
        comments=sorted(r.comment for r in responses if r.comment) if show_texts else [],
        questions=[_question_result(q, by_question.get(q.pk, []), show_texts) for q in shown],
    )


def session_results(session) -> SurveyResults:
    questions = survey_questions(session.congress, "session", include_hidden=True)
    return _results(SurveyResponse.objects.filter(session=session), questions)


def edition_results(congress) -> SurveyResults:
    questions = survey_questions(congress, "edition", include_hidden=True)
    responses = SurveyResponse.objects.filter(congress=congress, session__isnull=True)
    return _results(responses, questions)


def workshops_with_feedback(congress) -> list[Session]:
    """The edition's workshops with their number of sign-ups and answers and average rating."""
    return list(
        Session.objects.of_congress(congress)
        .workshops()
        .select_related("track", "room")
        .annotate(
            signup_count=Count("signups", distinct=True),
            answer_count=Count("survey_responses", distinct=True),
            average_rating=Avg("survey_responses__rating"),
        )
        .order_by("starts_at", "title")
    )


@dataclass(frozen=True)
class FeedbackSummary:
    workshop_answers: int
    workshop_average: float | None
    workshops_answered: int
    edition_answers: int
    edition_average: float | None

    @property
    def is_empty(self) -> bool:
        return not (self.workshop_answers or self.edition_answers)


def feedback_summary(congress) -> FeedbackSummary:
    """The figures of the dashboard's block and of the report's annex (two queries)."""
    workshops = SurveyResponse.objects.filter(congress=congress, session__isnull=False).aggregate(
        n=Count("pk"), avg=Avg("rating"), sessions=Count("session", distinct=True)
    )
    edition = SurveyResponse.objects.filter(congress=congress, session__isnull=True).aggregate(
        n=Count("pk"), avg=Avg("rating")
    )
    return FeedbackSummary(
        workshop_answers=workshops["n"],
        workshop_average=None if workshops["avg"] is None else round(workshops["avg"], 1),
        workshops_answered=workshops["sessions"],
        edition_answers=edition["n"],
        edition_average=None if edition["avg"] is None else round(edition["avg"], 1),
    )


def questions_with_answer_counts(congress) -> list[SurveyQuestion]:
    """All the edition's questions, hidden ones too, with their number of answers."""
    return list(
        SurveyQuestion.objects.filter(congress=congress)
        .annotate(answer_count=Count("answers"))
        .order_by("order", "pk")  # an aggregate query drops Meta.ordering
    )
