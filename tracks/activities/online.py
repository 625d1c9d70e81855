"""The link of an online activity, e-mailed to each confirmed person shortly before it starts
(issue 15), by ``manage.py send_online_links`` run every few minutes (deploy/).

At most once per registration (a place confirmed within the lead time gets the link in its
confirmation, marked sent there, and is skipped here): the due rows are locked (others running at the same time skip
them) and marked sent in the same transaction; the e-mails leave after the commit. A message
that fails to leave is logged and not retried, rather than risking a second one."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from congress.core.mail import send_after_commit
from tracks.activities import emails
from tracks.activities.models import (
    ONLINE_LINK_LEAD_TIME,
    ActivityRegistration,
    ActivityRegistrationStatus,
)
from tracks.activities.services import registration_token

LEAD_TIME = ONLINE_LINK_LEAD_TIME  # how long before the start the link goes out


def online_links_due(now: datetime):
    return ActivityRegistration.objects.filter(
        status=ActivityRegistrationStatus.CONFIRMED,
        online_link_sent_at__isnull=True,
        session__is_online=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + LEAD_TIME,
    ).exclude(session__online_url="")


def online_links_send(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            online_links_due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("congress", "session__room__venue")
        )
        ActivityRegistration.objects.filter(pk__in=[r.pk for r in due]).update(
            online_link_sent_at=now
        )
        for registration in due:
            send_after_commit(
                emails.send_online_link, registration, registration_token(registration)
            )
    return len(due)
