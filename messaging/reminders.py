"""Scheduled reminders, sent by `manage.py send_reminders` (run daily): practical information
7 days and 1 day before the edition to confirmed delegates, and reminders to orders paid by
transfer, or by administrative mandate (the invoice's due date), whose due date is near. Each reminder of an edition is one Message: its recipients are
unique per e-mail address, so each person gets each reminder at most once, however often the
command runs."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.editions.models import Congress, CongressStatus
from congress.registrations.models import OrderState
from messaging.models import (
    Audience,
    Message,
    MessageKind,
    MessageStatus,
    ReminderKind,
    ReminderText,
)
from messaging.selectors import segment_people
from messaging.tasks import prepare_message

# The reminders about a payment, and whom each reaches (the others go to confirmed delegates).
REMINDER_AUDIENCES = {
    ReminderKind.UNPAID.value: Audience.UNPAID_TRANSFER,
    ReminderKind.UNPAID_MANDATE.value: Audience.UNPAID_MANDATE,
}


def default_text(reminder: str, language: str) -> dict:
    with translation.override(language):
        if reminder == ReminderKind.UNPAID_MANDATE:
            subject = _("{edition} : la facture de la commande {reference_commande} arrive à "
                        "échéance")  # fmt: skip
            body = _(
                "Bonjour {prenom},\n\nLa facture de la commande {reference_commande}, à régler "
                "par mandat administratif, arrive à échéance dans quelques jours et nous n'avons "
                "pas encore reçu son paiement. Pouvez-vous vérifier auprès de votre service "
                "comptable que le mandat est bien émis (ou la facture déposée sur Chorus Pro) ?"
                "\n\nSi c'est déjà fait, merci de ne pas tenir compte de ce message."
            )
        elif reminder == ReminderKind.UNPAID:
            subject = _("{edition} : votre commande {reference_commande} attend son virement")
            body = _(
                "Bonjour {prenom},\n\nNous n'avons pas encore reçu le virement de la commande "
                "{reference_commande}. Merci de le faire avant son échéance, en indiquant cette "
                "référence dans le libellé.\n\nSi vous l'avez déjà fait, merci de ne pas tenir "
                "compte de ce message."
            )
        else:
            subject = (
                _("{edition} : dans une semaine") if reminder == ReminderKind.WEEK_BEFORE
                else _("{edition} : c'est demain")
            )  # fmt: skip
            body = _(
                "Bonjour {prenom},\n\nNous vous attendons au congrès. Votre programme personnel "
                "(ateliers, salles, horaires) : {lien_programme}\n\nPensez à votre billet et, "
                "si besoin, signalez-nous vos besoins d'accessibilité en répondant à ce message."
            )
    return {"subject": subject, "body": body}


def reminder_texts(congress: Congress) -> dict[str, dict]:
    """For each reminder: the organisers' text when they wrote one, else the default."""
    saved = {t.reminder: t for t in ReminderText.objects.filter(congress=congress)}
    texts = {}
    for kind in ReminderKind:
        if kind.value in saved:
            t = saved[kind.value]
            texts[kind.value] = {"subject_fr": t.subject_fr, "body_fr": t.body_fr,
                                 "subject_en": t.subject_en, "body_en": t.body_en}  # fmt: skip
        else:
            fr, en = default_text(kind.value, "fr"), default_text(kind.value, "en")
            texts[kind.value] = {"subject_fr": fr["subject"], "body_fr": fr["body"],
                                 "subject_en": en["subject"], "body_en": en["body"]}  # fmt: skip
    return texts


def reminders_due(congress: Congress, today: date) -> list[str]:
    """The reminders to run today. The week-before one catches up until two days before (a
    missed run still sends it); the eve one runs on the eve; the unpaid one every day before
    the edition starts."""
    start = congress.start_date
    due = []
    if start - timedelta(days=7) <= today <= start - timedelta(days=2):
        due.append(ReminderKind.WEEK_BEFORE.value)
    if today == start - timedelta(days=1):
        due.append(ReminderKind.DAY_BEFORE.value)
    if today < start:
        due.append(ReminderKind.UNPAID.value)
    due.append(ReminderKind.UNPAID_MANDATE.value)  # invoices may fall due after the congress
    return due


def reminder_run(*, congress: Congress, reminder: str, today: date) -> Message:
    """Queue one reminder of an edition: its message is created the first time and its texts
    refreshed; the task adds only the people not reached yet."""
    with transaction.atomic():
        text = reminder_texts(congress)[reminder]
        audience = REMINDER_AUDIENCES.get(reminder, Audience.DELEGATES)
        message, _created = Message.objects.select_for_update().get_or_create(
            congress=congress, reminder=reminder,
            defaults={"audience": audience, "kind": MessageKind.ESSENTIAL, **text,
                      "audience_label": str(ReminderKind(reminder).label)},
        )  # fmt: skip
        for name, value in text.items():
            setattr(message, name, value)
        message.status = MessageStatus.SENDING
        message.sent_at = message.sent_at or timezone.now()
        message.save()
        transaction.on_commit(lambda: prepare_message.enqueue(message.pk, today.isoformat()))
        return message


def reminders_send(today: date | None = None) -> list[tuple[Congress, str]]:
    today = today or timezone.localdate()
    ran = []
    editions = Congress.objects.exclude(status=CongressStatus.DRAFT).filter(
        Q(start_date__gt=today) | Q(orders__state=OrderState.AWAITING_MANDATE)
    )
    for congress in editions.distinct():
        for reminder in reminders_due(congress, today):
            audience = REMINDER_AUDIENCES.get(reminder)
            if audience and not segment_people(congress, audience, today=today):
                continue  # no payment due soon: no empty message in the organisers' list
            reminder_run(congress=congress, reminder=reminder, today=today)
            ran.append((congress, reminder))
    return ran
