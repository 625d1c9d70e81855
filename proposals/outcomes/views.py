from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.downloads import attachment_response
from congress.permissions import is_organiser
from congress.views import add_service_errors
from proposals.outcomes import selectors, services
from proposals.outcomes.forms import (
    BoardFilterForm,
    EndorsementPeriodForm,
    FollowUpForm,
    MergeForm,
    OutcomeForm,
    PolicyEditForm,
    PolicyProposalFormSet,
    SetAsideForm,
    SplitForm,
)
from proposals.outcomes.models import (
    EndorsementPeriod,
    FollowUp,
    Outcome,
    PolicyProposal,
    PolicyStatus,
    Revision,
)
from proposals.outcomes.permissions import (
    can_consolidate,
    can_edit_outcome,
    can_endorse,
    can_record_followup,
    can_record_outcome,
    can_view_policy_proposal,
    endorsement_period_open,
)
from tracks.models import Session, Track
from tracks.permissions import moderator_track_ids
from tracks.views import visible_congress_or_404

PAGE_SIZE = 25


def _organiser_or_403(request, congress):
    if not can_consolidate(request.user, congress):
        raise PermissionDenied


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- moderators: outcomes ---------------------------------------------------------------------


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


def _session_or_404(congress, pk) -> Session:
    return get_object_or_404(
        Session.objects.select_related(
            "track", "room", "session_type", "congress"
        ).prefetch_related("moderators"),
        congress=congress,
        pk=pk,
        session_type__is_workshop=True,
    )


def _initial(session, outcome) -> tuple[dict, list[dict]]:
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
    session = _session_or_404(congress, pk)
    if not can_record_outcome(request.user, session):
        raise PermissionDenied
    outcome = selectors.outcome_for_session(session)
    editable = can_edit_outcome(request.user, session, outcome)
    initial, proposal_initial = _initial(session, outcome)
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
                    submit="submit" in request.POST,
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
                _ignored, current_proposals = _initial(session, current)
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
                if "submit" in request.POST:
                    messages.success(request, _("Le compte rendu est transmis aux organisateurs."))
                    return redirect("outcome_workshop_list", congress.slug)
                messages.success(request, _("Le brouillon est enregistré."))
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
    _organiser_or_403(request, congress)
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
            "revisions": _page(request, selectors.revisions_of(outcome)),
            "restore_url_name": "outcome_restore",
            "subject_pk": outcome.session_id,
            "back_url": outcome.get_absolute_url(),
        },
    )


@login_required
@require_POST
def outcome_restore(request, congress_slug, pk, revision_pk):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    outcome = get_object_or_404(Outcome, congress=congress, session_id=pk)
    revision = get_object_or_404(Revision, pk=revision_pk, outcome=outcome)
    try:
        services.outcome_restore(outcome=outcome, revision=revision, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("La version choisie est restaurée (nouvelle révision)."))
    return redirect("outcome_history", congress.slug, pk)


# --- organisers: consolidation ----------------------------------------------------------------


