"""The migration to per-year numbering renumbers nothing: issued invoices keep their reference."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("congress", "0007_payment_methods_transfer_on_site")]
AFTER = [("congress", "0008_invoice_numbering_by_year_and_seller_vat")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_migration():
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


def test_the_migration_keeps_invoices_counters_and_each_editions_references(before_migration):
    """One migration back and forth (they take most of the test's time) for two cases:

    an edition's invoices, credit notes and counters keep their numbers (2023); two editions of
    the same year keep their old references, the second in a series of its own (2024).
    """
    apps = before_migration
    congress_2023 = congress = apps.get_model("congress", "Congress").objects.create(
        name="Congrès 2023", slug="cns-2023", start_date=date(2023, 2, 1),
        end_date=date(2023, 2, 2), city="Le Mans", contact_email="c@example.org",
        billing_vat_mention="TVA non applicable, art. 293 B du CGI",
    )  # fmt: skip
    user = apps.get_model("congress", "User").objects.create(email="u@example.org")
    order = apps.get_model("congress", "Order").objects.create(
        congress=congress, placed_by=user, payment_method="invoice", state="paid",
        total=Decimal("90.00"),
    )  # fmt: skip
    invoice_model = apps.get_model("congress", "Invoice")
    common = {"congress": congress, "order": order, "issued_on": date(2023, 1, 10),
              "due_on": date(2023, 2, 9), "seller": {}, "buyer": {}, "lines": [],
              "vat_mention": "TVA non applicable, art. 293 B du CGI"}  # fmt: skip
    invoice = invoice_model.objects.create(
        kind="invoice", number=7, reference="F-2023-0007", total=Decimal("90.00"), **common
    )
    invoice_model.objects.create(
        kind="credit_note", number=2, reference="AV-2023-0002", total=Decimal("-90.00"),
        credited_invoice=invoice, **common,
    )  # fmt: skip
    counters = apps.get_model("congress", "InvoiceCounter")
    counters.objects.create(congress=congress, kind="invoice", last_number=7)
    counters.objects.create(congress=congress, kind="credit_note", last_number=2)

    # Two editions of 2024 that both issued « F-2024-0001 ».
    editions = []
    for slug, last in (("printemps", 3), ("automne", 5)):
        congress = apps.get_model("congress", "Congress").objects.create(
            name=slug, slug=slug, start_date=date(2024, 3, 1), end_date=date(2024, 3, 2),
            city="Le Mans", contact_email="c@example.org",
        )  # fmt: skip
        order = apps.get_model("congress", "Order").objects.create(
            congress=congress, placed_by=user, payment_method="invoice", state="paid",
            total=Decimal("90.00"),
        )  # fmt: skip
        invoice_model.objects.create(
            congress=congress, order=order, kind="invoice", number=1, reference="F-2024-0001",
            issued_on=date(2024, 1, 10), due_on=date(2024, 2, 9), seller={}, buyer={},
            lines=[], total=Decimal("90.00"), vat_mention="",
        )  # fmt: skip
        counters.objects.create(congress=congress, kind="invoice", last_number=last)
        editions.append(congress)

    apps = migrate(AFTER)

    invoices = apps.get_model("congress", "Invoice").objects.filter(year=2023).order_by("kind")
    assert [(i.reference, i.series, i.year, i.number) for i in invoices] == [
        ("AV-2023-0002", "AV", 2023, 2),
        ("F-2023-0007", "F", 2023, 7),
    ]
    assert sorted(
        apps.get_model("congress", "InvoiceCounter")
        .objects.values_list("kind", "series", "year", "last_number")
        .filter(year=2023)
    ) == [("credit_note", "AV", 2023, 2), ("invoice", "F", 2023, 7)]
    edition = apps.get_model("congress", "Congress").objects.get(pk=congress_2023.pk)
    assert (edition.billing_vat_regime, edition.billing_vat_mention) == ("franchise", "")

    migrated = (
        apps.get_model("congress", "Invoice").objects.filter(year=2024).order_by("congress_id")
    )
    assert [(i.reference, i.series, i.number) for i in migrated] == [
        ("F-2024-0001", "F", 1),
        ("F-2024-0001", f"F{editions[1].pk}", 1),
    ]
    assert list(
        apps.get_model("congress", "InvoiceCounter")
        .objects.filter(year=2024)
        .values_list("series", "year", "last_number")
    ) == [("F", 2024, 5)]
