"""Pages of the follow-up: the funded projects' reports for the organisers and the funder, a
project sending its report, and reading one."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.core.downloads import attachment_response
from congress.core.forms import submit_form
from funding import documents
from funding.followup import selectors, services
from funding.followup.forms import ReportForm
from funding.followup.permissions import can_send_report, can_view_reports
from funding.models import Application, FundedReportVersion, FundingCall
from funding.permissions import can_follow_up
from tracks.views import visible_congress_or_404


def _application_or_404(request, congress_slug, pk) -> Application:
    congress = visible_congress_or_404(request, congress_slug)
    application = get_object_or_404(
        Application.objects.select_related("call__congress", "organisation"),
        call__congress=congress,
        pk=pk,
    )
    if not can_view_reports(request.user, application):
        raise Http404
    return application


@login_required
def followup_list(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    call = get_object_or_404(
        FundingCall.objects.select_related("congress"), congress=congress, pk=pk
    )
    if not can_follow_up(request.user, call):
        raise PermissionDenied
    late_only = request.GET.get("late") == "1"
    today = timezone.localdate()
    return render(
        request,
        "funding/followup/followup_list.html",
        {"congress": congress, "call": call, "late_only": late_only,
         "due_dates": selectors.due_dates(call),
         "rows": selectors.followup_rows(call, today, late_only=late_only)},
    )  # fmt: skip


@login_required
def report_page(request, congress_slug, pk):
    """A funded project's reports: what is due, what was received; its managers send them."""
    application = _application_or_404(request, congress_slug, pk)
    can_send = can_send_report(request.user, application)
    if request.method == "POST" and not can_send:
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None, call=application.call)
    if response := submit_form(
        request,
        form,
        lambda data: services.report_upload(
            application=application, kind=data["kind"], file=data["file"], by=request.user
        ),
        success=_("Bilan reçu, merci."),
        then=lambda _report: redirect("funding_report_page", congress_slug, application.pk),
    ):
        return response
    response = render(
        request,
        "funding/followup/report_page.html",
        {"congress": application.call.congress, "application": application, "form": form,
         "can_send": can_send,
         "versions": selectors.report_versions(application)
         if can_follow_up(request.user, application.call) else [],
         "statuses": selectors.report_statuses(application, timezone.localdate())},
    )  # fmt: skip
    if request.method == "POST":
        response.status_code = 400
    return response


@login_required
def report_version_download(request, congress_slug, pk, version_pk):
    """An earlier file of a report: the organisers and the call's funder."""
    application = _application_or_404(request, congress_slug, pk)
    if not can_follow_up(request.user, application.call):
        raise Http404
    version = get_object_or_404(
        FundedReportVersion.objects.filter(report__application=application), pk=version_pk
    )
    name = version.file.name.rsplit("/", 1)[-1]
    return attachment_response(
        version.file.open("rb"), filename=name, content_type=documents.attachment_content_type(name)
    )


@login_required
def report_download(request, congress_slug, pk, report_pk):
    application = _application_or_404(request, congress_slug, pk)
    report = get_object_or_404(application.reports.all(), pk=report_pk)
    name = report.file.name.rsplit("/", 1)[-1]
    return attachment_response(
        report.file.open("rb"), filename=name, content_type=documents.attachment_content_type(name)
    )
