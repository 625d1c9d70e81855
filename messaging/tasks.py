"""Background tasks of the messaging app (Django's tasks framework).

In production the database backend (django-tasks-db) queues them and `python manage.py
db_worker` runs them; tests use the immediate backend. The web request only writes the message
and queues `prepare_message`: the recipients are written and mailed here, in batches."""

from datetime import date

from django.tasks import task

from messaging.delivery import deliver_batch, message_prepare
from messaging.models import Message

BATCH_SIZE = 100


def enqueue_batches(message_id: int, recipient_ids: list[int]) -> int:
    for start in range(0, len(recipient_ids), BATCH_SIZE):
        send_batch.enqueue(message_id, recipient_ids[start : start + BATCH_SIZE])
    return len(recipient_ids)


@task
def prepare_message(message_id: int, today: str = "") -> dict:
    """Write the recipients of a message from its segment (as it stands on `today`, ISO date,
    default the current day), then queue their batches."""
    message = Message.objects.select_related("congress").get(pk=message_id)
    pending = message_prepare(message=message, today=date.fromisoformat(today) if today else None)
    return {"queued": enqueue_batches(message_id, pending)}


@task
def send_batch(message_id: int, recipient_ids: list[int]) -> dict:
    message = Message.objects.select_related("congress").get(pk=message_id)
    return {"sent": deliver_batch(message=message, recipient_ids=recipient_ids)}
