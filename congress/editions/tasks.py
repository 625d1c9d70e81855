"""Background tasks of editions (Django's tasks framework, run by `manage.py db_worker`).

Publishing a programme only forgets the alerts and queues their messages in batches: the
organiser's request does not wait for hundreds of e-mails to leave (issue 15)."""

import logging

from django.tasks import task

from congress.editions import emails
from congress.editions.models import Congress

BATCH_SIZE = 100
logger = logging.getLogger(__name__)


def enqueue_programme_published(congress_id: int, addresses: list[str]) -> int:
    for start in range(0, len(addresses), BATCH_SIZE):
        send_programme_published.enqueue(congress_id, addresses[start : start + BATCH_SIZE])
    return len(addresses)


@task
def send_programme_published(congress_id: int, addresses: list[str]) -> dict:
    """One message to each address; one that fails to leave is logged, the others still go
    (the alerts are already forgotten: none is sent twice)."""
    congress = Congress.objects.get(pk=congress_id)
    sent = 0
    for address in addresses:
        try:
            emails.send_programme_published(congress, address)
        except Exception:  # noqa: BLE001 - an SMTP error must not stop the batch
            logger.exception("programme alert to one address failed (edition %s)", congress_id)
        else:
            sent += 1
    return {"sent": sent}
