"""Retention rule for participants' personal data (manage.py purge_personal_data)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.registrations.models import (
    Registration,
    WaitlistEntry,
)

SENSITIVE_REGISTRATION_FIELDS = {
    "needs_lsf": False,
    "needs_hearing_loop": False,
    "needs_step_free": False,
    "needs_easy_read": False,
    "dietary_needs": "",
    "other_needs": "",
}


def personal_data_purge(*, congress, now=None, dry_run: bool = False) -> dict:
    """Apply the retention rule to one edition (see README, "Personal data").

    1. RETENTION_SENSITIVE_DAYS after the last day: accessibility needs and dietary data go.
    2. RETENTION_PERSONAL_DAYS after the last day: delegates' names, emails and functions are
       anonymised, waitlist entries deleted. Invoices (legal: 10 years) keep their snapshot;
       counts, prices and statuses stay for the figures.
    Returns how many registrations were touched at each stage.
    """

    today = (now or timezone.now()).date()
    done = {"sensitive": 0, "personal": 0, "waitlist": 0}
    registrations = Registration.objects.filter(congress=congress)
    if today >= congress.end_date + timedelta(days=settings.RETENTION_SENSITIVE_DAYS):
        holding = registrations.filter(
            Q(needs_lsf=True) | Q(needs_hearing_loop=True) | Q(needs_step_free=True)
            | Q(needs_easy_read=True) | ~Q(dietary_needs="") | ~Q(other_needs="")
        )  # fmt: skip
        done["sensitive"] = holding.count()
        if not dry_run:
            holding.update(**SENSITIVE_REGISTRATION_FIELDS)
    if today >= congress.end_date + timedelta(days=settings.RETENTION_PERSONAL_DAYS):
        named = registrations.exclude(email__endswith="@invalid.invalid")
        done["personal"] = named.count()
        waitlist = WaitlistEntry.objects.filter(congress=congress)
        done["waitlist"] = waitlist.count()
        if not dry_run:
            for registration in named.only("pk"):
                Registration.objects.filter(pk=registration.pk).update(
                    full_name=_("Participant·e (données effacées)"),
                    email=f"efface-{registration.pk}@invalid.invalid",
                    function="",
                    user=None,
                )
            waitlist.delete()
    if not dry_run and any(done.values()):
        audit_record(actor=None, action="retention.purged", congress=congress, details=done)
    return done
