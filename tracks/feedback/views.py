"""Pages of the feedback sub-domain: answering a survey, the results, the organisers' questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from tracks.feedback import selectors, services
from tracks.feedback.forms import AnswerForm, QuestionForm, SurveyDatesForm
from tracks.feedback.models import SurveyQuestion
from tracks.feedback.permissions import (
    can_answer_edition_survey,
    can_answer_session_survey,
    can_manage_surveys,
    can_read_session_results,
)
from tracks.feedback.windows import edition_window, session_window
from tracks.models import Session
from tracks.views import visible_congress_or_404


def _answer(request, congress, session):
    settings = selectors.survey_settings(congress)
    if session is not None:
        window = session_window(session, settings)
        scope = "session"
    else:
        window = edition_window(congress, settings)
        scope = "edition"
    form = AnswerForm(request.POST or None, questions=selectors.survey_questions(congress, scope))
    status = 200
    if request.method == "POST":
        if response := submit_form(
            request,
            form,
            lambda data: services.survey_answer(
                user=request.user,
                congress=congress,
                session=session,
                rating=data["rating"],
                comment=data["comment"],
                answers=form.answers(),
            ),
            success=_("Merci ! Votre réponse est enregistrée, sans votre nom."),
            then=lambda _answer: redirect("my_programme", congress.slug),
        ):
            return response
        status = 400
    return render(
        request,
        "tracks/feedback/answer.html",
        {
            "congress": congress,
            "session": session,
            "form": form,
            "window": window,
            "state": window.state(),
            "answered": selectors.has_answered(request.user, congress, session),
        },
        status=status,
    )


@login_required
def survey_session(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    session = get_object_or_404(
        Session.objects.select_related("session_type", "room"), congress=congress, pk=pk
    )
    if not can_answer_session_survey(request.user, session):
        raise PermissionDenied
    return _answer(request, congress, session)


@login_required
def survey_edition(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if not can_answer_edition_survey(request.user, congress):
        raise PermissionDenied
    return _answer(request, congress, None)


@login_required
def session_results(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    session = get_object_or_404(
        Session.objects.select_related("track", "room").prefetch_related("moderators"),
        congress=congress,
        pk=pk,
    )
    if not can_read_session_results(request.user, session):
        raise PermissionDenied
    return render(
        request,
        "tracks/feedback/results.html",
        {
            "congress": congress,
            "session": session,
            "results": selectors.session_results(session),
            "is_organiser": can_manage_surveys(request.user, congress),
        },
    )


# --- organisers ---------------------------------------------------------------------------


def _manager_or_403(request, congress):
    if not can_manage_surveys(request.user, congress):
        raise PermissionDenied


@login_required
def staff_feedback(request, congress_slug):
    """The edition's results and a line per workshop."""
    congress = visible_congress_or_404(request, congress_slug)
    _manager_or_403(request, congress)
    return render(
        request,
        "tracks/feedback/staff_results.html",
        {
            "congress": congress,
            "results": selectors.edition_results(congress),
            "workshops": selectors.workshops_with_feedback(congress),
        },
    )


@login_required
def staff_questions(request, congress_slug):
    """The edition's questions, the form to add one and the closing dates."""
    congress = visible_congress_or_404(request, congress_slug)
    _manager_or_403(request, congress)
    action = request.POST.get("action") if request.method == "POST" else None
    settings = selectors.survey_settings(congress)
    initial = {
        "sessions_close_at": getattr(settings, "sessions_close_at", None),
        "edition_closes_at": getattr(settings, "edition_closes_at", None),
    }
    question_form = QuestionForm(request.POST if action == "add" else None, prefix="question")
    dates_form = SurveyDatesForm(
        request.POST if action == "dates" else None, initial=initial, prefix="dates"
    )
    status = 200
    if action == "add":
        if question_form.is_valid():
            services.question_add(congress=congress, by=request.user, **question_form.cleaned_data)
            messages.success(request, _("La question est ajoutée."))
            return redirect("staff_survey_questions", congress.slug)
        status = 400
    elif action == "dates":
        if dates_form.is_valid():
            services.survey_settings_save(
                congress=congress, by=request.user, **dates_form.cleaned_data
            )
            messages.success(request, _("Les dates de clôture sont enregistrées."))
            return redirect("staff_survey_questions", congress.slug)
        status = 400
    elif request.method == "POST":
        status = 400
        messages.error(request, _("Action inconnue."))
    return render(
        request,
        "tracks/feedback/staff_questions.html",
        {
            "congress": congress,
            "questions": selectors.questions_with_answer_counts(congress),
            "question_form": question_form,
            "dates_form": dates_form,
        },
        status=status,
    )


QUESTION_ACTIONS = {"up", "down", "remove", "hide", "show"}


@login_required
@require_POST
def staff_question_action(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    _manager_or_403(request, congress)
    question = get_object_or_404(SurveyQuestion, congress=congress, pk=pk)
    action = request.POST.get("action")
    if action not in QUESTION_ACTIONS:
        messages.error(request, _("Action inconnue."))
    elif action in ("up", "down"):
        services.question_move(question=question, by=request.user, up=action == "up")
        messages.success(request, _("L'ordre des questions est enregistré."))
    elif action == "remove":
        try:
            services.question_remove(question=question, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("La question est supprimée."))
    else:
        services.question_set_hidden(question=question, by=request.user, hidden=action == "hide")
        messages.success(
            request,
            _("La question est masquée.")
            if action == "hide"
            else _("La question est de nouveau posée."),
        )
    return redirect("staff_survey_questions", congress.slug)
