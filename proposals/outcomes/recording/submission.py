"""The outcome form's helpers around the main page (views.py): the draft endpoint the form's
autosave posts to (JSON; the version check still detects concurrent edits), and the page that
asks for confirmation before the outcome is transmitted (which locks its text)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proposals.outcomes.recording import selectors, services
from proposals.outcomes.recording.forms import OutcomeForm, PolicyProposalFormSet
from proposals.outcomes.recording.models import OutcomeStatus
from proposals.outcomes.recording.permissions import can_edit_outcome, can_record_outcome
from proposals.outcomes.recording.views import session_or_404
from tracks.views import visible_congress_or_404


def _refused(message: str, status: int) -> JsonResponse:
    return JsonResponse({"saved": False, "message": message}, status=status)


@login_required
@require_POST
def outcome_draft(request, congress_slug, pk):
    """Save the form as a draft, as the "Enregistrer le brouillon" button does, and answer in
    JSON: the new version and the ids of the proposals it created, for the page to carry on."""
    congress = visible_congress_or_404(request, congress_slug)
    session = session_or_404(congress, pk)
    outcome = selectors.outcome_for_session(session)
    if not can_record_outcome(request.user, session) or not can_edit_outcome(
        request.user, session, outcome
    ):
        raise PermissionDenied
    form = OutcomeForm(request.POST)
    formset = PolicyProposalFormSet(
        request.POST,
        prefix="p",
        form_kwargs={"congress": congress, "default_track": session.track},
    )
    if not (form.is_valid() and formset.is_valid()):
        # A block being typed is not an error: nothing is saved until it is complete (200, so
        # that the browser does not report a failure while the person is still typing).
        return _refused(
            _(
                "Brouillon non enregistré automatiquement : un champ est incomplet. "
                "Enregistrez le brouillon pour voir lequel."
            ),
            200,
        )
    data = dict(form.cleaned_data)
    kept = [f.prefix for f in formset.kept_forms()]
    try:
        outcome = services.outcome_save(
            session=session,
            by=request.user,
            version=data.pop("version"),
            organisations=data.pop("organisations"),
            proposals=formset.proposals(),
            **data,
        )
    except services.EditConflict as error:
        return JsonResponse(
            {"saved": False, "conflict": True, "message": error.messages[0]}, status=409
        )
    except ValidationError as error:
        return _refused(error.messages[0], 400)
    ids = [p.pk for p in selectors.editable_proposals(outcome)]
    return JsonResponse(
        {
            "saved": True,
            "version": outcome.version,
            "proposal_ids": {f"{prefix}-id": pk for prefix, pk in zip(kept, ids, strict=False)},
            "message": _("Brouillon enregistré automatiquement à %(time)s.")
            % {"time": time_format(timezone.localtime(), "H:i")},
        }
    )


@login_required
def outcome_submit(request, congress_slug, pk):
    """What will be transmitted, what may be missing, and that transmitting locks the text;
    the outcome is transmitted only when this page's form is sent."""
    congress = visible_congress_or_404(request, congress_slug)
    session = session_or_404(congress, pk)
    if not can_record_outcome(request.user, session):
        raise PermissionDenied
    outcome = selectors.outcome_for_session(session)
    if outcome is None or outcome.status != OutcomeStatus.DRAFT:
        messages.info(request, _("Il n'y a pas de brouillon à transmettre."))
        return redirect("outcome_edit", congress.slug, session.pk)
    if not can_edit_outcome(request.user, session, outcome):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.outcome_submit(
                session=session, by=request.user, version=int(request.POST.get("version") or 0)
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("outcome_edit", congress.slug, session.pk)
        messages.success(request, _("Le compte rendu est transmis aux organisateurs."))
        return redirect("outcome_workshop_list", congress.slug)
    proposals = selectors.editable_proposals(outcome)
    return render(
        request,
        "proposals/outcomes/submit_confirm.html",
        {
            "congress": congress,
            "session": session,
            "outcome": outcome,
            "proposals": proposals,
            "warnings": selectors.submission_warnings(outcome, proposals),
            "steps": selectors.outcome_steps(outcome),
        },
    )
