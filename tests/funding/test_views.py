"""Pages of calls for projects and funder meetings: forms, downloads, query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from congress.organisations.models import MembershipRole
from funding.models import Application, ApplicationState, Decision, Meeting, MeetingWish
from tests.factories import MembershipFactory
from tests.factories.documents import pdf_upload
from tests.factories.funding import (
    ApplicationFactory,
    FunderFactory,
    MeetingGridFactory,
    attach_all,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def titles_rendered(response, objects, attribute="title"):
    assert response.status_code == 200
    body = response.content.decode()
    return [getattr(o, attribute) for o in objects if escape(getattr(o, attribute)) not in body]


def submitted_apps(call, n, **extra):
    return [
        ApplicationFactory(call=call, state=ApplicationState.SUBMITTED, **extra) for _ in range(n)
    ]


def test_a_manager_applies_uploads_and_submits_through_the_pages(
    client, call, association, manager
):
    client.force_login(manager)
    congress = call.congress
    assert (
        client.get(reverse("funding_call_detail", args=[congress.slug, call.pk])).status_code == 200
    )
    response = client.post(
        reverse("funding_application_create", args=[congress.slug, call.pk]),
        {"organisation": association.pk, "title": "Courses accompagnées",
         "theme": "Vie quotidienne", "public": "Personnes âgées", "project": "P", "need": "B",
         "impact_indicators": "I", "budget_total": "20000", "amount_requested": "9000"},
    )  # fmt: skip
    application = Application.objects.get()
    assert response.status_code == 302
    upload = reverse("funding_attachment_upload", args=[congress.slug, application.pk])
    bad = client.post(upload, {"kind": "statutes", "file": pdf_upload(active="javascript")})
    assert bad.status_code == 400
    assert "contenu actif" in bad.content.decode()
    for kind in ("statutes", "accounts", "budget"):
        client.post(upload, {"kind": kind, "file": pdf_upload(f"{kind}.pdf")})
    assert application.attachments.count() == 3
    attachment = application.attachments.first()
    download = client.get(
        reverse("funding_attachment_download", args=[congress.slug, application.pk, attachment.pk])
    )
    assert download["Content-Security-Policy"] == "sandbox"
    edit = reverse("funding_application_edit", args=[congress.slug, application.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"title": "Courses accompagnées 92", "theme": "Vie quotidienne",
                       "public": "Personnes âgées", "project": "P", "need": "B",
                       "impact_indicators": "I", "budget_total": "20000",
                       "amount_requested": "9000"})  # fmt: skip

    client.post(reverse("funding_application_submit", args=[congress.slug, application.pk]))

    application.refresh_from_db()
    assert application.title == "Courses accompagnées 92"
    assert application.state == ApplicationState.SUBMITTED


def test_the_form_refuses_an_amount_over_the_budget(client, call, association, manager):
    client.force_login(manager)
    response = client.post(
        reverse("funding_application_create", args=[call.congress.slug, call.pk]),
        {"organisation": association.pk, "title": "T", "theme": "Vie quotidienne",
         "public": "Personnes âgées", "project": "P", "need": "B", "impact_indicators": "I",
         "budget_total": "1000", "amount_requested": "2000"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Le montant demandé ne peut dépasser le budget total." in response.content.decode()
    assert Application.objects.count() == 0


def test_an_ineligible_submission_shows_the_rule(client, call, draft, manager):
    client.force_login(manager)  # no attachments
    response = client.post(
        reverse("funding_application_submit", args=[call.congress.slug, draft.pk]), follow=True
    )
    assert "Pièces manquantes" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT


def test_another_organisations_application_is_hidden(client, call, draft):
    other_manager = MembershipFactory(role=MembershipRole.MANAGER).user
    client.force_login(other_manager)
    url = reverse("funding_application_detail", args=[call.congress.slug, draft.pk])
    assert client.get(url).status_code == 404
    submit = reverse("funding_application_submit", args=[call.congress.slug, draft.pk])
    assert client.post(submit).status_code == 404


def test_juror_scores_and_conflicted_juror_is_refused(client, call, juror, draft):
    attach_all(draft)
    draft.state = ApplicationState.SUBMITTED
    draft.save()
    client.force_login(juror)
    url = reverse("funding_assessment_edit", args=[call.congress.slug, draft.pk])
    data = {f"score_{c.pk}": "4" for c in call.criteria.all()} | {"comment": "Bien"}
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200  # incomplete: the form again
    assert client.post(url, data).status_code == 302
    assert draft.assessments.get().weighted_score == Decimal("4.00")
    assert client.get(url).status_code == 200  # prefilled

    MembershipFactory(organisation=draft.organisation, user=juror)
    assert client.post(url, data).status_code == 403


def test_organiser_decides_downloads_the_letter_publishes_and_exports(
    client, call, organiser, draft
):
    draft.title = '=HYPERLINK("http://x","y")'
    draft.state = ApplicationState.SUBMITTED
    draft.save()
    client.force_login(organiser)
    slug = call.congress.slug
    decide = reverse("funding_application_decide", args=[slug, draft.pk])
    over = client.post(decide, {"granted": "1", "amount_granted": "99999"}, follow=True)
    assert "ne peut dépasser le montant demandé" in over.content.decode()
    assert not Decision.objects.exists()
    client.post(decide, {"granted": "x"})
    assert not Decision.objects.exists()
    client.post(decide, {"granted": "1", "amount_granted": "7000", "conditions": "Rapport"})
    assert Decision.objects.get().amount_granted == Decimal("7000")

    letter = client.get(reverse("funding_decision_letter", args=[slug, draft.pk]))
    assert letter.content.startswith(b"%PDF-")

    public = reverse("funding_funded_list", args=[slug, call.pk])
    client.logout()
    assert client.get(public).status_code == 404
    client.force_login(organiser)
    client.post(reverse("funding_call_publish", args=[slug, call.pk]))
    client.logout()
    assert "7" in client.get(public).content.decode()

    client.force_login(organiser)
    body = client.get(reverse("funding_call_export", args=[slug, call.pk, "csv"])).content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'" + draft.title
    xlsx = client.get(reverse("funding_call_export", args=[slug, call.pk, "xlsx"])).content
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet["A2"].value == "'" + draft.title
    assert sheet["A2"].data_type == "s"


@pytest.mark.parametrize("n", [1, 3])
def test_application_list_query_count(
    client, call, association, manager, n, django_assert_num_queries
):
    apps = [ApplicationFactory(call=call, organisation=association) for _ in range(n)]
    client.force_login(manager)
    with django_assert_num_queries(9):
        response = client.get(reverse("funding_application_list", args=[call.congress.slug]))
    assert titles_rendered(response, apps) == []


@pytest.mark.parametrize("n", [1, 3])
def test_assessment_list_query_count(client, call, juror, n, django_assert_num_queries):
    apps = submitted_apps(call, n)
    client.force_login(juror)
    with django_assert_num_queries(9):
        response = client.get(
            reverse("funding_assessment_list", args=[call.congress.slug, call.pk])
        )
    assert titles_rendered(response, apps) == []


@pytest.mark.parametrize("n", [1, 3])
def test_ranking_query_count(client, call, organiser, n, django_assert_num_queries):
    apps = submitted_apps(call, n)
    client.force_login(organiser)
    with django_assert_num_queries(8):
        response = client.get(reverse("funding_call_ranking", args=[call.congress.slug, call.pk]))
    assert titles_rendered(response, apps) == []


@pytest.mark.parametrize("n", [1, 3])
def test_funded_list_query_count(client, call, n, django_assert_num_queries):
    apps = submitted_apps(call, n)
    for a in apps:
        a.state = ApplicationState.GRANTED
        a.save()
        Decision.objects.create(application=a, granted=True, amount_granted=Decimal("100"))
    call.results_published_at = call.opens_at
    call.save()
    with django_assert_num_queries(4):
        response = client.get(reverse("funding_funded_list", args=[call.congress.slug, call.pk]))
    assert titles_rendered(response, apps) == []


def _meetings(call, n):
    grid = MeetingGridFactory(congress=call.congress)
    holder = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    funders = [FunderFactory(congress=call.congress, table=i + 1) for i in range(n)]
    for slot, funder in enumerate(funders):
        Meeting.objects.create(grid=grid, funder=funder, application=holder, slot=slot)
    return holder, funders


@pytest.mark.parametrize("n", [1, 3])
def test_meeting_board_query_count(client, call, organiser, n, django_assert_num_queries):
    _holder, funders = _meetings(call, n)
    client.force_login(organiser)
    with django_assert_num_queries(9):  # the outcome figures: one aggregate
        response = client.get(reverse("funding_meeting_board", args=[call.congress.slug]))
    assert [
        f for f in funders if escape(f.organisation.name) not in response.content.decode()
    ] == []


@pytest.mark.parametrize("n", [1, 3])
def test_my_meetings_query_count(client, call, n, django_assert_num_queries):
    holder, funders = _meetings(call, n)
    user = MembershipFactory(organisation=holder.organisation, role=MembershipRole.MANAGER).user
    client.force_login(user)
    with django_assert_num_queries(10):
        response = client.get(reverse("funding_my_meetings", args=[call.congress.slug]))
    assert [
        f for f in funders if escape(f.organisation.name) not in response.content.decode()
    ] == []
    ics = client.get(reverse("funding_my_meetings_ics", args=[call.congress.slug]))
    assert ics.content.count(b"BEGIN:VEVENT") == n


@pytest.mark.parametrize("n", [1, 3])
def test_holder_wishes_query_count(client, call, n, django_assert_num_queries):
    holder = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    funders = [FunderFactory(congress=call.congress) for _ in range(n)]
    user = MembershipFactory(organisation=holder.organisation, role=MembershipRole.MANAGER).user
    client.force_login(user)
    url = reverse("funding_holder_wishes", args=[call.congress.slug, holder.pk])
    with django_assert_num_queries(9):
        response = client.get(url)
    assert [
        f for f in funders if escape(f.organisation.name) not in response.content.decode()
    ] == []
    client.post(url, {"funder": [f.pk for f in funders]})
    assert MeetingWish.objects.filter(from_holder=True).count() == n


@pytest.mark.parametrize("n", [1, 3])
def test_funder_wishes_query_count(client, call, n, django_assert_num_queries):
    funder = FunderFactory(congress=call.congress)
    call.funder_organisation = funder.organisation  # its call's applications are offered
    call.save()
    apps = submitted_apps(call, n)
    user = MembershipFactory(organisation=funder.organisation).user
    client.force_login(user)
    url = reverse("funding_funder_wishes", args=[call.congress.slug, funder.pk])
    with django_assert_num_queries(9):
        response = client.get(url)
    assert titles_rendered(response, apps) == []
    client.post(url, {"application": [a.pk for a in apps]})
    assert MeetingWish.objects.filter(from_funder=True).count() == n


def test_organiser_sets_the_grid_builds_and_moves(client, call, organiser):
    holder, funders = _meetings(call, 2)
    client.force_login(organiser)
    slug = call.congress.slug
    grid_url = reverse("funding_meeting_grid", args=[slug])
    assert client.get(grid_url).status_code == 200
    bad = client.post(grid_url, {"day": "2026-11-22", "starts_at": "14:00", "ends_at": "17:00",
                                 "slot_minutes": "15", "tables": "12", "breaks": "midi"})  # fmt: skip
    assert "Pause mal écrite" in bad.content.decode()
    ok = client.post(grid_url, {"day": "2026-11-22", "starts_at": "14:00", "ends_at": "17:00",
                                "slot_minutes": "15", "tables": "12", "breaks": "15:30-15:45"})  # fmt: skip
    assert ok.status_code == 302
    meeting = Meeting.objects.get(slot=0)
    move = reverse("funding_meeting_move", args=[slug, meeting.pk])
    conflict = client.post(move, {"slot": "1"}, follow=True)
    assert "Le porteur de projet a déjà un rendez-vous sur ce créneau." in conflict.content.decode()
    client.post(move, {"slot": "99"})
    client.post(move, {"slot": "5"})
    meeting.refresh_from_db()
    assert meeting.slot == 5
    MeetingWish.objects.create(application=holder, funder=funders[0], from_holder=True)
    built = client.post(reverse("funding_schedule_build", args=[slug]), follow=True)
    assert plain("Planning généré : 1 rendez-vous") in plain(built.content.decode())


def test_funder_registration_page(client, call, association, manager):
    client.force_login(manager)
    url = reverse("funding_funder_register", args=[call.congress.slug])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"organisation": association.pk, "funds": "Prêts",
                            "ticket_min": "9", "ticket_max": "1"})  # fmt: skip
    assert bad.status_code == 200
    client.post(url, {"organisation": association.pk, "funds": "Prêts"})
    assert association.funder_profiles.count() == 1
