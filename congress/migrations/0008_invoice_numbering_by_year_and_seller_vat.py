"""Issue 12: invoices numbered per series (prefix) and year of issue; the seller's VAT situation.

Existing invoices keep their reference (never renumbered): they get the series of their kind
("F" / "AV") and the year their reference was built from (the edition's first day). Existing
counters move to the same (kind, series, year) key. Editions whose VAT mention was the former
default (art. 293 B) keep it as their VAT situation, the mention itself now derived from it.
"""

import django.core.validators
from decimal import Decimal

from django.db import migrations, models

OLD_DEFAULT_MENTION = "TVA non applicable, art. 293 B du CGI"
SERIES = {"invoice": "F", "credit_note": "AV"}


def forwards(apps, schema_editor):
    Congress = apps.get_model("congress", "Congress")
    Invoice = apps.get_model("congress", "Invoice")
    InvoiceCounter = apps.get_model("congress", "InvoiceCounter")
    for congress in Congress.objects.all():
        if congress.billing_vat_mention == OLD_DEFAULT_MENTION:
            congress.billing_vat_regime = "franchise"
            congress.billing_vat_mention = ""
            congress.save(update_fields=["billing_vat_regime", "billing_vat_mention"])
    used = set()
    for invoice in Invoice.objects.select_related("congress").order_by("congress_id", "pk"):
        invoice.series = SERIES[invoice.kind]
        invoice.year = invoice.congress.start_date.year
        if (invoice.kind, invoice.series, invoice.year, invoice.number) in used:
            # Two editions starting the same year numbered apart: the later edition's old
            # invoices keep their reference, filed under a series of their own.
            invoice.series = f"{invoice.series}{invoice.congress_id}"[:10]
        used.add((invoice.kind, invoice.series, invoice.year, invoice.number))
        invoice.save(update_fields=["series", "year"])
    for counter in InvoiceCounter.objects.select_related("congress"):
        counter.series = SERIES[counter.kind]
        counter.year = counter.congress.start_date.year
        counter.save(update_fields=["series", "year"])
    # Two editions starting the same year shared nothing before: keep the highest number.
    seen = {}
    for counter in InvoiceCounter.objects.order_by("-last_number"):
        key = (counter.kind, counter.series, counter.year)
        if key in seen:
            counter.delete()
        else:
            seen[key] = counter.pk


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0007_payment_methods_transfer_on_site"),
    ]

    operations = [
        migrations.AddField(
            model_name="congress",
            name="billing_vat_number",
            field=models.CharField(
                blank=True, max_length=20, verbose_name="numéro de TVA intracommunautaire"
            ),
        ),
        migrations.AddField(
            model_name="congress",
            name="billing_vat_rate",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=4,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("0.01")),
                    django.core.validators.MaxValueValidator(Decimal("50")),
                ],
                verbose_name="taux de TVA (%)",
            ),
        ),
        migrations.AddField(
            model_name="congress",
            name="billing_vat_regime",
            field=models.CharField(
                choices=[
                    ("public_body", "Personne morale de droit public non assujettie (art. 256 B)"),
                    ("non_profit", "Organisme sans but lucratif exonéré (art. 261, 7-1°)"),
                    ("franchise", "Franchise en base de TVA (art. 293 B)"),
                    ("vat", "Assujetti : TVA appliquée au taux indiqué"),
                ],
                default="public_body",
                max_length=12,
                verbose_name="situation au regard de la TVA",
            ),
        ),
        migrations.AddField(
            model_name="congress",
            name="credit_note_prefix",
            field=models.CharField(
                default="AV",
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z0-9]{1,10}$",
                        "De 1 à 10 lettres majuscules ou chiffres, sans espace ni tiret.",
                    )
                ],
                verbose_name="préfixe des avoirs",
            ),
        ),
        migrations.AddField(
            model_name="congress",
            name="invoice_prefix",
            field=models.CharField(
                default="F",
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z0-9]{1,10}$",
                        "De 1 à 10 lettres majuscules ou chiffres, sans espace ni tiret.",
                    )
                ],
                verbose_name="préfixe des factures",
            ),
        ),
        migrations.AlterField(
            model_name="congress",
            name="billing_vat_mention",
            field=models.CharField(
                blank=True,
                help_text="Laisser vide pour imprimer la mention légale de la situation choisie.",
                max_length=200,
                verbose_name="mention TVA",
            ),
        ),
        migrations.RemoveConstraint(model_name="invoice", name="invoice_unique_number"),
        migrations.RemoveConstraint(model_name="invoicecounter", name="invoice_counter_unique"),
        migrations.AddField(
            model_name="invoice",
            name="series",
            field=models.CharField(default="", max_length=10, verbose_name="série"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="invoice",
            name="year",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="année de numérotation"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="invoice",
            name="total_excl_vat",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=10, null=True, verbose_name="total HT (€)"
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="vat_amount",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=10, null=True, verbose_name="TVA (€)"
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="vat_rate",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=4, null=True, verbose_name="taux de TVA (%)"
            ),
        ),
        migrations.AlterField(
            model_name="invoice",
            name="vat_mention",
            field=models.CharField(blank=True, max_length=200, verbose_name="mention TVA"),
        ),
        migrations.AddField(
            model_name="invoicecounter",
            name="series",
            field=models.CharField(default="", max_length=10),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="invoicecounter",
            name="year",
            field=models.PositiveSmallIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invoicecounter", name="congress"),
        migrations.AlterModelOptions(
            name="invoice",
            options={
                "ordering": ["congress", "kind", "year", "number"],
                "verbose_name": "facture",
                "verbose_name_plural": "factures",
            },
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(
                fields=("kind", "series", "year", "number"), name="invoice_unique_series_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="invoicecounter",
            constraint=models.UniqueConstraint(
                fields=("kind", "series", "year"), name="invoice_counter_unique_series_year"
            ),
        ),
    ]
