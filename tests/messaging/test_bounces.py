"""Bounced e-mails reported by Brevo's transactional webhook (issue 13): each e-mail of a message
goes with its own Message-ID, kept; Brevo's events (`event`, `email`, `message-id`, `reason`,
`ts_event`) find it by that id and address. Hard bounce, invalid address, blocked: « Adresse
invalide », shown and counted; soft bounce noted, not final; a forged token or an unknown id
changes nothing; a replay changes nothing more."""

import json

import pytest
from django.core import mail

from messaging.models import MessageRecipient, OptOut, RecipientStatus
from messaging.selectors import message_list, message_progress
from tests.messaging.test_sending import draft, run
from tests.spaces import plain

pytestmark = pytest.mark.django_db

TOKEN = "s3cret-brevo-webhook-token-0123456789"
URL = f"/webhooks/mail/brevo/{TOKEN}/"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.MAIL_WEBHOOK_TOKEN = TOKEN


@pytest.fixture
def sent(world, django_capture_on_commit_callbacks):
    """The workshop message sent: Élodie's and Jane's e-mails, each with its Message-ID."""
    message = draft(world)
    run(django_capture_on_commit_callbacks, message, world)
    return message


def header(email):
    outgoing = next(m for m in mail.outbox if m.to == [email])
    return outgoing.extra_headers["Message-ID"]


def post(client, event, url=URL):
    return client.post(url, data=json.dumps(event), content_type="application/json")


def event(kind, email, message_id, **extra):
    return {"event": kind, "email": email, "id": 123456, "date": "2026-05-12 10:03:00",
            "ts": 1778580180, "message-id": message_id, "ts_event": 1778580180,
            "subject": "Votre atelier", "tag": "", **extra}  # fmt: skip


def states():
    return sorted(
        MessageRecipient.objects.values_list(
            "email", "status", "error", "provider_event", "provider_event_at"
        )
    )


def test_each_email_goes_with_its_own_message_id_kept_on_the_recipient(sent):
    ids = {email: header(email) for email in ("elodie@example.org", "jane@example.org")}
    assert len(set(ids.values())) == 2
    for email, value in ids.items():
        assert value.startswith("<") and value.endswith(">")
        recipient = MessageRecipient.objects.get(message=sent, email=email)
        assert recipient.message_id_header == value[1:-1]


@pytest.mark.parametrize("kind", ["hard_bounce", "invalid_email", "blocked"])
def test_a_final_bounce_marks_the_address_invalid_shown_and_counted(client, world, sent, kind):
    response = post(
        client,
        event(kind, "elodie@example.org", header("elodie@example.org"), reason="550 User unknown"),
    )
    assert (response.status_code, response.content) == (200, b"bounced")
    elodie = MessageRecipient.objects.get(message=sent, email="elodie@example.org")
    assert (elodie.status, elodie.error, elodie.provider_event) == (
        RecipientStatus.BOUNCED, "550 User unknown", kind,
    )  # fmt: skip
    assert elodie.provider_event_at.timestamp() == 1778580180
    jane = MessageRecipient.objects.get(message=sent, email="jane@example.org")
    assert jane.status == RecipientStatus.SENT
    progress = message_progress(sent)
    assert dict((status.value, n) for status, n in progress["counts"])["bounced"] == 1
    assert progress["percent"] == 100
    assert message_list(world.congress).get(pk=sent.pk).bounced_count == 1
    client.force_login(world.organiser)
    page = plain(client.get(f"/staff/{world.congress.slug}/messages/{sent.pk}/").content.decode())
    assert 'data-recipient-status="bounced">Adresse invalide' in page
    assert "550 User unknown" in page
    listing = plain(client.get(f"/staff/{world.congress.slug}/messages/").content.decode())
    assert "1 adresse invalide" in listing


def test_a_replayed_event_changes_nothing_more(client, sent):
    hard = event("hard_bounce", "elodie@example.org", header("elodie@example.org"),
                 reason="550 User unknown")  # fmt: skip
    assert post(client, hard).content == b"bounced"
    before = states()
    assert (post(client, hard).status_code, post(client, hard).content) == (200, b"unchanged")
    # Older news after the final bounce (a soft bounce, delivered late) does not undo it.
    late = {**hard, "event": "soft_bounce", "reason": "452 Mailbox full", "ts_event": 1778580000}
    assert post(client, late).content == b"unchanged"
    assert states() == before


