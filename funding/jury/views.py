"""Organisers' pages of a call's jury: jurors (added by e-mail or invited), invitations, the
weighted criteria; and the invited person's acceptance page."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from funding.jury import services
from funding.jury.forms import CriterionForm, JurorForm
from funding.models import Assessment, FundingCall, JurorInvitation, JuryCriterion
from funding.permissions import can_manage_call
from tracks.views import visible_congress_or_404


def _call_for_organiser(request, congress_slug, pk) -> FundingCall:
    congress = visible_congress_or_404(request, congress_slug)
    call = get_object_or_404(
        FundingCall.objects.select_related("congress"), congress=congress, pk=pk
    )
    if not can_manage_call(request.user, call):
        raise PermissionDenied
    return call


@login_required
def jury_manage(request, congress_slug, pk):
    """The jury of a call: its jurors, pending invitations and criteria, with the two forms."""
    call = _call_for_organiser(request, congress_slug, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    juror_form = JurorForm(request.POST if action == "juror" else None, prefix="juror")
    criterion_form = CriterionForm(
        request.POST if action == "criterion" else None, prefix="criterion",
        initial={"weight": 1, "order": call.criteria.count() + 1},
    )  # fmt: skip
    if action == "juror" and (
        response := submit_form(
            request,
            juror_form,
            lambda data: services.juror_add(call=call, email=data["email"], by=request.user),
            success=lambda invitation: (
                _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
                if invitation
                else _("%(email)s fait maintenant partie du jury.")
                % {"email": juror_form.cleaned_data["email"]}
            ),
            then=lambda _invitation: redirect("funding_jury_manage", congress_slug, call.pk),
        )
    ):
        return response
    if action == "criterion" and (
        response := submit_form(
            request,
            criterion_form,
            lambda data: services.criterion_save(call=call, by=request.user, **data),
            success=lambda criterion: _("Critère ajouté : %(name)s.") % {"name": criterion.name},
            then=lambda _criterion: redirect("funding_jury_manage", congress_slug, call.pk),
        )
    ):
        return response
    return render(
        request,
        "funding/jury/manage.html",
        {"congress": call.congress, "call": call, "juror_form": juror_form,
         "criterion_form": criterion_form,
         "jurors": call.jurors.order_by("full_name", "email"),
         "invitations": call.juror_invitations.filter(
             accepted_at__isnull=True, revoked_at__isnull=True).select_related("invited_by"),
         "criteria": call.criteria.all(),
         "assessment_count": Assessment.objects.filter(application__call=call).count()},
    )  # fmt: skip


@login_required
@require_POST
def juror_remove(request, congress_slug, pk, user_pk):
    call = _call_for_organiser(request, congress_slug, pk)
    juror = get_object_or_404(get_user_model(), pk=user_pk, funding_juries=call)
    services.juror_remove(call=call, juror=juror, by=request.user)
    messages.success(request, _("%(name)s ne fait plus partie du jury.") % {"name": juror})
    return redirect("funding_jury_manage", congress_slug, call.pk)


@login_required
@require_POST
def juror_invitation_revoke(request, congress_slug, pk, invitation_pk):
    call = _call_for_organiser(request, congress_slug, pk)
    invitation = get_object_or_404(JurorInvitation, call=call, pk=invitation_pk)
    services.juror_invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("Invitation annulée : %(email)s.") % {"email": invitation.email})
    return redirect("funding_jury_manage", congress_slug, call.pk)


@login_required
def criterion_edit(request, congress_slug, pk, criterion_pk):
    call = _call_for_organiser(request, congress_slug, pk)
    criterion = get_object_or_404(JuryCriterion, call=call, pk=criterion_pk)
    form = CriterionForm(request.POST or None, instance=criterion)
    if response := submit_form(
        request,
        form,
        lambda data: services.criterion_save(
            call=call, by=request.user, criterion=criterion, **data
        ),
        success=lambda _saved: _("Critère enregistré : %(name)s.") % {"name": criterion},
        then=lambda _saved: redirect("funding_jury_manage", congress_slug, call.pk),
    ):
        return response
    return render(
        request,
        "funding/jury/criterion_form.html",
        {"congress": call.congress, "call": call, "criterion": criterion, "form": form},
    )


@login_required
@require_POST
def criterion_delete(request, congress_slug, pk, criterion_pk):
    call = _call_for_organiser(request, congress_slug, pk)
    criterion = get_object_or_404(JuryCriterion, call=call, pk=criterion_pk)
    name = criterion.name
    try:
        services.criterion_delete(criterion=criterion, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Critère supprimé : %(name)s.") % {"name": name})
    return redirect("funding_jury_manage", congress_slug, call.pk)


@login_required
def juror_invitation_accept(request, token):
    """The invited person, signed in with the invited address, joins the call's jury."""
    try:
        invitation = services.juror_invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "funding/jury/invitation.html", {"error": error.messages[0]}, status=400
        )
    if request.method == "POST":
        try:
            call = services.juror_invitation_accept(token=token, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            text = error.messages[0] if isinstance(error, ValidationError) else str(error)
            return render(
                request, "funding/jury/invitation.html",
                {"invitation": invitation, "error": text}, status=400,
            )  # fmt: skip
        messages.success(request, _("Vous faites partie du jury de « %(t)s ».") % {"t": call})
        return redirect("funding_assessment_list", call.congress.slug, call.pk)
    return render(request, "funding/jury/invitation.html", {"invitation": invitation})
