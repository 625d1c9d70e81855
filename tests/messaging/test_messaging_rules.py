"""Rules of the messaging services stated exactly: the refusals' French texts, who sent a message
and when (kept and audited), a test sent to oneself exactly as a recipient would get it, a retry
that touches its own message only, and what a provider's event records."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from congress.audit.models import AuditEntry
from messaging import delivery, services
from messaging.models import (
    Audience,
    Message,
    MessageKind,
    MessageRecipient,
    MessageStatus,
    RecipientStatus,
)
from tests.messaging.test_sending import draft, run
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_english_subject_without_english_text_is_refused_with_its_french_message(world):
    with pytest.raises(ValidationError) as error:
        draft(world, subject_en="Your workshop")
    assert plain(error.value.message_dict) == {
        "body_en": ["Écrivez l'objet et le texte anglais, ou aucun des deux."]
    }


def test_someone_who_is_not_an_organiser_is_told_who_writes(world):
    with pytest.raises(PermissionDenied) as error:
        services.message_save(congress=world.congress, by=world.manager,
                              audience=Audience.DELEGATES, subject_fr="x", body_fr="y")  # fmt: skip
    assert str(error.value) == "Seuls les organisateurs de l'édition écrivent aux participants."


def test_a_sent_message_refuses_changes_with_its_french_message(world, commit):
    message = draft(world)
    run(commit, message, world)
    with pytest.raises(ValidationError) as error:
        services.message_save(congress=world.congress, by=world.organiser, message=message,
                              subject_fr="Autre", body_fr="Autre")  # fmt: skip
    assert plain(error.value.messages) == [
        "Ce message est déjà envoyé : il ne peut plus être modifié."
    ]
    assert Message.objects.get(pk=message.pk).subject_fr == "Votre atelier, {prenom}"


def test_sending_keeps_who_sent_it_and_when_and_is_audited(world, commit):
    message = draft(world, audience_label="Atelier Épicerie et dignité")
    assert run(commit, message, world) is True
    stored = Message.objects.get(pk=message.pk)
    assert stored.sent_by == world.organiser
    assert stored.sent_at is not None
    assert (message.sent_by, message.sent_at) == (world.organiser, stored.sent_at)
    entry = AuditEntry.objects.get(action="message_send")
    assert (entry.actor, entry.congress, entry.target_type, entry.target_id, entry.details) == (
        world.organiser,
        world.congress,
        "messaging.Message",
        str(message.pk),
        {"audience": "Atelier Épicerie et dignité"},
    )


def test_a_test_without_sample_is_the_organisers_own_email_in_their_language(world, commit):
    """An information message tried by an English-speaking organiser: the English version, the
    body a recipient gets and the unsubscribe link of the organiser's own address."""
    world.organiser.preferred_language = "en"
    world.organiser.save(update_fields=["preferred_language"])
    message = draft(world, kind=MessageKind.INFORMATION, subject_en="Your workshop, {prenom}",
                    body_en="Hello {nom}")  # fmt: skip
    services.message_send_test(message=message, by=world.organiser, sample=None)
    [sent] = mail.outbox
    assert sent.to == ["claire@example.org"]
    assert sent.subject == "[Test] Your workshop, Claire"
    link = delivery.unsubscribe_url("claire@example.org")
    assert sent.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent.body.startswith("Hello Claire Organisatrice\n")
    assert link in sent.body


def test_retrying_puts_back_only_this_messages_failures_with_their_error_cleared(
    world, monkeypatch, commit
):
    def broken(**kwargs):
        raise OSError("Connexion au serveur SMTP refusée")

    monkeypatch.setattr(delivery, "send_text", broken)
    message, other = draft(world), draft(world, subject_fr="Autre atelier")
    run(commit, message, world)
    run(commit, other, world)
    monkeypatch.undo()
    # The retry committed, its queued sending not yet run: the message is being sent again.
    assert services.message_retry_failed(message=message, by=world.organiser) == 2
    assert Message.objects.get(pk=message.pk).status == MessageStatus.SENDING
    assert set(MessageRecipient.objects.filter(message=message).values_list("status", "error")) == {
        (RecipientStatus.PENDING, "")
    }
    assert set(MessageRecipient.objects.filter(message=other).values_list("status", "error")) == {
        (RecipientStatus.FAILED, "Connexion au serveur SMTP refusée")
    }
    assert Message.objects.get(pk=other.pk).status == MessageStatus.SENT


def sent_recipient(world, commit):
    message = draft(world)
    run(commit, message, world)
    return MessageRecipient.objects.get(message=message, email="elodie@example.org")


def test_a_bounce_without_reason_records_the_event_as_the_error(world, commit):
    elodie = sent_recipient(world, commit)
    assert services.provider_event_record(message_id=f"<{elodie.message_id_header}>",
                                          email="elodie@example.org", event="hard_bounce") == "bounced"  # fmt: skip
    elodie.refresh_from_db()
    assert (elodie.status, elodie.error) == (RecipientStatus.BOUNCED, "hard_bounce")


def test_a_long_reason_is_kept_to_its_first_thousand_characters(world, commit):
    elodie = sent_recipient(world, commit)
    reason = "5" * 1000 + "X" * 500
    services.provider_event_record(message_id=elodie.message_id_header, email="elodie@example.org",
                                   event="soft_bounce", reason=f"  {reason}  ")  # fmt: skip
    elodie.refresh_from_db()
    assert elodie.error == "5" * 1000


def test_an_event_without_message_id_never_reaches_a_recipient_not_yet_sent(world):
    """Recipients waiting to be sent have no Message-ID yet: an event without one is unknown."""
    message = draft(world)
    delivery.message_prepare(message=message)
    waiting = MessageRecipient.objects.get(message=message, email="elodie@example.org")
    assert waiting.message_id_header == ""
    for message_id in ("", "<>", "  "):
        assert services.provider_event_record(message_id=message_id, email="elodie@example.org",
                                              event="hard_bounce") == "unknown"  # fmt: skip
    waiting.refresh_from_db()
    assert (waiting.status, waiting.error, waiting.provider_event) == (
        RecipientStatus.PENDING, "", ""
    )  # fmt: skip
