"""Pages of the moderators: their workshops, the outcome form (with the edit-conflict
comparison), reopening; for organisers, the history of an outcome and its restore. Also the
helpers the other outcome pages share (organisers only, pagination)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.core.forms import add_service_errors
from congress.editions.permissions import is_organiser
from proposals.outcomes.recording import selectors, services
from proposals.outcomes.recording.forms import OutcomeForm, PolicyProposalFormSet
from proposals.outcomes.recording.models import Outcome, PolicyStatus, Revision
from proposals.outcomes.recording.permissions import (
    can_consolidate,
    can_edit_outcome,
    can_record_outcome,
)
from tracks.models import Session
from tracks.permissions import moderator_track_ids
from tracks.views import visible_congress_or_404

PAGE_SIZE = 25


def organiser_or_403(request, congress):
    if not can_consolidate(request.user, congress):
        raise PermissionDenied


def paginate(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def outcome_workshop_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    workshops = list(selectors.workshops_for_moderator(request.user, congress))
    if not workshops and not (
        is_organiser(request.user, congress) or moderator_track_ids(request.user)
    ):
        raise PermissionDenied
    return render(
        request,
        "proposals/outcomes/workshop_list.html",
        {"congress": congress, "workshops": workshops},
    )


def session_or_404(congress, pk) -> Session:
    return get_object_or_404(
        Session.objects.select_related(
            "track", "room", "session_type", "congress"
        ).prefetch_related("moderators"),
        congress=congress,
        pk=pk,
        session_type__is_workshop=True,
    )


def initial_data(session, outcome) -> tuple[dict, list[dict]]:
    if outcome is None:
        return {"version": 0, "attendee_count": session.signups.count()}, []
    initial = {
        "version": outcome.version,
        "organisations": [o.pk for o in outcome.organisations.all()],
        **{name: getattr(outcome, name) for name in services.OUTCOME_FIELDS},
    }
    proposals = [
        {
            "id": p.pk, "title": p.title, "statement": p.statement, "rationale": p.rationale,
            "level": p.level, "track": p.track_id,
            "addressees": [a.pk for a in p.addressees.all()],
            "related_tracks": [t.pk for t in p.related_tracks.all()],
            "supporting_organisations": [o.pk for o in p.supporting_organisations.all()],
        }
        for p in outcome.policy_proposals.filter(status__in=services.EDITABLE_POLICY_STATUSES)
        .prefetch_related("addressees", "related_tracks", "supporting_organisations")
        .order_by("rank", "pk")
    ]  # fmt: skip
    return initial, proposals


def _conflict_rows(form, current: Outcome) -> list[dict]:
    """Each field: the other person's saved value beside the user's own input."""
    base = (
        current.revisions.filter(snapshot__version=int(form.data.get("version") or 0))
        .values_list("snapshot", flat=True)
        .first()
    )
    rows = []
    for name in services.OUTCOME_FIELDS:
        theirs = getattr(current, name)
        mine = form.data.get(name, "")
        rows.append(
            {
                "label": form.fields[name].label,
                "theirs": theirs,
                "mine": mine,
                "changed": base is None or str(base.get(name)) != str(theirs),
                "differs": str(theirs) != str(mine),
            }
        )
    return rows


@login_required
def outcome_edit(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    session = session_or_404(congress, pk)
    if not can_record_outcome(request.user, session):
        raise PermissionDenied
    outcome = selectors.outcome_for_session(session)
    editable = can_edit_outcome(request.user, session, outcome)
    initial, proposal_initial = initial_data(session, outcome)
    form_kwargs = {"congress": congress, "default_track": session.track}
    conflict = None
    status = 200
    if request.method == "POST" and editable:
        form = OutcomeForm(request.POST)
        formset = PolicyProposalFormSet(request.POST, prefix="p", form_kwargs=form_kwargs)
        if form.is_valid() and formset.is_valid():
            data = dict(form.cleaned_data)
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
                conflict = error
                current = Outcome.objects.select_related("updated_by").get(pk=error.current.pk)
                conflict_rows = _conflict_rows(form, current)
                # Keep the user's input; a new save knowingly replaces the other version.
                post = request.POST.copy()
                post["version"] = current.version
                form = OutcomeForm(post)
                form.is_valid()
                _ignored, current_proposals = initial_data(session, current)
                conflict = {
                    "message": error.messages[0],
                    "current": current,
                    "rows": conflict_rows,
                    "proposals": current_proposals,
                }
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                messages.success(request, _("Le brouillon est enregistré."))
                if "review" in request.POST or "submit" in request.POST:
                    # Transmitting locks the text: the next page asks for confirmation.
                    return redirect("outcome_submit", congress.slug, session.pk)
                return redirect("outcome_edit", congress.slug, session.pk)
        else:
            status = 400
    else:
        form = OutcomeForm(initial=initial)
        formset = PolicyProposalFormSet(
            initial=proposal_initial, prefix="p", form_kwargs=form_kwargs
        )
        if not proposal_initial:
            formset.extra = 3
            formset = PolicyProposalFormSet(prefix="p", form_kwargs=form_kwargs)
            formset.extra = 3
    consolidated = []
    if outcome is not None:
        consolidated = list(
            outcome.policy_proposals.exclude(status__in=services.EDITABLE_POLICY_STATUSES).order_by(
                "rank"
            )
        )
    return render(
        request,
        "proposals/outcomes/outcome_form.html",
        {
            "congress": congress, "session": session, "outcome": outcome, "form": form,
            "formset": formset, "editable": editable, "conflict": conflict,
            "consolidated": consolidated, "is_organiser": is_organiser(request.user, congress),
            "steps": selectors.outcome_steps(outcome),
        },
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def outcome_reopen(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    outcome = get_object_or_404(Outcome, congress=congress, session_id=pk)
    services.outcome_reopen(outcome=outcome, by=request.user)
    messages.success(
        request, _("Le compte rendu est rouvert : les animateurs peuvent le modifier.")
    )
    return redirect("outcome_edit", congress.slug, pk)


@login_required
def outcome_history(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    outcome = get_object_or_404(
        Outcome.objects.select_related("session"), congress=congress, session_id=pk
    )
    return render(
        request,
        "proposals/outcomes/history.html",
        {
            "congress": congress,
            "subject": outcome,
            "title": outcome.session.title,
            "revisions": paginate(request, selectors.revisions_of(outcome)),
            "restore_url_name": "outcome_restore",
            "subject_pk": outcome.session_id,
            "back_url": outcome.get_absolute_url(),
        },
    )


@login_required
@require_POST
def outcome_restore(request, congress_slug, pk, revision_pk):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    outcome = get_object_or_404(Outcome, congress=congress, session_id=pk)
    revision = get_object_or_404(Revision, pk=revision_pk, outcome=outcome)
    try:
        result = services.outcome_restore(outcome=outcome, revision=revision, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("La version choisie est restaurée (nouvelle révision)."))
        if result.not_restored:
            messages.warning(request, _not_restored_message(result.not_restored))
    return redirect("outcome_history", congress.slug, pk)


def _not_restored_message(proposals) -> str:
    """What a restore left as it is now, and why (merged, split, set aside, validated)."""
    items = []
    for proposal in proposals:
        if proposal.status == PolicyStatus.MERGED:
            state = _("fusionnée dans « %(title)s »") % {"title": proposal.merged_into.title}
        elif proposal.status == PolicyStatus.SET_ASIDE and proposal.split_into.exists():
            state = _("scindée")
        else:
            state = proposal.get_status_display().lower()
        items.append(_("« %(title)s » (%(state)s)") % {"title": proposal.title, "state": state})
    return ngettext(
        "Cette proposition a été consolidée depuis cette version et n'a pas été restaurée "
        "(elle reste telle quelle) : %(list)s.",
        "Ces %(n)s propositions ont été consolidées depuis cette version et n'ont pas été "
        "restaurées (elles restent telles quelles) : %(list)s.",
        len(items),
    ) % {"n": len(items), "list": " ; ".join(items)}
