"""Organisers' pages: dashboard, report (foreword, generation, download) and data exports."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.collation import by_name
from congress.core.downloads import attachment_response
from congress.editions.models import VISIBLE_STATUSES, Congress
from proposals.outcomes.models import Addressee
from reports import exports, services
from reports.dashboard import dashboard as build_dashboard
from reports.forms import ReportSettingsForm
from reports.models import Report, ReportScope, ReportSettings
from reports.permissions import can_view_reports
from reports.policy import addressee_heading
from reports.precheck import report_precheck
from tracks.feedback.selectors import feedback_summary


def _congress_for_organiser(request, congress_slug) -> Congress:
    congress = get_object_or_404(Congress, slug=congress_slug)
    if not can_view_reports(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def dashboard(request, congress_slug):
    congress = _congress_for_organiser(request, congress_slug)
    return render(
        request,
        "reports/staff/dashboard.html",
        {
            "congress": congress,
            "dashboard": build_dashboard(congress),
            "feedback": feedback_summary(congress),
        },
    )


def _variants(congress: Congress) -> list[Report]:
    """The full report, one per track and one per addressee, with their last state."""
    existing = {(r.scope, r.scope_value): r for r in Report.objects.filter(congress=congress)}
    wanted = [(ReportScope.FULL, "", _("Rapport complet"))]
    wanted += [
        (ReportScope.TRACK, track.slug, _("Thème : %(name)s") % {"name": track.name})
        for track in congress.tracks.order_by("order", "name")
    ]
    wanted += [
        (ReportScope.ADDRESSEE, addressee.slug, addressee_heading(addressee))
        for addressee in Addressee.objects.order_by(*by_name("=order", "name"))
    ]
    variants = []
    for scope, value, label in wanted:
        report = existing.get((scope, value)) or Report(
            congress=congress, scope=scope, scope_value=value
        )
        report.label = label
        variants.append(report)
    return variants


@login_required
def report_page(request, congress_slug):
    congress = _congress_for_organiser(request, congress_slug)
    current = ReportSettings.objects.filter(congress=congress).first()
    form = ReportSettingsForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "foreword": current.foreword if current else "",
            "method": current.method if current else "",
            "logo": congress.logo or None,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.report_settings_update(congress=congress, by=request.user, **form.cleaned_data)
        messages.success(request, _("L'avant-propos est enregistré."))
        return redirect("report_page", congress.slug)
    variants = _variants(congress)
    return render(
        request,
        "reports/staff/report.html",
        {
            "congress": congress,
            "form": form,
            "published": current if current and current.published_file else None,
            "variants": variants,
            "busy": any(v.is_busy for v in variants),
            "gaps": report_precheck(congress, current),
        },
    )


@login_required
@require_POST
def report_generate(request, congress_slug):
    congress = _congress_for_organiser(request, congress_slug)
    # The page's single form sends the chosen version as « scope:value ».
    scope, _sep, scope_value = request.POST.get("variant", "").partition(":")
    if not scope:
        scope = request.POST.get("scope", ReportScope.FULL)
        scope_value = request.POST.get("scope_value", "")
    try:
        report = services.report_request(
            congress=congress, by=request.user, scope=scope, scope_value=scope_value
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("report_page", congress.slug)
    report.refresh_from_db()
    if report.is_busy:
        messages.info(
            request, _("La génération du rapport est lancée. Cette page suit son avancement.")
        )
    return redirect(
        reverse("report_page", args=[congress.slug])
        + f"#report-{report.scope}-{report.scope_value or 'all'}"
    )


@login_required
def report_progress(request, congress_slug, pk):
    congress = _congress_for_organiser(request, congress_slug)
    report = get_object_or_404(Report, congress=congress, pk=pk)
    return JsonResponse(
        {
            "status": report.status,
            "status_label": report.get_status_display(),
            "progress": report.progress,
            "stage": report.stage,
            "busy": report.is_busy,
            "download_url": reverse("report_download", args=[congress.slug, report.pk])
            if report.has_file
            else "",
        }
    )


@login_required
def report_download(request, congress_slug, pk):
    congress = _congress_for_organiser(request, congress_slug)
    report = get_object_or_404(Report, congress=congress, pk=pk)
    if not report.file or not report.file.storage.exists(report.file.name):
        raise Http404
    name = f"rapport-{congress.slug}"
    if report.scope_value:
        name += f"-{report.scope_value}"
    return attachment_response(
        report.file.open("rb"), filename=f"{name}.pdf", content_type="application/pdf"
    )


@login_required
@require_POST
def report_publish(request, congress_slug, pk):
    congress = _congress_for_organiser(request, congress_slug)
    report = get_object_or_404(Report, congress=congress, pk=pk)
    label = next(
        (
            v.label
            for v in _variants(congress)
            if (v.scope, v.scope_value) == (report.scope, report.scope_value)
        ),
        str(report),
    )
    try:
        services.report_publish(report=report, label=label, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("« %(name)s » est publié sur la page de l'édition.") % {"name": label},
        )
    return redirect("report_page", congress.slug)


@login_required
@require_POST
def report_unpublish(request, congress_slug):
    congress = _congress_for_organiser(request, congress_slug)
    try:
        services.report_unpublish(congress=congress, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Le rapport n'est plus publié."))
    return redirect("report_page", congress.slug)


def report_public_download(request, congress_slug):
    """The report version the organisers published, for everyone; nothing else."""
    congress = get_object_or_404(Congress, slug=congress_slug, status__in=VISIBLE_STATUSES)
    published = ReportSettings.objects.filter(congress=congress).exclude(published_file="").first()
    if published is None or not published.published_file.storage.exists(
        published.published_file.name
    ):
        raise Http404
    response = attachment_response(
        published.published_file.open("rb"),
        filename=f"rapport-{congress.slug}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- exports --------------------------------------------------------------------------------


@login_required
def export_list(request, congress_slug):
    congress = _congress_for_organiser(request, congress_slug)
    return render(
        request,
        "reports/staff/exports.html",
        {"congress": congress, "tables": list(exports.TABLES.values())},
    )


def _table_or_404(name: str) -> exports.Table:
    table = exports.TABLES.get(name)
    if table is None:
        raise Http404
    return table


@login_required
def export_csv(request, congress_slug, table):
    congress = _congress_for_organiser(request, congress_slug)
    table = _table_or_404(table)
    semicolon = request.GET.get("sep") == "semicolon"
    services.export_record(congress=congress, by=request.user, table=table.name, file_format="csv")
    response = StreamingHttpResponse(
        (
            chunk.encode("utf-8")
            for chunk in exports.csv_chunks(table, congress, semicolon=semicolon)
        ),
        content_type="text/csv; charset=utf-8",
    )
    suffix = "-point-virgule" if semicolon else ""
    response["Content-Disposition"] = (
        f'attachment; filename="{congress.slug}-{table.name}{suffix}.csv"'
    )
    return response


@login_required
def export_xlsx(request, congress_slug, table):
    congress = _congress_for_organiser(request, congress_slug)
    tables = list(exports.TABLES.values()) if table == "all" else [_table_or_404(table)]
    services.export_record(congress=congress, by=request.user, table=table, file_format="xlsx")
    target = tempfile.TemporaryFile(suffix=".xlsx")  # closed (and deleted) by FileResponse
    exports.write_xlsx(tables, congress, target)
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=f"{congress.slug}-{table}.xlsx",
        content_type=exports.XLSX_CONTENT_TYPE,
    )
