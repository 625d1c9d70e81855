"""Demo data of the messaging app: the practical-information message the 2024 organisers sent
to every confirmed delegate ten days before the congress, with its per-recipient status."""

from datetime import timedelta

from congress.core.seeding import DemoContext, moment
from messaging.delivery import deliver_batch, message_prepare
from messaging.models import Audience, Message, MessageKind, MessageRecipient, MessageStatus

SENT_DAYS_BEFORE = 10

SUBJECT = "{edition} : informations pratiques"
BODY = (
    "Bonjour {prenom},\n\nLe congrès a lieu au Palais des Congrès et de la Culture du Mans, "
    "à cinq minutes à pied de la gare (tramway T1, arrêt « Préfecture »). L'accueil ouvre à "
    "8 h 30.\n\nVotre programme personnel : {lien_programme}\n\nÀ bientôt au Mans !"
)
SUBJECT_EN = "{edition}: practical information"
BODY_EN = (
    "Hello {prenom},\n\nThe congress takes place at the Palais des Congrès et de la Culture in Le "
    "Mans, a five-minute walk from the station (tram T1, « Préfecture » stop). The welcome desk "
    "opens at 8.30 am.\n\nYour personal programme: {lien_programme}\n\nSee you in Le Mans!"
)


def seed(ctx: DemoContext) -> None:
    congress = ctx.congress
    if Message.objects.filter(congress=congress, reminder="").exists():
        return
    organiser = ctx.accounts["organiser"]
    sent_at = moment(congress.start_date - timedelta(days=SENT_DAYS_BEFORE), 9, 30)
    message = Message.objects.create(
        congress=congress, kind=MessageKind.ESSENTIAL, audience=Audience.DELEGATES,
        audience_label=str(Audience.DELEGATES.label), subject_fr=SUBJECT, body_fr=BODY,
        subject_en=SUBJECT_EN, body_en=BODY_EN, created_by=organiser,
        created_at=sent_at - timedelta(hours=1), sent_by=organiser, sent_at=sent_at,
        status=MessageStatus.SENDING,
    )  # fmt: skip
    deliver_batch(message=message, recipient_ids=message_prepare(message=message))
    MessageRecipient.objects.filter(message=message).update(sent_at=sent_at + timedelta(minutes=2))
    count = MessageRecipient.objects.filter(message=message).count()
    ctx.log.append(f"Messages: « informations pratiques » sent to {count} delegates of 2024.")
