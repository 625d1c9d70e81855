"""Messages written by organisers to a segment of an edition, their recipients, the opt-outs
from information messages and the texts of the scheduled reminders."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    DELEGATES = "delegates", _("Toutes les personnes inscrites (confirmées)")
    MANAGERS = "managers", _("Gestionnaires des organisations ayant commandé")
    TARIFF = "tariff", _("Personnes inscrites à un tarif")
    PAYMENT_STATE = "payment_state", _("Personnes inscrites selon l'état du paiement")
    DAY = "day", _("Personnes présentes un jour")
    WORKSHOP = "workshop", _("Personnes inscrites à un atelier")
    SPEAKERS = "speakers", _("Intervenants des ateliers d'un thème")
    MODERATORS = "moderators", _("Animateurs d'un thème")
    REVIEWERS = "reviewers", _("Relecteurs d'un thème")
    WAITLIST = "waitlist", _("Personnes en liste d'attente")
    UNPAID_TRANSFER = "unpaid_transfer", _("Commandes par virement bientôt dues")
    UNPAID_MANDATE = "unpaid_mandate", _("Factures sur mandat administratif bientôt dues")


class MessageKind(models.TextChoices):
    ESSENTIAL = "essential", _("Pratique ou essentiel (envoyé à tous)")
    INFORMATION = "information", _("Information (pas aux personnes désinscrites)")


class MessageStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SENDING = "sending", _("Envoi en cours")
    SENT = "sent", _("Envoyé")


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "d7", _("Informations pratiques, 7 jours avant")
    DAY_BEFORE = "d1", _("Informations pratiques, la veille")
    UNPAID = "unpaid", _("Relance des commandes non réglées avant l'échéance")
    UNPAID_MANDATE = "mandate", _("Relance des factures sur mandat avant leur échéance")


class Message(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(
        _("nature du message"), max_length=12, choices=MessageKind.choices,
        default=MessageKind.INFORMATION,
    )  # fmt: skip
    audience = models.CharField(_("envoyé à"), max_length=20, choices=Audience.choices)
    audience_value = models.CharField(max_length=40, blank=True)
    audience_label = models.CharField(_("envoyé à (libellé)"), max_length=300, blank=True)
    subject_fr = models.CharField(_("objet (français)"), max_length=200)
    body_fr = models.TextField(_("texte (français)"))
    subject_en = models.CharField(_("objet (anglais)"), max_length=200, blank=True)
    body_en = models.TextField(_("texte (anglais)"), blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.DRAFT
    )
    reminder = models.CharField(max_length=10, choices=ReminderKind.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "reminder"], condition=~Q(reminder=""),
                name="message_one_per_reminder",
            ),
        ]  # fmt: skip

    def __str__(self):
        return self.subject_fr

    @property
    def has_english(self) -> bool:
        return bool(self.subject_en.strip() and self.body_en.strip())


class RecipientStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échec")
    OPTED_OUT = "opted_out", _("Désinscrit (non envoyé)")
    BOUNCED = "bounced", _("Adresse invalide")  # the provider says it will never arrive


# Provider events that mean the address will never receive mail: the recipient is « bounced ».
FINAL_BOUNCES = ("hard_bounce", "invalid_email", "blocked")


class MessageRecipient(models.Model):
    """One person for one message: unique by e-mail address, whatever the segment says."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    email = models.EmailField(_("adresse e-mail"))
    full_name = models.CharField(_("nom"), max_length=200)
    language = models.CharField(max_length=5, default="fr")
    organisation = models.CharField(max_length=200, blank=True)
    order_reference = models.CharField(max_length=30, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=RecipientStatus.choices, default=RecipientStatus.PENDING
    )
    error = models.TextField(_("erreur"), blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    # The Message-ID header the e-mail went with (without <>): the provider's events name it.
    message_id_header = models.CharField(max_length=255, blank=True, db_index=True)
    # The last event the mail provider reported (hard_bounce, soft_bounce, spam...), and when.
    provider_event = models.CharField(_("retour du serveur d'envoi"), max_length=20, blank=True)
    provider_event_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("destinataire")
        verbose_name_plural = _("destinataires")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "email"], name="recipient_once_per_message")
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"


class OptOut(models.Model):
    """A person who no longer wants information messages (essential ones still reach them)."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("désinscription des informations")
        verbose_name_plural = _("désinscriptions des informations")

    def __str__(self):
        return self.email


class ReminderText(models.Model):
    """The organisers' own text of one scheduled reminder of an edition."""

    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="reminder_texts"
    )
    reminder = models.CharField(max_length=10, choices=ReminderKind.choices)
    subject_fr = models.CharField(_("objet (français)"), max_length=200)
    body_fr = models.TextField(_("texte (français)"))
    subject_en = models.CharField(_("objet (anglais)"), max_length=200, blank=True)
    body_en = models.TextField(_("texte (anglais)"), blank=True)

    class Meta:
        verbose_name = _("texte de rappel")
        verbose_name_plural = _("textes de rappel")
        constraints = [
            models.UniqueConstraint(fields=["congress", "reminder"], name="remindertext_unique")
        ]

    def __str__(self):
        return f"{self.congress} – {self.get_reminder_display()}"
