"""Rules of the funded projects' follow-up (funding/followup/services.py): who sends a report,
what is kept of an earlier one, and the reminders: from 7 days before the due date, then once
late, each at most once, to the project's managers and contact address."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.organisations.models import MembershipRole
from funding.followup import services
from funding.models import (
    ApplicationState,
    FundedReport,
    FundedReportVersion,
    ReportReminder,
)
from tests.factories import MembershipFactory, UserFactory
from tests.factories.documents import pdf_upload
from tests.factories.funding import ApplicationFactory, FundingCallFactory
from tests.funding.conftest import FINAL, INTERIM, grant
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def remind(today, capture):
    with capture(execute=True):
        return services.report_reminders_send(today)


# Reports ---------------------------------------------------------------------------------------


def test_a_report_records_who_sent_it_and_when_and_is_audited(
    monkeypatch, funded_call, draft, manager
):
    grant(draft)
    moment = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: moment)

    report = services.report_upload(
        application=draft, kind="final", file=pdf_upload("bilan.pdf"), by=manager
    )

    report = FundedReport.objects.get(pk=report.pk)
    assert (report.application, report.kind, report.uploaded_by, report.received_at) == (
        draft, "final", manager, moment,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="funding.report")
    assert (entry.actor_id, entry.congress_id, entry.target_id, entry.details) == (
        manager.pk, funded_call.congress_id, str(draft.pk),
        {"kind": "final", "replaces_earlier": False},
    )  # fmt: skip


def test_a_report_sent_again_by_another_manager_keeps_who_sent_the_first(
    funded_call, draft, manager
):
    grant(draft)
    other_manager = MembershipFactory(
        organisation=draft.organisation, role=MembershipRole.MANAGER
    ).user
    services.report_upload(application=draft, kind="interim", file=pdf_upload("a.pdf"), by=manager)
    services.report_upload(
        application=draft, kind="final", file=pdf_upload("f.pdf"), by=other_manager
    )

    services.report_upload(
        application=draft, kind="interim", file=pdf_upload("b.pdf"), by=other_manager
    )

    assert sorted(FundedReport.objects.values_list("kind", "uploaded_by")) == [
        ("final", other_manager.pk),
        ("interim", other_manager.pk),
    ]
    version = FundedReportVersion.objects.get()
    assert (version.report.kind, version.uploaded_by) == ("interim", manager)


def test_a_report_of_a_project_not_granted_is_refused_with_the_rule(funded_call, draft, manager):
    with pytest.raises(PermissionDenied) as error:
        services.report_upload(
            application=draft, kind="interim", file=pdf_upload("a.pdf"), by=manager
        )
    assert str(error.value) == "Seuls les gestionnaires d'un projet financé envoient ses bilans."


def test_a_report_goes_through_the_document_checks(funded_call, draft, manager):
    grant(draft)

    with pytest.raises(ValidationError) as error:
        services.report_upload(
            application=draft, kind="interim", file=pdf_upload(active="javascript"), by=manager
        )
    assert error.value.code == "active_content"
    assert not FundedReport.objects.exists()


# Reminders -------------------------------------------------------------------------------------


@pytest.fixture
def funded(funded_call, draft, manager):
    return grant(draft)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (INTERIM - datetime.timedelta(days=8), None),
        (INTERIM - datetime.timedelta(days=7), "soon"),
        (INTERIM, "soon"),
        (INTERIM + datetime.timedelta(days=1), "late"),
    ],
)
def test_the_reminder_stage_follows_the_due_date(
    funded, django_capture_on_commit_callbacks, today, stage
):
    sent = remind(today, django_capture_on_commit_callbacks)

    expected = [] if stage is None else [(funded.pk, "interim", stage)]
    assert list(ReportReminder.objects.values_list("application", "kind", "stage")) == expected
    assert sent == len(expected)


def test_a_soon_reminder_is_written_to_each_recipient(
    funded, manager, django_capture_on_commit_callbacks
):
    remind(INTERIM - datetime.timedelta(days=3), django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [manager.email, funded.organisation.contact_email]
    )
    message = mail.outbox[0]
    assert plain(message.subject) == f"Bilan intermédiaire attendu bientôt : « {funded.title} »"
    assert f"Le bilan intermédiaire du projet « {funded.title} » est attendu le 31 mars 2025." in (
        plain(message.body)
    )
    assert funded.get_absolute_url() in message.body


def test_a_late_reminder_says_the_report_was_not_received(
    funded, django_capture_on_commit_callbacks
):
    remind(INTERIM + datetime.timedelta(days=2), django_capture_on_commit_callbacks)

    message = mail.outbox[0]
    assert plain(message.subject) == f"Bilan intermédiaire en retard : « {funded.title} »"
    assert (
        f"Le bilan intermédiaire du projet « {funded.title} » était attendu le 31 mars 2025 : "
        "nous ne l'avons pas reçu."
    ) in plain(message.body)


def test_a_call_asking_only_the_final_report_reminds_of_it(
    call, draft, django_capture_on_commit_callbacks
):
    call.final_report_due = FINAL
    call.save()
    grant(draft)

    sent = remind(FINAL - datetime.timedelta(days=1), django_capture_on_commit_callbacks)

    assert sent == 1
    assert list(ReportReminder.objects.values_list("kind", "stage")) == [("final", "soon")]


def test_projects_not_granted_and_calls_without_reports_are_not_reminded(
    funded_call, django_capture_on_commit_callbacks
):
    ApplicationFactory(call=funded_call, state=ApplicationState.SUBMITTED)
    ApplicationFactory(call=funded_call, state=ApplicationState.DECLINED)
    grant(ApplicationFactory(call=FundingCallFactory(congress=funded_call.congress)))

    assert remind(INTERIM, django_capture_on_commit_callbacks) == 0
    assert not ReportReminder.objects.exists()
    assert mail.outbox == []


def test_only_the_granted_projects_of_the_call_due_are_reminded(
    funded_call, funded, django_capture_on_commit_callbacks
):
    ApplicationFactory(call=funded_call, state=ApplicationState.SUBMITTED)
    ApplicationFactory(call=funded_call, state=ApplicationState.DECLINED)
    grant(ApplicationFactory(call=FundingCallFactory(congress=funded_call.congress)))

    assert remind(INTERIM, django_capture_on_commit_callbacks) == 1
    assert list(ReportReminder.objects.values_list("application", flat=True)) == [funded.pk]


def test_a_call_asking_only_the_interim_report_reminds_of_it(
    call, draft, django_capture_on_commit_callbacks
):
    call.interim_report_due = INTERIM
    call.save()
    grant(draft)

    assert remind(INTERIM, django_capture_on_commit_callbacks) == 1
    assert list(ReportReminder.objects.values_list("kind", "stage")) == [("interim", "soon")]


def test_each_funded_project_has_its_own_reports(funded_call, funded, manager):
    other = grant(ApplicationFactory(call=funded_call))
    other_manager = MembershipFactory(
        organisation=other.organisation, role=MembershipRole.MANAGER
    ).user
    services.report_upload(application=funded, kind="interim", file=pdf_upload("a.pdf"), by=manager)

    services.report_upload(
        application=other, kind="interim", file=pdf_upload("b.pdf"), by=other_manager
    )

    assert sorted(FundedReport.objects.values_list("application", "uploaded_by")) == sorted(
        [(funded.pk, manager.pk), (other.pk, other_manager.pk)]
    )
    assert not FundedReportVersion.objects.exists()


def test_several_funded_projects_of_one_call_are_each_reminded_once(
    funded_call, funded, django_capture_on_commit_callbacks
):
    others = [grant(ApplicationFactory(call=funded_call)) for _ in range(2)]

    assert remind(INTERIM, django_capture_on_commit_callbacks) == 3
    assert remind(INTERIM, django_capture_on_commit_callbacks) == 0

    assert sorted(ReportReminder.objects.values_list("application", flat=True)) == sorted(
        [funded.pk, *(o.pk for o in others)]
    )


def test_the_reminder_of_one_report_does_not_stand_for_the_other(
    funded_call, funded, django_capture_on_commit_callbacks
):
    funded_call.final_report_due = INTERIM + datetime.timedelta(days=3)
    funded_call.save()
    ReportReminder.objects.create(application=funded, kind="final", stage="soon")

    assert remind(INTERIM, django_capture_on_commit_callbacks) == 1
    assert sorted(ReportReminder.objects.values_list("kind", "stage")) == [
        ("final", "soon"),
        ("interim", "soon"),
    ]


def test_an_inactive_manager_gets_no_reminder(funded, manager, django_capture_on_commit_callbacks):
    gone = UserFactory(email="parti.ailleurs@example.org", is_active=False)
    MembershipFactory(organisation=funded.organisation, role=MembershipRole.MANAGER, user=gone)

    remind(INTERIM, django_capture_on_commit_callbacks)

    assert "parti.ailleurs@example.org" not in {m.to[0] for m in mail.outbox}
    assert len(mail.outbox) == 2