def test_a_soft_bounce_is_noted_but_not_final(client, world, sent):
    soft = event("soft_bounce", "jane@example.org", header("jane@example.org"),
                 reason="452 Mailbox full")  # fmt: skip
    assert post(client, soft).content == b"recorded"
    jane = MessageRecipient.objects.get(message=sent, email="jane@example.org")
    assert (jane.status, jane.error, jane.provider_event) == (
        RecipientStatus.SENT, "452 Mailbox full", "soft_bounce",
    )  # fmt: skip
    assert message_list(world.congress).get(pk=sent.pk).bounced_count == 0
    client.force_login(world.organiser)
    page = plain(client.get(f"/staff/{world.congress.slug}/messages/{sent.pk}/").content.decode())
    assert "Rejet temporaire signalé par le serveur d'envoi (il réessaie)" in page
    # The provider gives up later: now it is final.
    hard = {**soft, "event": "hard_bounce", "reason": "550 Mailbox disabled"}
    assert post(client, hard).content == b"bounced"
    jane.refresh_from_db()
    assert (jane.status, jane.error) == (RecipientStatus.BOUNCED, "550 Mailbox disabled")


@pytest.mark.parametrize("kind", ["spam", "unsubscribed"])
def test_a_complaint_or_unsubscription_stops_information_messages(client, sent, kind):
    assert post(client, event(kind, "jane@example.org", header("jane@example.org"))).content == (
        b"recorded"
    )
    assert list(OptOut.objects.values_list("email", flat=True)) == ["jane@example.org"]
    jane = MessageRecipient.objects.get(message=sent, email="jane@example.org")
    assert (jane.status, jane.provider_event) == (RecipientStatus.SENT, kind)


def test_a_forged_token_is_a_404_and_changes_nothing(client, sent, settings):
    before = states()
    hard = event("hard_bounce", "elodie@example.org", header("elodie@example.org"))
    for url in (
        "/webhooks/mail/brevo/wrong-token/",
        f"/webhooks/mail/brevo/{TOKEN[:-1]}/",
        f"/webhooks/mail/brevo/{TOKEN}x/",
    ):
        assert post(client, hard, url).status_code == 404
    # No token configured: the webhook does not exist, whatever the URL says.
    settings.MAIL_WEBHOOK_TOKEN = ""
    assert post(client, hard, URL).status_code == 404
    assert client.post("/webhooks/mail/brevo//").status_code == 404
    assert states() == before


def test_an_unknown_message_id_or_another_address_is_acknowledged_and_changes_nothing(client, sent):
    before = states()
    unknown = event("hard_bounce", "elodie@example.org", "<not-ours@example.org>")
    assert (post(client, unknown).status_code, post(client, unknown).content) == (200, b"unknown")
    # Jane's Message-ID with Élodie's address: not the same e-mail.
    crossed = event("hard_bounce", "elodie@example.org", header("jane@example.org"))
    assert post(client, crossed).content == b"unknown"
    blank = event("hard_bounce", "", "")
    assert post(client, blank).content == b"unknown"
    # Events this site does not act on (delivered, opened...) are acknowledged.
    opened = event("opened", "elodie@example.org", header("elodie@example.org"))
    assert (post(client, opened).status_code, post(client, opened).content) == (200, b"ignored")
    assert states() == before


def test_bad_bodies_and_methods(client, sent):
    before = states()
    response = client.post(URL, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert client.get(URL).status_code == 405
    assert post(client, ["not an event"]).content == b"ignored"
    # A list of events (as some accounts batch them) is read event by event.
    both = [
        event("hard_bounce", "elodie@example.org", header("elodie@example.org")),
        event("hard_bounce", "jane@example.org", header("jane@example.org"), ts_event="x"),
    ]
    assert post(client, both).content == b"bounced bounced"
    jane = MessageRecipient.objects.get(message=sent, email="jane@example.org")
    assert (jane.error, jane.provider_event_at is not None) == ("hard_bounce", True)
    assert states() != before
