"""Personal data of the messaging app (GDPR export and erasure): the messages a person received
(or wrote) and their choice about information messages."""

from django.db.models import Q

from messaging.models import Message, MessageRecipient, OptOut


def _received(user):
    return MessageRecipient.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def export(user) -> dict:
    return {
        "messages_received": [
            {
                "congress": r.message.congress.name,
                "subject": r.message.subject_fr,
                "email": r.email,
                "status": r.status,
                "sent_at": r.sent_at.isoformat() if r.sent_at else None,
            }
            for r in _received(user).select_related("message__congress").order_by("pk")
        ],
        "messages_written": list(
            Message.objects.filter(created_by=user).values_list("subject_fr", flat=True)
        ),
        "information_messages_refused": OptOut.objects.filter(email=user.email.lower()).exists(),
    }


def erase(user) -> None:
    _received(user).delete()
    OptOut.objects.filter(email=user.email.lower()).delete()
    Message.objects.filter(created_by=user).update(created_by=None)
    Message.objects.filter(sent_by=user).update(sent_by=None)
