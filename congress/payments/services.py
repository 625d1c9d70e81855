"""Invoices and credit notes: gap-free numbering under a row lock, immutable snapshots."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.editions.models import Congress
from congress.payments.models import Invoice, InvoiceCounter, InvoiceKind


def _next_number(congress: Congress, kind: str) -> int:
    counter, _created = InvoiceCounter.objects.get_or_create(congress=congress, kind=kind)
    counter = InvoiceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _seller(congress: Congress) -> dict:
    return {
        "name": congress.billing_name or congress.organiser_name or congress.name,
        "address": congress.billing_address,
        "siret": congress.billing_siret,
        "iban": congress.billing_iban or settings.BILLING_IBAN,
        "bic": congress.billing_bic or settings.BILLING_BIC,
        "email": congress.contact_email,
    }


@transaction.atomic
def invoice_issue(*, order) -> Invoice:
    """Issue the numbered invoice of an order (numbers follow each other without gaps)."""
    if order.invoices.filter(kind=InvoiceKind.INVOICE).exists():
        raise ValidationError(_("Cette commande a déjà une facture."))
    congress = order.congress
    organisation = order.organisation
    number = _next_number(congress, InvoiceKind.INVOICE)
    lines = {}
    for registration in order.registrations.select_related("tariff").order_by("pk"):
        line = lines.setdefault(
            registration.tariff_id,
            {
                "label": f"{congress.name} – {registration.tariff.name}",
                "quantity": 0,
                "unit_price": _money(registration.price),
                "people": [],
            },
        )
        line["quantity"] += 1
        line["people"].append(registration.full_name)
    for line in lines.values():
        line["amount"] = _money(Decimal(line["unit_price"]) * line["quantity"])
    today = timezone.localdate()
    invoice = Invoice(
        congress=congress,
        order=order,
        kind=InvoiceKind.INVOICE,
        number=number,
        reference=f"F-{congress.start_date.year}-{number:04d}",
        issued_on=today,
        due_on=today + timedelta(days=congress.payment_terms_days),
        seller=_seller(congress),
        buyer={
            "name": organisation.name if organisation else order.placed_by.full_name,
            "address": organisation.address if organisation else "",
            "postal_code": organisation.postal_code if organisation else "",
            "commune": organisation.commune if organisation else "",
            "siret": organisation.siret if organisation else "",
            "code_service": order.code_service,
            "engagement_number": order.engagement_number,
            "email": organisation.contact_email if organisation else order.placed_by.email,
        },
        lines=list(lines.values()),
        total=order.total,
        vat_mention=congress.billing_vat_mention,
    )
    invoice.full_clean()
    invoice.save()
    return invoice


@transaction.atomic
def credit_note_issue(*, invoice: Invoice) -> Invoice:
    """Cancel an invoice the only lawful way: a credit note (avoir) with its own numbers."""
    if invoice.kind != InvoiceKind.INVOICE:
        raise ValidationError(_("Seule une facture peut être annulée par un avoir."))
    if Invoice.objects.filter(credited_invoice=invoice).exists():
        raise ValidationError(_("Cette facture a déjà un avoir."))
    number = _next_number(invoice.congress, InvoiceKind.CREDIT_NOTE)
    today = timezone.localdate()
    credit = Invoice(
        congress=invoice.congress,
        order=invoice.order,
        kind=InvoiceKind.CREDIT_NOTE,
        number=number,
        reference=f"AV-{invoice.congress.start_date.year}-{number:04d}",
        issued_on=today,
        due_on=today,
        credited_invoice=invoice,
        seller=invoice.seller,
        buyer=invoice.buyer,
        lines=[{**line, "amount": _money(-Decimal(line["amount"]))} for line in invoice.lines],
        total=-invoice.total,
        vat_mention=invoice.vat_mention,
    )
    credit.full_clean()
    credit.save()
    return credit
