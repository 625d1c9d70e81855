from datetime import datetime

from django.core.management.base import BaseCommand

from tracks.activities.online import online_links_send


class Command(BaseCommand):
    help = (
        "E-mail the video-call link of each online activity starting within the hour to the "
        "people holding a confirmed place, once each. Run it every 10 minutes (systemd timer "
        "congres-send-online-links.timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", type=datetime.fromisoformat, help="ISO date-time (tests)")

    def handle(self, *args, **options):
        sent = online_links_send(now=options["now"])
        self.stdout.write(f"{sent} link(s) sent.")
