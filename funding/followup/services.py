"""Writes of the follow-up: a funded project sends its reports; reminders before and after the
due dates, each sent at most once (run daily by `manage.py send_reminders`)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.mail import send_after_commit, send_text, site_url
from funding.followup.permissions import can_send_report
from funding.followup.selectors import due_dates
from funding.models import (
    Application,
    ApplicationState,
    FundedReport,
    FundedReportVersion,
    FundingCall,
    ReminderStage,
    ReportReminder,
)
from funding.services import letter_recipients
from funding.validators import validate_attachment

REMIND_DAYS_BEFORE = 7


def report_upload(*, application: Application, kind: str, file, by) -> FundedReport:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__congress", "organisation")
            .get(pk=application.pk)
        )
        if not can_send_report(by, application):
            raise PermissionDenied(
                _("Seuls les gestionnaires d'un projet financé envoient ses bilans.")
            )
        if kind not in {k for k, _label, _due in due_dates(application.call)}:
            raise ValidationError({"kind": _("L'appel ne demande pas ce bilan.")})
        validate_attachment(file)
        report = FundedReport.objects.filter(application=application, kind=kind).first()
        replacing = report is not None
        if replacing:  # the previous file is kept, listed as an earlier version
            FundedReportVersion.objects.create(
                report=report, file=report.file.name, received_at=report.received_at,
                uploaded_by=report.uploaded_by,
            )  # fmt: skip
        report = report or FundedReport(application=application, kind=kind)
        report.file = file
        report.uploaded_by = by
        report.received_at = timezone.now()
        report.full_clean()
        report.save()
        audit_record(
            actor=by,
            action="funding.report",
            congress=application.call.congress,
            target=application,
            details={"kind": kind, "replaces_earlier": replacing},
        )
    return report


def _stage(due: date, today: date) -> str | None:
    if today > due:
        return ReminderStage.LATE
    if due - timedelta(days=REMIND_DAYS_BEFORE) <= today:
        return ReminderStage.SOON
    return None


def _send_reminder(application, label: str, due: date, stage: str, recipients) -> None:
    context = {"application": application, "label": label, "due": due, "late": stage == "late",
               "url": site_url(application.get_absolute_url())}  # fmt: skip
    with translation.override("fr"):
        subject = render_to_string("funding/email/report_reminder_subject.txt", context)
        body = render_to_string("funding/email/report_reminder.txt", context)
    for to in recipients:
        send_text(to=to, subject=subject, body=body)


def report_reminders_send(today: date) -> int:
    """Remind each funded project of a report due within 7 days, then once it is late."""
    sent = 0
    calls = FundingCall.objects.filter(
        Q(interim_report_due__isnull=False) | Q(final_report_due__isnull=False),
        applications__state=ApplicationState.GRANTED,
    ).distinct()
    for call in calls.select_related("congress"):
        for kind, label, due in due_dates(call):
            stage = _stage(due, today)
            if stage is None:
                continue
            waiting = (
                Application.objects.filter(call=call, state=ApplicationState.GRANTED)
                .exclude(reports__kind=kind)
                .exclude(report_reminders__kind=kind, report_reminders__stage=stage)
                .select_related("organisation", "call__congress")
            )
            for application in waiting:
                try:
                    with transaction.atomic():
                        ReportReminder.objects.create(
                            application=application, kind=kind, stage=stage
                        )
                        send_after_commit(
                            _send_reminder, application, str(label), due, stage,
                            letter_recipients(application),
                        )  # fmt: skip
                except IntegrityError:
                    continue  # another run sent it
                sent += 1
    return sent
