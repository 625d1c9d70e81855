"""The demo (issue 12): beside the past 2024 edition and 2019, an upcoming edition open for
registration, proposals and workshop sign-up; every demo object dated relative to its edition."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from congress.accounts.demo import DEMO_DOMAIN
from congress.accounts.models import User
from congress.editions.demo import upcoming_start
from congress.editions.models import Congress
from congress.payments.models import Invoice, InvoiceCounter
from congress.registrations.models import Order, Registration
from proposals.models import CallForProposals
from proposals.outcomes.followup.models import FollowUp
from proposals.outcomes.recording.models import Outcome
from proposals.selectors import proposals_to_review
from reports import demo as reports_demo
from reports.models import ReportSettings
from tests.congress.demo_dates import dated_fields, misdated
from tracks.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_demo):
    """The demo as `seed_demo` leaves it; when the seeding started and ended."""
    return seeded_demo


def test_upcoming_edition_starts_about_four_months_ahead_on_a_thursday():
    today = timezone.localdate().replace(year=2026, month=12, day=3)  # a Thursday
    start = upcoming_start(today)
    assert (start.isoformat(), start.weekday()) == ("2027-04-08", 3)
    for offset in range(7):
        start = upcoming_start(today + timedelta(days=offset))
        assert start.weekday() == 3
        assert 120 <= (start - today - timedelta(days=offset)).days <= 126


def test_demo_has_an_upcoming_edition_open_for_everything(seeded):
    upcoming = Congress.objects.current()
    today = timezone.localdate()
    assert upcoming.slug == f"congres-solidarites-{upcoming.start_date.year}"
    assert (upcoming.end_date - upcoming.start_date).days == 1
    assert upcoming.start_date.weekday() == 3
    assert 120 <= (upcoming.start_date - today).days <= 126
    assert upcoming.signup_is_open is True
    call = CallForProposals.objects.get(congress=upcoming)
    assert call.opens_at < timezone.now() < call.closes_at
    assert upcoming.tariffs.count() == 4
    assert Session.objects.filter(congress=upcoming, session_type__is_workshop=True).count() == 6
    participant = Registration.objects.get(
        congress=upcoming, email="participant@demo.congres-solidarites.fr"
    )
    assert participant.status == "confirmed"
    # the demo reviewer has proposals to review in the open call (issue 14)
    reviewer = User.objects.get(email=f"relecteur@{DEMO_DOMAIN}")
    to_review = proposals_to_review(reviewer, upcoming)
    assert len(to_review) == 4
    assert {p.state for p in to_review} == {"submitted"}
    assert all(call.opens_at < p.submitted_at < timezone.now() for p in to_review)
    past = Congress.objects.get(slug="congres-solidarites-2024")
    assert (past.has_ended, past.is_current) == (True, False)
    assert Congress.objects.get(slug="congres-solidarites-2019").has_ended is True


def test_every_demo_object_is_dated_relative_to_its_edition(seeded):
    assert misdated(*seeded) == []


def test_the_walk_covers_the_dated_fields_and_catches_a_seed_day_stamp(seeded):
    labels = {d.label for d in dated_fields()}
    assert {
        "congress.Invoice.issued_on",
        "congress.Order.created_at",
        "tracks.WorkshopSignup.created_at",
        "proposals.Outcome.submitted_at",
        "proposals.FollowUp.created_at",
        "proposals.Endorsement.created_at",
        "reports.ReportSettings.published_at",
    } <= labels
    order = Order.objects.filter(congress__slug="congres-solidarites-2024").first()
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now())
    assert misdated(seeded[0], timezone.now()) == [
        f"congress.Order.created_at of congres-solidarites-2024: "
        f"{Order.objects.get(pk=order.pk).created_at}"
    ]


def test_demo_dates_follow_the_life_of_the_2024_edition(seeded):
    past = Congress.objects.get(slug="congres-solidarites-2024")
    issued = set(Invoice.objects.filter(order__congress=past).values_list("issued_on", flat=True))
    assert issued and max(issued) < past.start_date  # invoices issued before the event
    # numbered in their year of issue, without gaps (issue 14: not F-2026-… dated 2024)
    numbered = Invoice.objects.filter(order__congress=past).order_by("kind", "year", "number")
    for invoice in numbered:
        assert (invoice.year, invoice.reference) == (
            invoice.issued_on.year,
            f"{invoice.series}-{invoice.issued_on.year}-{invoice.number:05d}",
        )
    # each year's invoices (late 2023 as well as 2024, as the orders' dates fall) from 1, and
    # that year's counter at the last of them
    years = sorted({i.year for i in numbered if i.kind == "invoice"})
    assert years and set(years) <= {past.start_date.year - 1, past.start_date.year}
    for year in years:
        in_year = [i.number for i in numbered if i.kind == "invoice" and i.year == year]
        assert in_year == list(range(1, len(in_year) + 1)), year
        counter = InvoiceCounter.objects.get(kind="invoice", series=past.invoice_prefix, year=year)
        assert counter.last_number == len(in_year), year
    written = [
        timezone.localdate(at)
        for at in Outcome.objects.filter(congress=past).values_list("created_at", flat=True)
    ]
    assert set(written) <= set(past.days)  # outcomes written during it
    followed = FollowUp.objects.filter(proposal__congress=past).values_list("date", flat=True)
    assert followed and min(followed) > past.end_date  # follow-up after


def test_with_report_the_2024_report_is_published_two_months_after(monkeypatch, client):
    """The rendering itself (30 s to a minute) is tested in tests/reports: here a small PDF
    stands in for it, to check what the demo does with the file."""

    def render(*, report):
        report.file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        report.generated_at, report.page_count = timezone.now(), 1
        report.save()
        return report

    monkeypatch.setattr(reports_demo, "report_generate", render)
    started = timezone.now()
    call_command("seed_demo", "--quiet-logins", "--with-report", stdout=io.StringIO())
    assert misdated(started, timezone.now()) == []
    past = Congress.objects.get(slug="congres-solidarites-2024")
    published = ReportSettings.objects.get(congress=past)
    assert timezone.localdate(published.published_at) == past.end_date + timedelta(days=60)
    body = client.get(past.get_absolute_url()).content.decode()
    assert f"/congresses/{past.slug}/report.pdf" in body
    call_command("seed_demo", "--quiet-logins", "--with-report", stdout=io.StringIO())
    assert ReportSettings.objects.get(congress=past).published_at == published.published_at


def test_demo_editions_of_the_congress_have_a_logo_shown_on_their_page(seeded, client):
    from PIL import Image

    for slug in ("congres-solidarites-2024", Congress.objects.current().slug):
        congress = Congress.objects.get(slug=slug)
        with congress.logo.open("rb") as logo:
            assert Image.open(logo).format == "PNG"
        page = client.get(f"/congresses/{slug}/")
        assert page.status_code == 200
        assert f'<img src="{congress.logo.url}" alt="" class="edition-logo' in page.text
    assert not Congress.objects.get(slug="congres-solidarites-2019").logo
