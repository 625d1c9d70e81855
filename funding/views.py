"""Pages of calls for projects: applicants, jurors, organisers and the public list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.downloads import attachment_response
from congress.core.forms import submit_form
from congress.organisations.models import MembershipRole, Organisation
from funding import documents, selectors, services
from funding.forms import ApplicationForm, AssessmentForm, AttachmentForm, DecisionForm
from funding.models import Application, Assessment, FundingCall
from funding.permissions import (
    can_assess,
    can_edit_application,
    can_follow_up,
    can_manage_call,
    can_view_application,
    can_view_letter,
    has_conflict_of_interest,
    is_juror,
)
from tracks.views import visible_congress_or_404


def _call_or_404(request, congress_slug, pk) -> FundingCall:
    congress = visible_congress_or_404(request, congress_slug)
    return get_object_or_404(
        FundingCall.objects.select_related("congress"), congress=congress, pk=pk
    )


def _application_or_404(request, congress_slug, pk) -> Application:
    congress = visible_congress_or_404(request, congress_slug)
    try:
        application = selectors.application_for_page(congress, pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if not can_view_application(request.user, application):
        raise Http404
    return application


def _managed_organisations(user):
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.MANAGER
    )


# --- applicants ---------------------------------------------------------------------------------


def call_detail(request, congress_slug, pk):
    call = _call_or_404(request, congress_slug, pk)
    return render(
        request,
        "funding/call_detail.html",
        {"call": call, "congress": call.congress,
         "can_follow_up": can_follow_up(request.user, call)},
    )  # fmt: skip


@login_required
def application_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    return render(
        request,
        "funding/application_list.html",
        {
            "congress": congress,
            "applications": selectors.applications_of_user(request.user, congress),
            "calls": selectors.calls_of(congress),
        },
    )


@login_required
def application_create(request, congress_slug, pk):
    call = _call_or_404(request, congress_slug, pk)
    organisations = _managed_organisations(request.user)
    form = ApplicationForm(request.POST or None, call=call, organisations=organisations)
    if response := submit_form(
        request,
        form,
        lambda data: services.application_create(call=call, by=request.user, **data),
        success=_("Brouillon enregistré : ajoutez les pièces puis déposez."),
        then=lambda application: redirect(application.get_absolute_url()),
    ):
        return response
    return render(
        request,
        "funding/application_form.html",
        {"call": call, "congress": call.congress, "form": form, "creating": True,
         "has_organisations": organisations.exists()},
    )  # fmt: skip


def _attachment_form_view(request, application, form, attachment_form):
    return render(
        request,
        "funding/application_form.html",
        {"call": application.call, "congress": application.call.congress, "form": form,
         "application": application, "attachment_form": attachment_form},
    )  # fmt: skip


@login_required
def application_edit(request, congress_slug, pk):
    application = _application_or_404(request, congress_slug, pk)
    if not can_edit_application(request.user, application):
        raise PermissionDenied
    form = ApplicationForm(
        request.POST or None, instance=application, call=application.call, organisations=None
    )
    if response := submit_form(
        request,
        form,
        lambda data: services.application_update(application=application, by=request.user, **data),
        success=_("Brouillon enregistré."),
        then=lambda _updated: redirect(application.get_absolute_url()),
    ):
        return response
    return _attachment_form_view(request, application, form, AttachmentForm())


@login_required
@require_POST
def attachment_upload(request, congress_slug, pk):
    application = _application_or_404(request, congress_slug, pk)
    if not can_edit_application(request.user, application):
        raise PermissionDenied
    attachment_form = AttachmentForm(request.POST, request.FILES)
    if response := submit_form(
        request,
        attachment_form,
        lambda data: services.attachment_upload(
            application=application, kind=data["kind"], file=data["file"], by=request.user
        ),
        success=_("Pièce enregistrée."),
        then=lambda _attachment: redirect(application.get_absolute_url()),
    ):
        return response
    form = ApplicationForm(instance=application, call=application.call, organisations=None)
    response = _attachment_form_view(request, application, form, attachment_form)
    response.status_code = 400
    return response


@login_required
def attachment_download(request, congress_slug, pk, attachment_pk):
    application = _application_or_404(request, congress_slug, pk)
    attachment = get_object_or_404(application.attachments.all(), pk=attachment_pk)
    name = attachment.file.name.rsplit("/", 1)[-1]
    return attachment_response(
        attachment.file.open("rb"),
        filename=name,
        content_type=documents.attachment_content_type(name),
    )


@login_required
def application_detail(request, congress_slug, pk):
    application = _application_or_404(request, congress_slug, pk)
    return render(
        request,
        "funding/application_detail.html",
        {"application": application, "call": application.call,
         "congress": application.call.congress,
         "can_edit": can_edit_application(request.user, application),
         "problems": services.eligibility_problems(application)
         if can_edit_application(request.user, application) else []},
    )  # fmt: skip


@login_required
@require_POST
def application_submit(request, congress_slug, pk):
    application = _application_or_404(request, congress_slug, pk)
    try:
        services.application_submit(application=application, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Candidature déposée. Merci !"))
    return redirect(application.get_absolute_url())


# --- jury ---------------------------------------------------------------------------------------


@login_required
def assessment_list(request, congress_slug, pk):
    call = _call_or_404(request, congress_slug, pk)
    if not is_juror(request.user, call):
        raise PermissionDenied
    return render(
        request,
        "funding/assessment_list.html",
        {"call": call, "congress": call.congress,
         "applications": selectors.applications_to_assess(request.user, call)},
    )  # fmt: skip


@login_required
def assessment_edit(request, congress_slug, pk):
    application = _application_or_404(request, congress_slug, pk)
    if has_conflict_of_interest(request.user, application) or not can_assess(
        request.user, application
    ):
        raise PermissionDenied
    mine = (
        Assessment.objects.filter(application=application, juror=request.user)
        .prefetch_related("scores")
        .first()
    )
    initial = {s.criterion_id: s.score for s in mine.scores.all()} if mine else {}
    form = AssessmentForm(
        request.POST or None,
        criteria=application.call.criteria.all(),
        initial_scores=initial,
        initial={"comment": mine.comment if mine else ""},
    )
    if response := submit_form(
        request, form,
        lambda data: services.assessment_save(
            application=application, juror=request.user, scores=form.scores(),
            comment=data["comment"],
        ),
        success=_("Évaluation enregistrée."),
        then=lambda _assessment: redirect(
            "funding_assessment_list", congress_slug, application.call_id
        ),
    ):  # fmt: skip
        return response
    return render(
        request,
        "funding/assessment_form.html",
        {"application": application, "call": application.call,
         "congress": application.call.congress, "form": form},
    )  # fmt: skip


# --- organisers ---------------------------------------------------------------------------------


def _managed_call(request, congress_slug, pk) -> FundingCall:
    call = _call_or_404(request, congress_slug, pk)
    if not can_manage_call(request.user, call):
        raise PermissionDenied
    return call


@login_required
def call_ranking(request, congress_slug, pk):
    call = _managed_call(request, congress_slug, pk)
    return render(
        request,
        "funding/ranking.html",
        {"call": call, "congress": call.congress, "applications": selectors.ranking(call),
         "decision_form": DecisionForm()},
    )  # fmt: skip


@login_required
@require_POST
def application_decide(request, congress_slug, pk):
    application = _application_or_404(request, congress_slug, pk)
    if not can_manage_call(request.user, application.call):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.application_decide(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"{application.title} : {message}")
        else:
            messages.success(request, _("Décision enregistrée : %(t)s.") % {"t": application.title})
    else:
        messages.error(request, _("Décision incomplète : choisissez retenu ou non retenu."))
    return redirect("funding_call_ranking", congress_slug, application.call_id)


@login_required
def decision_letter(request, congress_slug, pk):
    application = _application_or_404(request, congress_slug, pk)
    if not can_view_letter(request.user, application):
        raise Http404
    response = HttpResponse(
        documents.decision_letter_pdf(application), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="decision-{application.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def call_publish(request, congress_slug, pk):
    call = _managed_call(request, congress_slug, pk)
    services.call_publish_results(call=call, by=request.user)
    messages.success(request, _("La liste des projets financés est publique."))
    return redirect("funding_call_ranking", congress_slug, call.pk)


@login_required
def call_export(request, congress_slug, pk, fmt):
    call = _managed_call(request, congress_slug, pk)
    if fmt == "xlsx":
        body, content_type = documents.payment_xlsx(call), documents.XLSX_CONTENT_TYPE
    else:
        body, content_type = documents.payment_csv(call), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="financements-{call.pk}.{fmt}"'
    return response


def funded_list(request, congress_slug, pk):
    call = _call_or_404(request, congress_slug, pk)
    if call.results_published_at is None and not can_manage_call(request.user, call):
        raise Http404
    return render(
        request,
        "funding/funded_list.html",
        {"call": call, "congress": call.congress, "applications": selectors.funded_projects(call)},
    )
