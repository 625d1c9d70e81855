"""Writes of the feedback sub-domain: answering a survey, the organisers' questions and dates."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.core.french import format_date
from tracks.feedback import selectors
from tracks.feedback.models import (
    QuestionKind,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
    SurveySettings,
)
from tracks.feedback.permissions import (
    can_answer_edition_survey,
    can_answer_session_survey,
    can_manage_surveys,
)
from tracks.feedback.windows import edition_window, session_window


def _when(value: datetime) -> str:
    local = timezone.localtime(value)
    return format_date(local, "j F Y à H:i")


def _check_window(window, now) -> None:
    state = window.state(now)
    if state == "upcoming":
        raise ValidationError(
            _("Ce questionnaire ouvrira le %(date)s.") % {"date": _when(window.opens_at)}
        )
    if state == "closed":
        raise ValidationError(
            _("Ce questionnaire est clos depuis le %(date)s.") % {"date": _when(window.closes_at)}
        )


def _answer_value(question: SurveyQuestion, raw) -> SurveyAnswer | None:
    """The answer to one question, or None when left empty; ValidationError when invalid."""
    value = "" if raw is None else str(raw).strip()
    if not value:
        if question.required:
            raise ValidationError(
                _("Répondez à la question « %(label)s ».") % {"label": question.label}
            )
        return None
    if question.kind == QuestionKind.RATING:
        if value not in {"1", "2", "3", "4", "5"}:
            raise ValidationError(
                _("« %(label)s » : choisissez une note de 1 à 5.") % {"label": question.label}
            )
        return SurveyAnswer(question=question, rating=int(value))
    if question.kind == QuestionKind.CHOICE and value not in question.option_list:
        raise ValidationError(
            _("« %(label)s » : choisissez l'un des choix proposés.") % {"label": question.label}
        )
    return SurveyAnswer(question=question, text=value)


def survey_answer(
    *, user, congress, session=None, rating: int, comment: str = "", answers: dict, now=None
) -> SurveyResponse:
    """Record one person's anonymous answer to a workshop's survey (``session`` given) or to the
    edition's. ``answers`` maps question ids to raw values; an id not among this survey's
    questions is refused."""
    with transaction.atomic():
        if session is not None and session.congress_id != congress.pk:
            raise ValidationError(_("Cet atelier n'appartient pas à cette édition."))
        settings = selectors.survey_settings(congress)
        if session is not None:
            if not can_answer_session_survey(user, session):
                raise PermissionDenied(_("Seules les personnes inscrites à l'atelier y répondent."))
            window = session_window(session, settings)
        else:
            if not can_answer_edition_survey(user, congress):
                raise PermissionDenied(_("Seules les personnes inscrites au congrès y répondent."))
            window = edition_window(congress, settings)
        _check_window(window, now)
        if selectors.has_answered(user, congress, session):
            raise ValidationError(_("Vous avez déjà répondu à ce questionnaire : merci !"))
        if rating not in (1, 2, 3, 4, 5):
            raise ValidationError(_("Choisissez une note de 1 à 5."))
        scope = "session" if session is not None else "edition"
        questions = {q.pk: q for q in selectors.survey_questions(congress, scope)}
        if set(answers) - set(questions):
            raise ValidationError(_("Une des questions n'appartient pas à ce questionnaire."))
        rows = [_answer_value(q, answers.get(pk)) for pk, q in questions.items()]
        try:
            with transaction.atomic():
                SurveyParticipation.objects.create(user=user, congress=congress, session=session)
        except IntegrityError:  # a double submit that passed the check above at the same moment
            raise ValidationError(
                _("Vous avez déjà répondu à ce questionnaire : merci !")
            ) from None
        response = SurveyResponse(
            congress=congress, session=session, rating=rating, comment=comment.strip()
        )
        response.full_clean()
        response.save()
        for row in rows:
            if row is not None:
                row.response = response
        SurveyAnswer.objects.bulk_create([row for row in rows if row is not None])
        return response


# --- the organisers' questions and dates ------------------------------------------------------


def _check_manager(by, congress) -> None:
    if not can_manage_surveys(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs de l'édition gèrent les questionnaires."))


def question_add(
    *, congress, by, label: str, kind: str, options: str = "", scope: str, required: bool
) -> SurveyQuestion:
    with transaction.atomic():
        _check_manager(by, congress)
        last = congress.survey_questions.aggregate(last=Max("order"))["last"]
        question = SurveyQuestion(
            congress=congress,
            label=label.strip(),
            kind=kind,
            options=options.strip(),
            scope=scope,
            required=required,
            order=0 if last is None else last + 1,
        )
        question.full_clean()
        question.save()
        return question


def question_move(*, question: SurveyQuestion, by, up: bool) -> None:
    """Swap the question with its neighbour (above when ``up``); the order is renumbered."""
    with transaction.atomic():
        _check_manager(by, question.congress)
        ordered = list(
            SurveyQuestion.objects.select_for_update().filter(congress=question.congress_id)
        )
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered):
            item.order = position
        SurveyQuestion.objects.bulk_update(ordered, ["order"])


def question_remove(*, question: SurveyQuestion, by) -> None:
    with transaction.atomic():
        _check_manager(by, question.congress)
        if question.answers.exists():
            raise ValidationError(
                _("Cette question a déjà des réponses : vous pouvez seulement la masquer.")
            )
        question.delete()


def question_set_hidden(*, question: SurveyQuestion, by, hidden: bool) -> SurveyQuestion:
    with transaction.atomic():
        _check_manager(by, question.congress)
        question.is_hidden = hidden
        question.save(update_fields=["is_hidden"])
        return question


def survey_settings_save(
    *, congress, by, sessions_close_at: datetime | None, edition_closes_at: datetime | None
) -> SurveySettings:
    with transaction.atomic():
        _check_manager(by, congress)
        settings, _created = SurveySettings.objects.get_or_create(congress=congress)
        settings.sessions_close_at = sessions_close_at
        settings.edition_closes_at = edition_closes_at
        settings.full_clean()
        settings.save()
        return settings
