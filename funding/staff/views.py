"""Organisers' pages of calls for projects: the edition's calls, creating and editing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from funding import selectors, services
from funding.forms import CallForm
from funding.models import Application, FundingCall
from funding.permissions import can_create_call, can_manage_call, can_view_application
from tracks.views import visible_congress_or_404


def _organiser_congress(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if not can_create_call(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def call_list(request, congress_slug):
    congress = _organiser_congress(request, congress_slug)
    return render(
        request,
        "funding/staff/call_list.html",
        {"congress": congress, "calls": selectors.calls_for_organisers(congress)},
    )


def _call_form_page(request, congress, call=None):
    form = CallForm(request.POST or None, instance=call)
    if response := submit_form(
        request,
        form,
        lambda data: services.call_save(congress=congress, by=request.user, call=call, **data),
        success=lambda saved: _("Appel à projets enregistré : %(t)s.") % {"t": saved.title},
        then=lambda _saved: redirect("funding_staff_calls", congress.slug),
    ):
        return response
    return render(
        request, "funding/staff/call_form.html", {"congress": congress, "form": form, "call": call}
    )


@login_required
def call_create(request, congress_slug):
    return _call_form_page(request, _organiser_congress(request, congress_slug))


@login_required
def call_edit(request, congress_slug, pk):
    congress = _organiser_congress(request, congress_slug)
    call = get_object_or_404(FundingCall, congress=congress, pk=pk)
    return _call_form_page(request, congress, call)


@login_required
@require_POST
def application_notify(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    application = get_object_or_404(
        Application.objects.select_related("call__congress", "organisation"),
        call__congress=congress,
        pk=pk,
    )
    if not can_view_application(request.user, application):
        raise Http404
    if not can_manage_call(request.user, application.call):
        raise PermissionDenied
    try:
        recipients = services.decision_notify(application=application, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, f"{application.title} : {message}")
    else:
        messages.success(
            request,
            _("Lettre envoyée à %(to)s : %(t)s.")
            % {"to": ", ".join(recipients), "t": application.title},
        )
    return redirect("funding_call_ranking", congress_slug, application.call_id)