@login_required
def policy_board(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    filters = BoardFilterForm(request.GET or None, congress=congress)
    proposals = selectors.policy_board(congress, **filters.filters())
    return render(
        request,
        "proposals/outcomes/staff/board.html",
        {
            "congress": congress,
            "filters": filters,
            "page": _page(request, proposals),
            "querystring": _querystring(request),
            "merge_form": MergeForm(),
        },
    )


def _policy_or_404(congress, pk) -> PolicyProposal:
    try:
        return selectors.policy_detail(congress, pk)
    except PolicyProposal.DoesNotExist:
        raise Http404 from None


def _edit_initial(proposal) -> dict:
    return {
        "version": proposal.version, "title": proposal.title, "statement": proposal.statement,
        "rationale": proposal.rationale, "level": proposal.level, "track": proposal.track_id,
        "rank": proposal.rank, "addressees": [a.pk for a in proposal.addressees.all()],
        "related_tracks": [t.pk for t in proposal.related_tracks.all()],
    }  # fmt: skip


@login_required
def policy_staff_detail(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    proposal = _policy_or_404(congress, pk)
    form = PolicyEditForm(request.POST or None, initial=_edit_initial(proposal), congress=congress)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.policy_proposal_update(
                    proposal=proposal, by=request.user, version=data.pop("version"), **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("La proposition est enregistrée."))
                return redirect("policy_staff_detail", congress.slug, proposal.pk)
        status = 400
    return render(
        request,
        "proposals/outcomes/staff/policy_detail.html",
        {
            "congress": congress,
            "proposal": proposal,
            "form": form,
            "set_aside_form": SetAsideForm(),
            "followup_form": FollowUpForm(),
            "can_follow_up": can_record_followup(request.user, proposal),
            "revisions": selectors.revisions_of(proposal)[:20],
        },
        status=status,
    )


@login_required
@require_POST
def policy_validate(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    try:
        services.policy_proposal_validate(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("La proposition est validée."))
    return redirect("policy_staff_detail", congress.slug, pk)


@login_required
@require_POST
def policy_set_aside(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    form = SetAsideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif de la mise à l'écart."))
        return redirect("policy_staff_detail", congress.slug, pk)
    try:
        services.policy_proposal_set_aside(
            proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("La proposition est écartée."))
    return redirect("policy_staff_detail", congress.slug, pk)


@login_required
def policy_merge(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    ids = [int(i) for i in request.POST.getlist("ids") or request.GET.getlist("ids") if i.isdigit()]
    proposals = list(
        PolicyProposal.objects.filter(congress=congress, pk__in=ids)
        .select_related("track")
        .prefetch_related("sources")
        .order_by("pk")
    )
    first = proposals[0] if proposals else None
    form = MergeForm(
        request.POST if "confirm" in request.POST else None,
        initial={"title": first.title, "statement": first.statement} if first else {},
    )
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                merged = services.policy_proposals_merge(
                    congress=congress,
                    proposals=proposals,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    statement=form.cleaned_data["statement"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Les propositions sont fusionnées ; les originales restent lisibles."),
                )
                return redirect("policy_staff_detail", congress.slug, merged.pk)
        status = 400
    elif len(proposals) < 2:
        messages.error(request, _("Cochez au moins deux propositions à fusionner."))
        return redirect("policy_board", congress.slug)
    return render(
        request,
        "proposals/outcomes/staff/merge.html",
        {"congress": congress, "proposals": proposals, "form": form},
        status=status,
    )


@login_required
def policy_split(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    proposal = _policy_or_404(congress, pk)
    form = SplitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.policy_proposal_split(
                    proposal=proposal, by=request.user, parts=form.parts()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("La proposition est scindée en deux."))
                return redirect("policy_staff_detail", congress.slug, proposal.pk)
        status = 400
    return render(
        request,
        "proposals/outcomes/staff/split.html",
        {"congress": congress, "proposal": proposal, "form": form},
        status=status,
    )


@login_required
@require_POST
def policy_restore(request, congress_slug, pk, revision_pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    revision = get_object_or_404(Revision, pk=revision_pk, policy_proposal=proposal)
    services.policy_proposal_restore(proposal=proposal, revision=revision, by=request.user)
    messages.success(request, _("La version choisie est restaurée (nouvelle révision)."))
    return redirect("policy_staff_detail", congress.slug, pk)


@login_required
@require_POST
def followup_create(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.followup_record(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("La suite donnée est enregistrée."))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect("policy_staff_detail", congress.slug, pk)


@login_required
def transversality(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    return render(
        request,
        "proposals/outcomes/staff/transversality.html",
        {"congress": congress, "matrix": selectors.transversality_matrix(congress)},
    )


@login_required
def endorsement_period(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    period = EndorsementPeriod.objects.filter(congress=congress).first()
    initial = {}
    if period:
        initial = {
            "starts_at": timezone.localtime(period.starts_at),
            "ends_at": timezone.localtime(period.ends_at),
        }
    form = EndorsementPeriodForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.endorsement_period_save(
                    congress=congress, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("La période de soutien est enregistrée."))
                return redirect("endorsement_period", congress.slug)
        status = 400
    return render(
        request,
        "proposals/outcomes/staff/endorsement_period.html",
        {"congress": congress, "form": form, "period": period},
        status=status,
    )


# --- public -----------------------------------------------------------------------------------


def public_policy_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    filters = BoardFilterForm(request.GET or None, congress=congress, public=True)
    involves = [s for s in request.GET.getlist("involves") if s][:2]
    proposals = selectors.public_policy_list(congress, involves=involves, **filters.filters())
    return render(
        request,
        "proposals/outcomes/public_list.html",
        {
            "congress": congress,
            "filters": filters,
            "involves": involves,
            "involved_tracks": Track.objects.filter(congress=congress, slug__in=involves)
            if involves
            else [],
            "page": _page(request, proposals),
            "querystring": _querystring(request),
            "endorsed": selectors.endorsed_ids(request.user, congress),
            "period_open": endorsement_period_open(congress),
        },
    )


def public_policy_detail(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = _policy_or_404(congress, pk)
    if not can_view_policy_proposal(request.user, proposal):
        raise Http404
    period_open = endorsement_period_open(congress)
    return render(
        request,
        "proposals/outcomes/public_detail.html",
        {
            "congress": congress,
            "proposal": proposal,
            "endorsed": proposal.pk in selectors.endorsed_ids(request.user, congress),
            "can_endorse": can_endorse(request.user, proposal, period_open=period_open),
            "period_open": period_open,
            "is_organiser": is_organiser(request.user, congress),
        },
    )


@login_required
@require_POST
def endorse(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    try:
        services.endorsement_create(proposal=proposal, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Merci : votre soutien est enregistré."))
    return redirect("public_policy_detail", congress.slug, pk)


@login_required
@require_POST
def endorsement_withdraw(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(
        PolicyProposal, congress=congress, pk=pk, status=PolicyStatus.VALIDATED
    )
    try:
        services.endorsement_withdraw(proposal=proposal, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Votre soutien est retiré."))
    return redirect("public_policy_detail", congress.slug, pk)


def followup_document(request, congress_slug, pk):
    """The document of a follow-up, for whoever may read its proposal: as an attachment, never
    from the public media folder."""
    congress = visible_congress_or_404(request, congress_slug)
    followup = get_object_or_404(
        FollowUp.objects.select_related("proposal__congress"), pk=pk, proposal__congress=congress
    )
    if not can_view_policy_proposal(request.user, followup.proposal):
        raise Http404
    document = followup.document
    if not document or not document.storage.exists(document.name):
        raise Http404
    return attachment_response(
        document.open("rb"), filename=f"suite-{followup.pk}.pdf", content_type="application/pdf"
    )
