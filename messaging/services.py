"""Writes of the messaging app: write a draft, send a test to oneself, send, retry failures,
opt out of information messages, edit the reminder texts, record what the mail provider reports
(bounces, complaints)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.mail import send_text
from congress.editions.models import Congress
from messaging.delivery import bare_message_id, render_for
from messaging.models import (
    FINAL_BOUNCES,
    Message,
    MessageRecipient,
    MessageStatus,
    OptOut,
    RecipientStatus,
    ReminderText,
)
from messaging.permissions import can_message
from messaging.placeholders import check_placeholders
from messaging.selectors import Person
from messaging.tasks import enqueue_batches, prepare_message

TEXT_FIELDS = ("subject_fr", "body_fr", "subject_en", "body_en")


def _check_texts(fields: dict) -> None:
    errors = {}
    for name in TEXT_FIELDS:
        try:
            check_placeholders(fields.get(name, ""))
        except ValidationError as error:
            errors[name] = error.messages
    if bool(fields.get("subject_en", "").strip()) != bool(fields.get("body_en", "").strip()):
        errors["body_en"] = [_("Écrivez l'objet et le texte anglais, ou aucun des deux.")]
    if errors:
        raise ValidationError(errors)


def message_save(*, congress: Congress, by, message: Message | None = None, **fields) -> Message:
    """Create or change a draft: audience, kind, texts. Placeholders are checked here."""
    with transaction.atomic():
        if not can_message(by, congress):
            raise PermissionDenied(
                _("Seuls les organisateurs de l'édition écrivent aux participants.")
            )
        if message is not None and message.status != MessageStatus.DRAFT:
            raise ValidationError(_("Ce message est déjà envoyé : il ne peut plus être modifié."))
        _check_texts(fields)
        message = message or Message(congress=congress, created_by=by)
        for name, value in fields.items():
            setattr(message, name, value)
        message.full_clean()
        message.save()
        return message


def message_send_test(*, message: Message, by, sample: Person | None) -> None:
    """Send the message to oneself, filled in for one real recipient (or for oneself)."""
    if not can_message(by, message.congress):
        raise PermissionDenied
    sample = sample or Person(email=by.email, full_name=by.full_name, user_id=by.pk)
    sample.language = by.preferred_language
    email = render_for(message, sample)
    send_text(
        to=by.email, subject=_("[Test] %(subject)s") % {"subject": email["subject"]},
        body=email["body"], headers=email["headers"],
    )  # fmt: skip


def message_send(*, message: Message, by) -> bool:
    """Queue the sending; the request does nothing else. A second click (or a concurrent one)
    finds the message no longer a draft and changes nothing: returns False."""
    with transaction.atomic():
        if not can_message(by, message.congress):
            raise PermissionDenied
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.status != MessageStatus.DRAFT:
            return False
        locked.status = MessageStatus.SENDING
        locked.sent_by = by
        locked.sent_at = timezone.now()
        locked.save(update_fields=["status", "sent_by", "sent_at"])
        audit_record(actor=by, action="message_send", congress=locked.congress, target=locked,
                     details={"audience": locked.audience_label})  # fmt: skip
        transaction.on_commit(lambda: prepare_message.enqueue(locked.pk))
        message.status, message.sent_by, message.sent_at = locked.status, by, locked.sent_at
        return True


def message_retry_failed(*, message: Message, by) -> int:
    """Put the failed recipients back in the queue; return how many."""
    with transaction.atomic():
        if not can_message(by, message.congress):
            raise PermissionDenied
        failed = MessageRecipient.objects.select_for_update().filter(
            message=message, status=RecipientStatus.FAILED
        )
        ids = list(failed.order_by("pk").values_list("pk", flat=True))
        if not ids:
            return 0
        MessageRecipient.objects.filter(pk__in=ids).update(status=RecipientStatus.PENDING, error="")
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING)
        transaction.on_commit(lambda: enqueue_batches(message.pk, ids))
        return len(ids)


def opt_out_set(*, email: str, opted_out: bool) -> None:
    """Stop (or resume) information messages to this address."""
    with transaction.atomic():
        email = email.strip().lower()
        if opted_out:
            OptOut.objects.get_or_create(email=email)
        else:
            OptOut.objects.filter(email=email).delete()


def reminder_text_save(*, congress: Congress, by, reminder: str, **fields) -> ReminderText:
    with transaction.atomic():
        if not can_message(by, congress):
            raise PermissionDenied
        _check_texts(fields)
        text, _created = ReminderText.objects.get_or_create(
            congress=congress, reminder=reminder, defaults=fields
        )
        for name, value in fields.items():
            setattr(text, name, value)
        text.full_clean()
        text.save()
        return text


# The provider's events this site acts on (Brevo's names); any other is acknowledged and ignored.
PROVIDER_EVENTS = (*FINAL_BOUNCES, "soft_bounce", "spam", "unsubscribed")


def provider_event_record(
    *, message_id: str, email: str, event: str, reason: str = "", at=None
) -> str:
    """Record what the mail provider reports about one e-mail of a message, found by the
    Message-ID it was sent with and its address (both must match). Returns what was done:
    "bounced", "recorded", "unchanged" (a replay), "ignored" or "unknown".

    Hard bounce, invalid address, blocked: the recipient is « bounced » (final, never undone by
    a later event). Soft bounce: noted, the status stays « sent » (the provider retries).
    Spam complaint or unsubscription: noted, and no more information messages to that address."""
    with transaction.atomic():
        if event not in PROVIDER_EVENTS:
            return "ignored"
        key, email = bare_message_id(message_id), email.strip()
        if not key or not email:
            return "unknown"
        recipient = (
            MessageRecipient.objects.select_for_update()
            .filter(message_id_header=key, email__iexact=email)
            .first()
        )
        if recipient is None:
            return "unknown"
        if event in ("spam", "unsubscribed"):
            OptOut.objects.get_or_create(email=recipient.email.strip().lower())
        bounced = recipient.status == RecipientStatus.BOUNCED
        if recipient.provider_event == event or (bounced and event not in FINAL_BOUNCES):
            return "unchanged"  # a replay, or news older than the final bounce
        recipient.provider_event = event
        recipient.provider_event_at = at or timezone.now()
        fields = ["provider_event", "provider_event_at"]
        if event in FINAL_BOUNCES or event == "soft_bounce":
            recipient.error = reason.strip()[:1000] or event
            fields.append("error")
        if event in FINAL_BOUNCES:
            recipient.status = RecipientStatus.BOUNCED
            fields.append("status")
        recipient.save(update_fields=fields)
        return "bounced" if event in FINAL_BOUNCES else "recorded"
