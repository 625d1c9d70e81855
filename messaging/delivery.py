"""The sending of a message, run by the background tasks (messaging/tasks.py): the recipients
written once from the segment, then each e-mail claimed, sent and its status recorded.

services -> tasks -> delivery, one way. Not one transaction on purpose: every recipient's status
is visible on the message page as the batches go."""

import logging
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import make_msgid
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from congress.core.mail import send_text, site_url
from messaging.models import (
    Message,
    MessageKind,
    MessageRecipient,
    MessageStatus,
    RecipientStatus,
)
from messaging.placeholders import fill, one_line, values_for
from messaging.selectors import opted_out, segment_people

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "messaging.unsubscribe"


def unsubscribe_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def email_from_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def bare_message_id(value: str) -> str:
    """A Message-ID as stored and compared: without its angle brackets and spaces."""
    return value.strip().strip("<>").strip()[:255]


def unsubscribe_url(email: str) -> str:
    return site_url(reverse("messaging_unsubscribe", args=[unsubscribe_token(email)]))


def render_for(message: Message, recipient) -> dict:
    """The subject, body and headers one recipient gets, in their language when both versions
    are written."""
    language = "en" if recipient.language == "en" and message.has_english else "fr"
    subject, body = (
        (message.subject_en, message.body_en) if language == "en"
        else (message.subject_fr, message.body_fr)
    )  # fmt: skip
    values = values_for(recipient, message.congress)
    information = message.kind == MessageKind.INFORMATION
    link = unsubscribe_url(recipient.email) if information else ""
    with translation.override(language):
        text = render_to_string(
            "messaging/email/message.txt",
            {"body": fill(body, values), "congress": message.congress,
             "unsubscribe_url": link, "information": information},
        )  # fmt: skip
    headers = {}
    if link:
        headers = {"List-Unsubscribe": f"<{link}>",
                   "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}  # fmt: skip
    return {"subject": one_line(fill(subject, values)), "body": text, "headers": headers,
            "language": language}  # fmt: skip


def message_prepare(*, message: Message, today: date | None = None) -> list[int]:
    """Write the recipients the segment reaches now (each e-mail address once per message, even
    if prepared twice) and return the ids of those waiting to be sent."""
    people = segment_people(message.congress, message.audience, message.audience_value, today)
    skipped = set()
    if message.kind == MessageKind.INFORMATION:
        skipped = opted_out([p.email for p in people])
    existing = {
        e.lower() for e in MessageRecipient.objects.filter(message=message).values_list("email", flat=True)
    }  # fmt: skip
    MessageRecipient.objects.bulk_create(
        [
            MessageRecipient(
                message=message, user_id=p.user_id, email=p.email, full_name=p.full_name,
                language=p.language, organisation=p.organisation, order_reference=p.order_reference,
                status=RecipientStatus.OPTED_OUT if p.email.lower() in skipped
                else RecipientStatus.PENDING,
            )
            for p in people
            if p.email.lower() not in existing
        ],
        ignore_conflicts=True,
    )  # fmt: skip
    pending = list(
        MessageRecipient.objects.filter(message=message, status=RecipientStatus.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not pending:
        _finish_if_done(message)
    return pending


def deliver_batch(*, message: Message, recipient_ids: list[int]) -> int:
    """Send to the given recipients still pending; return how many were sent. A recipient is
    claimed (pending -> sending) before its e-mail goes: two workers never send it twice."""
    sent = 0
    for recipient in MessageRecipient.objects.filter(pk__in=recipient_ids, message=message):
        claimed = MessageRecipient.objects.filter(
            pk=recipient.pk, status=RecipientStatus.PENDING
        ).update(status=RecipientStatus.SENDING)
        if not claimed:
            continue
        # Our own Message-ID, kept: the provider's bounce events name the e-mail by it.
        message_id = make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")
        try:
            email = render_for(message, recipient)
            send_text(to=recipient.email, subject=email["subject"], body=email["body"],
                      headers={**email["headers"], "Message-ID": message_id})  # fmt: skip
        except Exception as error:
            logger.exception("Message %s to recipient %s failed", message.pk, recipient.pk)
            MessageRecipient.objects.filter(pk=recipient.pk).update(
                status=RecipientStatus.FAILED, error=str(error)[:1000]
            )
            continue
        MessageRecipient.objects.filter(pk=recipient.pk).update(
            status=RecipientStatus.SENT, error="", sent_at=timezone.now(),
            message_id_header=bare_message_id(message_id),
        )  # fmt: skip
        sent += 1
    _finish_if_done(message)
    return sent


def _finish_if_done(message: Message) -> None:
    busy = Q(status=RecipientStatus.PENDING) | Q(status=RecipientStatus.SENDING)
    if not MessageRecipient.objects.filter(busy, message=message).exists():
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT)
