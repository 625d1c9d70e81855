"""Background tasks of registrations (Django's tasks framework): the confirmation e-mails.

Each confirmation carries the delegate's ticket (a PDF rendered by WeasyPrint): an order of many
delegates confirmed by Stripe's webhook would render them all before answering. The service
queues this task once its transaction commits; `python manage.py db_worker` sends them (tests
use the immediate backend)."""

import logging

from django.tasks import task

from congress.registrations import emails
from congress.registrations.models import Registration, RegistrationStatus

logger = logging.getLogger(__name__)


class ConfirmationsNotSent(Exception):
    """Some confirmations could not be sent (the others were): the worker records the failure;
    organisers resend them from the registrations board."""


@task
def send_confirmations(registration_ids: list[int]) -> dict:
    """E-mail each confirmed delegate of `registration_ids` with an address their confirmation
    and ticket; one failure does not stop the others."""
    sent, failed = 0, []
    registrations = (
        Registration.objects.filter(pk__in=registration_ids, status=RegistrationStatus.CONFIRMED)
        .exclude(email="")
        .select_related("congress", "tariff", "order__organisation")
        .order_by("pk")
    )
    for registration in registrations:
        try:
            emails.send_registration_confirmation(registration)
        except Exception:
            logger.exception("Confirmation of registration %s could not be sent", registration.pk)
            failed.append(registration.pk)
        else:
            sent += 1
    if failed:
        raise ConfirmationsNotSent(f"registrations not confirmed by e-mail: {failed}")
    return {"sent": sent}
