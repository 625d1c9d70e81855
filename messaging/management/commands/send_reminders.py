from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from funding.followup.services import report_reminders_send
from messaging.reminders import reminders_send
from volunteers.reminders import volunteer_reminders_send


class Command(BaseCommand):
    help = (
        "Queue the scheduled reminders due today: practical information 7 days and 1 day before "
        "each edition to its confirmed delegates, and a reminder to orders paid by transfer "
        "whose due date is within 3 days; to funded projects, their reports due within 7 days, "
        "then late; to volunteers, tomorrow's training sessions and shifts. Each person gets each "
        "reminder at most once. Run it daily (cron or a systemd timer); the task worker sends the "
        "edition's e-mails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (tests, replays)")

    def handle(self, *args, **options):
        ran = reminders_send(options["today"])
        for congress, reminder in ran:
            self.stdout.write(f"{congress.slug}: {reminder} queued")
        self.stdout.write(f"{len(ran)} reminder(s) queued.")
        reports = report_reminders_send(options["today"] or timezone.localdate())
        self.stdout.write(f"{reports} funded project report reminder(s) sent.")
        sent = volunteer_reminders_send(options["today"])
        self.stdout.write(
            f"Volunteers reminded: {sent.trainings} of a training session, {sent.shifts} of a "
            f"shift, {sent.missions} of a mission; {sent.teams} mission team(s) sent to their "
            "associations."
        )
