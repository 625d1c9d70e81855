"""Two press requests for the Soirée de l'engagement (issue 15), fictional journalists: one
accepted a week before the evening, one waiting for the organisers."""

from datetime import timedelta

from congress.core.seeding import DemoContext, moment, spread
from congress.editions.models import Congress
from tracks.press.models import PressAccreditation, PressStatus
from tracks.stands.demo import SLUG

# name, media, card, e-mail, accepted
REQUESTS = [
    ("Julie Fontaine (fictive)", "Radio Quartiers (démo)", "DEMO-10421", "julie.fontaine", True),
    ("Karim Benali (fictif)", "Le Journal solidaire (démo)", "DEMO-20877", "karim.benali", False),
]


def seed(ctx: DemoContext) -> None:
    congress = Congress.objects.filter(slug=SLUG).first()
    if congress is None:
        return
    decided = moment(congress.start_date - timedelta(days=7), 15)
    for name, media, card, local, accepted in REQUESTS:
        PressAccreditation.objects.get_or_create(
            congress=congress,
            card_number=card,
            defaults=dict(
                full_name=name, media=media, email=f"{local}@example.org", phone="01 23 45 67 89",
                status=PressStatus.ACCEPTED if accepted else PressStatus.PENDING,
                decided_at=decided if accepted else None,
            ),
        )  # fmt: skip
    first = moment(congress.start_date - timedelta(days=20))
    spread(PressAccreditation.objects.filter(congress=congress), ["created_at"], first,
           first + timedelta(days=10))  # fmt: skip
