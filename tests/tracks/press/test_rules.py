"""Press accreditation rules (issue 15): one request per press card and edition, only
organisers decide (audited, e-mailed), the request's page only through its signed link."""

import html

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.editions.models import CongressStatus
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tracks.press import selectors, services
from tracks.press.models import PressAccreditation
from tracks.press.permissions import can_manage_press, press_requests_open

pytestmark = pytest.mark.django_db

FIELDS = dict(media="Le Quotidien solidaire", email="Jo@Example.org", phone="06 12 34 56 78")


@pytest.fixture
def edition():
    return CongressFactory()


def ask(edition, card="12 345", name="Jo Durand", **extra):
    return services.press_request_submit(
        congress=edition, full_name=name, card_number=card, **{**FIELDS, **extra}
    )


def test_a_request_needs_no_account_and_is_normalised(edition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(edition, card=" ab 12 3 ")
    assert (request.card_number, request.email, request.user, request.status) == (
        "AB123", "jo@example.org", None, "pending"
    )  # fmt: skip
    assert [m.to for m in mail.outbox] == [["jo@example.org"]]
    token = mail.outbox[0].body.split("/press/requests/")[1].split("/")[0]
    assert services.request_from_token(edition, token) == request
    account = UserFactory()
    assert ask(edition, card="999", by=account).user == account


def test_the_same_card_number_twice_for_an_edition_is_refused(edition):
    ask(edition, card="12345")
    with pytest.raises(ValidationError, match="existe déjà"):
        ask(edition, card="12 345", name="Autre Nom")
    assert PressAccreditation.objects.count() == 1
    ask(CongressFactory(), card="12345")  # another edition
    assert PressAccreditation.objects.count() == 2


def test_requests_are_closed_for_a_draft_or_ended_edition():
    past = timezone.localdate() - timezone.timedelta(days=3)
    for closed in (
        CongressFactory(status=CongressStatus.DRAFT),
        CongressFactory(start_date=past, end_date=past),
    ):
        assert not press_requests_open(closed)
        with pytest.raises(ValidationError, match="closes"):
            ask(closed)
    with pytest.raises(ValidationError):
        ask(CongressFactory(), email="pas-une-adresse")


def test_a_stranger_sending_someone_elses_card_cannot_keep_the_journalist_out(edition, organiser):
    """The abuse: a stranger (no account needed) sends a real journalist's card number first.
    The journalist is told to write to the press contact; once the organisers refuse the false
    request, the card is free and the journalist's own request goes through. The false request
    cannot be taken back while the journalist's holds the card (clear refusal, nothing changed)."""
    squatter = ask(edition, card="12345", name="Faux Nom", email="faux@example.org")
    with pytest.raises(ValidationError, match="contact presse"):
        ask(edition, card="12 345")

    services.press_request_decide(accreditation=squatter, status="refused", by=organiser)
    journalist = ask(edition, card="12 345")

    assert (journalist.card_number, journalist.status) == ("12345", "pending")
    with pytest.raises(ValidationError, match="décidez d'abord de celle-là"):
        services.press_request_decide(accreditation=squatter, status="accepted", by=organiser)
    squatter.refresh_from_db()
    assert squatter.status == "refused"
    assert PressAccreditation.objects.filter(card_number="12345").count() == 2


def test_the_organisers_page_says_why_a_refused_request_cannot_be_taken_back(
    client, edition, organiser
):
    squatter = ask(edition, card="12345", name="Faux Nom", email="faux@example.org")
    services.press_request_decide(accreditation=squatter, status="refused", by=organiser)
    ask(edition, card="12345")
    client.force_login(organiser)

    response = client.post(
        reverse("staff_press_decide", args=[edition.slug, squatter.pk]),
        {"status": "accepted"},
        follow=True,
    )

    assert response.status_code == 200
    assert "décidez d'abord de celle-là" in html.unescape(plain(response.content.decode()))
    squatter.refresh_from_db()
    assert squatter.status == "refused"


def test_only_organisers_decide_audited_and_mailed_once(
    edition, organiser, django_capture_on_commit_callbacks
):
    request = ask(edition)
    for user in (UserFactory(), UserFactory(is_active=False)):
        with pytest.raises(PermissionDenied):
            services.press_request_decide(accreditation=request, status="accepted", by=user)
    with pytest.raises(ValidationError, match="inconnue"):
        services.press_request_decide(accreditation=request, status="pending", by=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        services.press_request_decide(accreditation=request, status="accepted", by=organiser)
        services.press_request_decide(accreditation=request, status="accepted", by=organiser)
    request.refresh_from_db()
    assert request.status == "accepted" and request.decided_at is not None
    assert len(mail.outbox) == 1 and "PRESSE" in mail.outbox[0].body
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.details) == (
        "press.accepted", {"name": "Jo Durand", "media": "Le Quotidien solidaire"}
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.press_request_decide(accreditation=request, status="refused", by=organiser)
    assert "pas donner suite" in mail.outbox[1].body
    assert AuditEntry.objects.filter(action="press.refused").count() == 1
    assert not can_manage_press(organiser, CongressFactory())


def test_a_request_is_read_only_through_its_own_signed_link(edition):
    request = ask(edition)
    token = services.request_token(request)
    assert services.request_from_token(edition, token) == request
    assert services.request_from_token(CongressFactory(), token) is None
    assert services.request_from_token(edition, str(request.pk)) is None
    assert services.request_from_token(edition, token[:-2] + "xx") is None


def test_accepted_press_in_french_order_and_export_rows(edition, organiser):
    for card, name in (("1", "Zoé Bon"), ("2", "Élise Ane"), ("3", "=HYPERLINK(1)")):
        ask(edition, card=card, name=name)
    for accreditation in PressAccreditation.objects.exclude(full_name="Zoé Bon"):
        services.press_request_decide(accreditation=accreditation, status="accepted", by=organiser)
    assert [a.full_name for a in selectors.accepted_press(edition)] == [
        "=HYPERLINK(1)",
        "Élise Ane",
    ]
    rows = selectors.press_export_rows(edition)
    assert rows[0] == ["=HYPERLINK(1)", "Le Quotidien solidaire", "3", "jo@example.org",
                       "06 12 34 56 78", "Acceptée"]  # fmt: skip
    assert [row[0] for row in rows] == ["=HYPERLINK(1)", "Élise Ane", "Zoé Bon"]
