"""Follow-up of funded projects: reports due, received through the document checks, late, the
funder's and organisers' list, reminders sent at most once by `send_reminders`."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from congress.audit.models import AuditEntry
from funding.models import (
    ApplicationState,
    FundedReport,
    FundedReportVersion,
    ReportReminder,
)
from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.documents import pdf_upload
from tests.factories.funding import ApplicationFactory, FundingCallFactory
from tests.funding.conftest import grant
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def test_a_funded_project_sends_its_report_through_the_document_checks(
    client, funded_call, draft, manager
):
    grant(draft)
    client.force_login(manager)
    url = reverse("funding_report_page", args=[funded_call.congress.slug, draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Bilan intermédiaire : en retard" in plain(page.content.decode())  # 2025 is past
    not_pdf = SimpleUploadedFile("bilan.pdf", b"nope", content_type="application/pdf")
    bad = client.post(url, {"kind": "interim", "file": not_pdf})
    assert bad.status_code == 400
    assert not FundedReport.objects.exists()
    response = client.post(url, {"kind": "interim", "file": pdf_upload("bilan.pdf")})
    assert response.status_code == 302
    report = FundedReport.objects.get()
    assert (report.application, report.kind, report.uploaded_by) == (draft, "interim", manager)
    assert AuditEntry.objects.filter(action="funding.report").count() == 1
    body = plain(client.get(url).content.decode())
    assert "Bilan intermédiaire : reçu le" in body
    download = reverse(
        "funding_report_download", args=[funded_call.congress.slug, draft.pk, report.pk]
    )
    assert client.get(download).status_code == 200


def test_only_a_granted_projects_managers_send_reports(client, funded_call, draft, manager):
    draft.state = ApplicationState.SUBMITTED
    draft.save()
    client.force_login(manager)
    url = reverse("funding_report_page", args=[funded_call.congress.slug, draft.pk])
    assert client.post(url, {"kind": "interim", "file": pdf_upload("b.pdf")}).status_code == 404
    assert not FundedReport.objects.exists()


def test_the_followup_list_shows_late_reports_to_organisers_and_the_funder(
    client, funded_call, organiser
):
    late = grant(ApplicationFactory(call=funded_call, title="Projet en retard"))
    done = grant(ApplicationFactory(call=funded_call, title="Projet à jour"))
    FundedReport.objects.create(application=done, kind="interim", file=pdf_upload("b.pdf"))
    FundedReport.objects.create(application=done, kind="final", file=pdf_upload("c.pdf"))
    url = reverse("funding_followup_list", args=[funded_call.congress.slug, funded_call.pk])
    client.force_login(organiser)
    body = client.get(url + "?late=1").content.decode()
    assert late.title in body and done.title not in body
    funder_org = OrganisationFactory()
    funder = MembershipFactory(organisation=funder_org).user
    client.force_login(funder)
    assert client.get(url).status_code == 403
    funded_call.funder_organisation = funder_org
    funded_call.save()
    body = client.get(url).content.decode()
    assert late.title in body and done.title in body


@pytest.mark.parametrize("n", [1, 3])
def test_followup_list_query_count(client, funded_call, organiser, n, django_assert_num_queries):
    projects = [grant(ApplicationFactory(call=funded_call)) for _ in range(n)]
    for p in projects:
        FundedReport.objects.create(application=p, kind="interim", file=pdf_upload("b.pdf"))
    client.force_login(organiser)
    url = reverse("funding_followup_list", args=[funded_call.congress.slug, funded_call.pk])
    client.get(url)
    with django_assert_num_queries(9):
        response = client.get(url)
    body = response.content.decode()
    assert [p.title for p in projects if p.title not in body] == []
    assert body.count("reçu le") == n


def test_reminders_before_the_due_date_then_late_each_once(
    funded_call, draft, manager, django_capture_on_commit_callbacks
):
    grant(draft)
    other = grant(ApplicationFactory(call=funded_call))
    FundedReport.objects.create(application=other, kind="interim", file=pdf_upload("b.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", today=datetime.date(2025, 3, 20), stdout=io.StringIO())
    assert mail.outbox == []  # 11 days before: too early
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", today=datetime.date(2025, 3, 25), stdout=io.StringIO())
        call_command("send_reminders", today=datetime.date(2025, 3, 26), stdout=io.StringIO())
    soon = [m for m in mail.outbox if "attendu bientôt" in m.subject]
    assert {m.to[0] for m in soon} == {manager.email, draft.organisation.contact_email}
    assert len(mail.outbox) == 2  # the project that sent its report gets nothing
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", today=datetime.date(2025, 4, 2), stdout=io.StringIO())
        call_command("send_reminders", today=datetime.date(2025, 4, 3), stdout=io.StringIO())
    late = [m for m in mail.outbox if "en retard" in m.subject]
    assert len(late) == 2
    assert "31 mars 2025" in late[0].body
    assert sorted(ReportReminder.objects.values_list("stage", flat=True)) == ["late", "soon"]


def test_funders_see_only_their_own_calls_applications(client, funded_call):
    funder_org = OrganisationFactory()
    funded_call.funder_organisation = funder_org
    funded_call.save()
    other_call = FundingCallFactory(congress=funded_call.congress, title="Autre appel")
    mine = ApplicationFactory(call=funded_call, state=ApplicationState.SUBMITTED)
    draft = ApplicationFactory(call=funded_call)
    theirs = ApplicationFactory(call=other_call, state=ApplicationState.SUBMITTED)
    client.force_login(MembershipFactory(organisation=funder_org).user)
    slug = funded_call.congress.slug
    assert (
        client.get(reverse("funding_application_detail", args=[slug, mine.pk])).status_code == 200
    )
    assert (
        client.get(reverse("funding_application_detail", args=[slug, draft.pk])).status_code == 404
    )
    assert (
        client.get(reverse("funding_application_detail", args=[slug, theirs.pk])).status_code == 404
    )


def test_a_report_sent_again_keeps_the_earlier_file_for_organisers_and_the_funder(
    client, funded_call, draft, manager, organiser
):
    funder_org = OrganisationFactory()
    funded_call.funder_organisation = funder_org
    funded_call.save()
    grant(draft)
    client.force_login(manager)
    url = reverse("funding_report_page", args=[funded_call.congress.slug, draft.pk])
    client.post(url, {"kind": "interim", "file": pdf_upload("bilan.pdf")})
    first = FundedReport.objects.get()
    first_name, first_received = first.file.name, first.received_at
    client.post(url, {"kind": "interim", "file": pdf_upload("bilan.pdf")})

    report = FundedReport.objects.get()
    assert report.file.name != first_name
    assert report.received_at > first_received
    version = FundedReportVersion.objects.get()
    assert (version.report, version.file.name, version.received_at, version.uploaded_by) == (
        report, first_name, first_received, manager,
    )  # fmt: skip
    assert version.file.storage.exists(first_name)
    assert [
        e.details for e in AuditEntry.objects.filter(action="funding.report").order_by("pk")
    ] == [
        {"kind": "interim", "replaces_earlier": False},
        {"kind": "interim", "replaces_earlier": True},
    ]
    download = reverse(
        "funding_report_version_download", args=[funded_call.congress.slug, draft.pk, version.pk]
    )
    assert "report-versions" not in client.get(url).content.decode()
    assert client.get(download).status_code == 404  # the project sees its current reports
    for viewer in (organiser, MembershipFactory(organisation=funder_org).user):
        client.force_login(viewer)
        page = plain(client.get(url).content.decode())
        assert "Versions précédentes" in page
        assert "Bilan intermédiaire reçu le" in page
        response = client.get(download)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_service_refuses_a_report_from_outside_the_project_or_not_asked_by_the_call(
    funded_call, draft, manager, organiser
):
    from django.core.exceptions import PermissionDenied, ValidationError

    from funding.followup.services import report_upload

    grant(draft)
    plain_member = MembershipFactory(organisation=draft.organisation).user
    for outsider in (organiser, plain_member):
        with pytest.raises(PermissionDenied):
            report_upload(application=draft, kind="interim", file=pdf_upload("b.pdf"), by=outsider)
    funded_call.interim_report_due = None
    funded_call.save()
    with pytest.raises(ValidationError) as caught:
        report_upload(application=draft, kind="interim", file=pdf_upload("b.pdf"), by=manager)
    assert caught.value.message_dict == {"kind": ["L'appel ne demande pas ce bilan."]}

    assert not FundedReport.objects.exists()
    assert not AuditEntry.objects.filter(action="funding.report").exists()


def test_a_reminder_recorded_by_a_concurrent_run_is_skipped_and_the_others_still_sent(
    funded_call, draft, manager, django_capture_on_commit_callbacks, monkeypatch
):
    from funding.followup.services import report_reminders_send

    grant(draft)
    other = grant(ApplicationFactory(call=funded_call))
    create = ReportReminder.objects.create

    def concurrent_run_first(**fields):  # the other run inserts between our query and insert
        if fields["application"] == draft:
            ReportReminder.objects.bulk_create([ReportReminder(**fields)])
        return create(**fields)

    monkeypatch.setattr(ReportReminder.objects, "create", concurrent_run_first)
    with django_capture_on_commit_callbacks(execute=True):
        sent = report_reminders_send(datetime.date(2025, 3, 25))

    assert sent == 1
    recipients = {to for m in mail.outbox for to in m.to}
    assert other.organisation.contact_email in recipients
    assert not recipients & {manager.email, draft.organisation.contact_email}
    assert list(ReportReminder.objects.values_list("application", "kind", "stage")) == [
        (other.pk, "interim", "soon")
    ]
