from django.core.management.base import BaseCommand, CommandError

from congress.editions.models import Congress
from congress.registrations.retention import personal_data_purge


class Command(BaseCommand):
    help = (
        "Apply the retention rule to participants' personal data: accessibility needs and dietary "
        "data RETENTION_SENSITIVE_DAYS (30) after an edition's last day, then names, emails and "
        "functions of delegates RETENTION_PERSONAL_DAYS (3 years) after it. Invoices and figures "
        "stay. Run it daily (cron or a scheduled task); --dry-run shows what it would do."
    )

    def add_arguments(self, parser):
        parser.add_argument("--congress", help="Slug of one edition (default: every edition).")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, congress=None, dry_run=False, **options):
        editions = Congress.objects.all()
        if congress:
            editions = editions.filter(slug=congress)
            if not editions.exists():
                raise CommandError(f"No edition with slug {congress!r}.")
        for edition in editions.order_by("start_date"):
            done = personal_data_purge(congress=edition, dry_run=dry_run)
            verb = "would purge" if dry_run else "purged"
            self.stdout.write(
                f"{edition.slug}: {verb} accessibility/dietary data of {done['sensitive']} "
                f"registration(s), identities of {done['personal']}, {done['waitlist']} waitlist entries"
            )
