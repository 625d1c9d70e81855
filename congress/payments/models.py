"""Money documents: numbered invoices and credit notes, their counters, processed Stripe events."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Facture")
    CREDIT_NOTE = "credit_note", _("Avoir")


class InvoiceCounter(models.Model):
    """The last number issued in a series (prefix), per kind and year of issue: locked while a
    number is taken, so numbers follow each other without gaps and start again each year."""

    kind = models.CharField(max_length=12, choices=InvoiceKind.choices)
    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "series", "year"], name="invoice_counter_unique_series_year"
            )
        ]

    def __str__(self):
        return f"{self.series}-{self.year} {self.kind}: {self.last_number}"


class Invoice(models.Model):
    """An issued invoice or credit note: a frozen snapshot, never edited nor deleted."""

    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.PROTECT, related_name="invoices"
    )
    order = models.ForeignKey("congress.Order", on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(_("type"), max_length=12, choices=InvoiceKind.choices)
    series = models.CharField(_("série"), max_length=10)
    year = models.PositiveSmallIntegerField(_("année de numérotation"))
    number = models.PositiveIntegerField(_("numéro"))
    reference = models.CharField(_("référence"), max_length=40)
    issued_on = models.DateField(_("date d'émission"))
    due_on = models.DateField(_("échéance"))
    credited_invoice = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_note"
    )
    seller = models.JSONField(_("émetteur"))
    buyer = models.JSONField(_("destinataire"))
    lines = models.JSONField(_("lignes"))
    total = models.DecimalField(_("total (€)"), max_digits=10, decimal_places=2)
    # Only when the seller charges VAT: the rate, and the total split into HT and TVA.
    vat_rate = models.DecimalField(
        _("taux de TVA (%)"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    total_excl_vat = models.DecimalField(
        _("total HT (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    vat_amount = models.DecimalField(
        _("TVA (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    vat_mention = models.CharField(_("mention TVA"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("facture")
        verbose_name_plural = _("factures")
        ordering = ["congress", "kind", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "series", "year", "number"], name="invoice_unique_series_number"
            ),
            models.UniqueConstraint(
                fields=["order"], condition=Q(kind="invoice"), name="invoice_one_per_order"
            ),
        ]

    def __str__(self):
        return self.reference


class StripeEvent(models.Model):
    """Webhook events already processed: a replay changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("événement Stripe")
        verbose_name_plural = _("événements Stripe")

    def __str__(self):
        return f"{self.event_id} ({self.type})"
