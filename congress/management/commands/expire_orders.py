from django.core.management.base import BaseCommand

from congress.editions.models import Congress
from congress.registrations import seats, services


class Command(BaseCommand):
    help = (
        "Expire unpaid card orders older than ORDER_PAYMENT_DELAY_MINUTES, releasing their "
        "places, then move the waitlist along: offers older than WAITLIST_OFFER_HOURS lapse and "
        "freed places are offered to the next people waiting (they get an email). Run it every "
        "few minutes (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        expired = services.orders_expire_due()
        offered = 0
        for congress in Congress.objects.visible():
            offered += len(seats.waitlist_offers_move_on(congress=congress))
        self.stdout.write(f"{expired} order(s) expired, {offered} waitlist offer(s) made.")
