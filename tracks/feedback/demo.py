"""Demo survey answers for the past (2024) edition: the organisers' questions, answers to the
workshops' surveys by part of the people signed up, and to the congress's survey.

The workshops and their sign-ups come from the proposals demo, so its ``seed`` calls
``seed_answers`` once the programme is dated (this module has no ``seed`` of its own). Answers
go through the service with a moment inside each survey's window, computed from the edition's
dates, never from the day the seed runs. The answers are inserted in bulk (three inserts instead
of a dozen queries per answer through ``services.survey_answer``: ~1 400 answers at --scale 3);
each one's moment is still checked against its survey's window."""

import random
from datetime import timedelta

from tracks.feedback import services
from tracks.feedback.models import (
    QuestionKind,
    QuestionScope,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
)
from tracks.feedback.permissions import can_answer_edition_survey
from tracks.feedback.selectors import survey_settings
from tracks.feedback.windows import Window, edition_window, session_window
from tracks.models import Session, WorkshopSignup

QUESTIONS = [
    ("Qu'allez-vous mettre en pratique dans votre structure ?", QuestionKind.LONG_TEXT,
     QuestionScope.SESSION, ""),
    ("La durée de l'atelier était…", QuestionKind.CHOICE, QuestionScope.SESSION,
     "Trop courte\nAdaptée\nTrop longue"),
    ("L'accueil et l'organisation", QuestionKind.RATING, QuestionScope.EDITION, ""),
    ("Comment avez-vous connu le congrès ?", QuestionKind.CHOICE, QuestionScope.EDITION,
     "Invitation de la Ville du Mans\nMon réseau associatif\nMon CCAS\nAutre"),
]  # fmt: skip

PRACTICE = [
    "Un partenariat avec une épicerie solidaire du territoire.",
    "Associer les personnes accompagnées au comité de pilotage.",
    "Les documents en FALC pour nos permanences.",
    "Un temps d'échange mensuel entre bénévoles et salariés.",
    "Rien de précis pour l'instant, mais des contacts utiles.",
]
COMMENTS = [
    "Des échanges très concrets, merci aux intervenants.",
    "Trop de monde pour que chacun puisse parler.",
    "J'aurais aimé plus de temps pour les questions.",
    "Une belle diversité d'expériences et de territoires.",
    "",
    "",
]
RATINGS = [5, 5, 4, 4, 4, 3, 3, 2]


def _questions(congress, organiser) -> dict[str, list]:
    if not SurveyQuestion.objects.filter(congress=congress).exists():
        for label, kind, scope, options in QUESTIONS:
            services.question_add(
                congress=congress, by=organiser, label=label, kind=kind, options=options,
                scope=scope, required=False,
            )  # fmt: skip
    questions = list(SurveyQuestion.objects.filter(congress=congress))
    return {
        "session": [q for q in questions if q.scope != QuestionScope.EDITION],
        "edition": [q for q in questions if q.scope != QuestionScope.SESSION],
    }


def _answers(questions, rng) -> dict:
    answers = {}
    for question in questions:
        if question.kind == QuestionKind.RATING:
            answers[question.pk] = str(rng.choice(RATINGS))
        elif question.kind == QuestionKind.CHOICE:
            answers[question.pk] = rng.choice(question.option_list)
        elif rng.random() < 0.6:
            answers[question.pk] = rng.choice(PRACTICE)
    return answers


class _Answers:
    """The rows of the demo's answers, inserted together by ``save``: what
    ``services.survey_answer`` writes for one answer (participation, anonymous response, answers
    to the questions), for answers that are valid by construction."""

    def __init__(self, congress, questions: dict[str, list]):
        self.congress = congress
        self.questions = questions
        self.participations: list[SurveyParticipation] = []
        self.responses: list[SurveyResponse] = []
        self.rows: list[SurveyAnswer] = []

    def add(self, *, user, session, rating, comment, answers, now, window: Window) -> None:
        if window.state(now) != "open":
            raise ValueError(f"demo answer outside its survey's window: {now}")
        questions = self.questions["session" if session is not None else "edition"]
        self.participations.append(
            SurveyParticipation(user=user, congress=self.congress, session=session)
        )
        response = SurveyResponse(
            congress=self.congress, session=session, rating=rating, comment=comment.strip()
        )
        self.responses.append(response)
        for question in questions:
            value = str(answers.get(question.pk, "")).strip()
            if not value:
                continue  # left empty (no demo question is required)
            if question.kind == QuestionKind.RATING:
                row = SurveyAnswer(response=response, question=question, rating=int(value))
            else:
                row = SurveyAnswer(response=response, question=question, text=value)
            self.rows.append(row)

    def save(self) -> None:
        SurveyParticipation.objects.bulk_create(self.participations, batch_size=1000)
        SurveyResponse.objects.bulk_create(self.responses, batch_size=1000)
        SurveyAnswer.objects.bulk_create(self.rows, batch_size=1000)


def seed_answers(ctx) -> None:
    congress = ctx.congress
    if SurveyResponse.objects.filter(congress=congress).exists():
        return
    questions = _questions(congress, ctx.accounts["organiser"])
    settings = survey_settings(congress)
    rows = _Answers(congress, questions)
    rng = random.Random(13)  # its own: the other steps' random draws stay as they were
    participant = ctx.accounts["participant"]
    signups = WorkshopSignup.objects.filter(
        session__in=Session.objects.filter(congress=congress).workshops()
    ).select_related("session__session_type", "user")
    answered_by: set[int] = set()
    count = 0
    for signup in signups.order_by("session__starts_at", "pk"):
        is_demo_participant = signup.user_id == participant.pk
        if is_demo_participant and signup.user_id in answered_by:
            continue  # the demo participant leaves one workshop unanswered
        if not is_demo_participant and rng.random() > 0.45:
            continue
        rows.add(
            user=signup.user, session=signup.session,
            rating=rng.choice(RATINGS), comment=rng.choice(COMMENTS),
            answers=_answers(questions["session"], rng),
            now=signup.session.ends_at + timedelta(days=rng.randint(0, 6), hours=2),
            window=session_window(signup.session, settings),
        )  # fmt: skip
        answered_by.add(signup.user_id)
        count += 1
    window = edition_window(congress, settings)
    edition_count = 0
    for person in [participant, *ctx.people]:
        if person.pk not in answered_by or not can_answer_edition_survey(person, congress):
            continue
        rows.add(
            user=person, session=None, rating=rng.choice(RATINGS),
            comment=rng.choice(COMMENTS), answers=_answers(questions["edition"], rng),
            now=window.opens_at + timedelta(hours=16, days=rng.randint(0, 10)), window=window,
        )  # fmt: skip
        edition_count += 1
    rows.save()
    ctx.log.append(
        f"Surveys: {count} workshop answers, {edition_count} answers about the congress "
        f"({congress.name})."
    )
