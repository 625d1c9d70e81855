"""Invoices and credit notes: gap-free numbering under a row lock, immutable snapshots."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.editions.models import Congress, VatRegime
from congress.payments.models import Invoice, InvoiceCounter, InvoiceKind
from congress.payments.permissions import can_manage_billing


def _next_number(*, kind: str, series: str, year: int) -> int:
    """The next number of a series in a year of issue, taken under the counter's row lock."""
    counter, _created = InvoiceCounter.objects.get_or_create(kind=kind, series=series, year=year)
    counter = InvoiceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _numbered(kind: str, series: str, issued_on) -> dict:
    number = _next_number(kind=kind, series=series, year=issued_on.year)
    return {
        "kind": kind,
        "series": series,
        "year": issued_on.year,
        "number": number,
        "reference": f"{series}-{issued_on.year}-{number:05d}",
    }


def _vat_split(congress: Congress, total: Decimal) -> dict:
    """Prices are what buyers pay: when VAT applies, the total splits into HT and TVA."""
    if congress.billing_vat_regime != VatRegime.VAT:
        return {"vat_rate": None, "total_excl_vat": None, "vat_amount": None}
    rate = congress.billing_vat_rate
    excl = (total * 100 / (100 + rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {"vat_rate": rate, "total_excl_vat": excl, "vat_amount": total - excl}


def _negated(value: Decimal | None) -> Decimal | None:
    return None if value is None else -value


def _in_french(congress: Congress) -> str:
    with translation.override("fr"):
        return congress.vat_mention


def _country_name(organisation) -> str:
    if organisation is None:
        return ""
    with translation.override("fr"):
        return str(organisation.get_country_display())


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _seller(congress: Congress) -> dict:
    return {
        "name": congress.billing_name or congress.organiser_name or congress.name,
        "address": congress.billing_address,
        "siret": congress.billing_siret,
        "vat_number": congress.billing_vat_number,
        "vat_regime": congress.billing_vat_regime,
        "iban": congress.billing_iban or settings.BILLING_IBAN,
        "bic": congress.billing_bic or settings.BILLING_BIC,
        "email": congress.contact_email,
    }


def invoice_issue(*, order, buyer: dict | None = None) -> Invoice:
    """Issue the numbered invoice of an order (numbers follow each other without gaps), to its
    organisation, or to `buyer` (the payer organisers typed for a walk-in: name, address,
    postal_code, commune, siret)."""
    with transaction.atomic():
        if order.invoices.filter(kind=InvoiceKind.INVOICE).exists():
            raise ValidationError(_("Cette commande a déjà une facture."))
        congress = order.congress
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
            **_numbered(InvoiceKind.INVOICE, congress.invoice_prefix, today),
            issued_on=today,
            due_on=today + timedelta(days=congress.payment_terms_days),
            seller=_seller(congress),
            buyer=_payer(order, buyer) if buyer is not None else _buyer(order),
            lines=list(lines.values()),
            total=order.total,
            **_vat_split(congress, order.total),
            vat_mention=_in_french(congress),
        )
        invoice.full_clean()
        invoice.save()
        return invoice


def _buyer(order) -> dict:
    organisation = order.organisation
    return {
        "name": organisation.name if organisation else order.placed_by.full_name,
        "address": organisation.address if organisation else "",
        "postal_code": organisation.postal_code if organisation else "",
        "commune": organisation.commune if organisation else "",
        "siret": organisation.siret if organisation else "",
        "country": organisation.country if organisation else "",
        "country_name": _country_name(organisation),
        "vat_number": organisation.vat_number if organisation else "",
        "code_service": order.code_service,
        "engagement_number": order.engagement_number,
        "email": organisation.contact_email if organisation else order.placed_by.email,
    }


def _payer(order, buyer: dict) -> dict:
    """The buyer's block of an invoice to a payer typed by hand (no organisation record)."""
    return {
        "name": buyer["name"],
        "address": buyer.get("address", ""),
        "postal_code": buyer.get("postal_code", ""),
        "commune": buyer.get("commune", ""),
        "siret": buyer.get("siret", ""),
        "country": "FR",
        "country_name": "France",
        "vat_number": "",
        "code_service": order.code_service,
        "engagement_number": order.engagement_number,
        "email": buyer.get("email", ""),
    }


def credit_note_issue(*, invoice: Invoice) -> Invoice:
    """Cancel an invoice the only lawful way: a credit note (avoir) with its own numbers."""
    with transaction.atomic():
        if invoice.kind != InvoiceKind.INVOICE:
            raise ValidationError(_("Seule une facture peut être annulée par un avoir."))
        if Invoice.objects.filter(credited_invoice=invoice).exists():
            raise ValidationError(_("Cette facture a déjà un avoir."))
        today = timezone.localdate()
        credit = Invoice(
            congress=invoice.congress,
            order=invoice.order,
            **_numbered(InvoiceKind.CREDIT_NOTE, invoice.congress.credit_note_prefix, today),
            issued_on=today,
            due_on=today,
            credited_invoice=invoice,
            seller=invoice.seller,
            buyer=invoice.buyer,
            lines=[{**line, "amount": _money(-Decimal(line["amount"]))} for line in invoice.lines],
            total=-invoice.total,
            vat_rate=invoice.vat_rate,
            total_excl_vat=_negated(invoice.total_excl_vat),
            vat_amount=_negated(invoice.vat_amount),
            vat_mention=invoice.vat_mention,
        )
        credit.full_clean()
        credit.save()
        return credit


BILLING_FIELDS = (
    "billing_name", "billing_address", "billing_siret", "billing_vat_number",
    "billing_vat_regime", "billing_vat_rate", "billing_vat_mention", "billing_iban",
    "billing_bic", "payment_terms_days", "invoice_prefix", "credit_note_prefix",
)  # fmt: skip


def billing_settings_update(*, congress: Congress, by, **fields) -> Congress:
    """Organisers set who issues the invoices, the VAT situation and the numbering scheme.
    Invoices already issued keep their snapshot: only the next ones change."""
    with transaction.atomic():
        if not can_manage_billing(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs règlent la facturation."))
        unknown = set(fields) - set(BILLING_FIELDS)
        if unknown:
            raise TypeError(f"Unknown billing fields: {sorted(unknown)}")
        congress = Congress.objects.select_for_update().get(pk=congress.pk)
        changed = sorted(name for name, value in fields.items() if getattr(congress, name) != value)
        for name, value in fields.items():
            setattr(congress, name, value)
        congress.full_clean()
        congress.save(update_fields=list(fields))
        audit_record(
            actor=by, action="billing.updated", congress=congress, target=congress,
            details={"fields": changed},
        )  # fmt: skip
        return congress
