"""No spreadsheet export ever hands a formula to the organisers' spreadsheet software.

Hostile text (`=HYPERLINK(...)`, `@SUM(1)`, `+cmd`...) is planted in every text column of every
model of the project, then every spreadsheet download (each export table as CSV, semicolon CSV
and XLSX, the all-tables workbook, the registrations board's CSV and XLSX) is read back and
every cell checked. Exporters are discovered: a new export table is covered without a change
here, and a new view or module writing spreadsheets fails the guards below until it is listed
in `SPREADSHEET_URLS` and goes through `congress.core.spreadsheets`.
"""

import csv
import inspect
import io
import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from congress.core.spreadsheets import is_dangerous, neutralise, neutralise_frame
from congress.payments.models import Invoice, InvoiceKind
from congress.registrations.models import Order
from funding.models import ApplicationState, Decision, FundingCall
from proposals.models import Review
from reports import exports
from tests.factories.funding import ApplicationFactory, FundingCallFactory
from tests.reports.conftest import make_edition
from tracks.press.models import PressAccreditation

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1)",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
PROJECT_APPS = ("congress", "tracks", "proposals", "funding", "reports")
NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def spreadsheet_downloads(slug: str):
    """(url, format, CSV separator) of every spreadsheet the project serves."""
    for name in exports.TABLES:
        yield reverse("export_csv", args=[slug, name]), "csv", ","
        yield reverse("export_csv", args=[slug, name]) + "?sep=semicolon", "csv", ";"
        yield reverse("export_xlsx", args=[slug, name]), "xlsx", None
    yield reverse("export_xlsx", args=[slug, "all"]), "xlsx", None
    board = reverse("registration_board", args=[slug])
    yield board + "?export=csv", "csv", ";"
    yield board + "?export=xlsx", "xlsx", None
    for call in FundingCall.objects.filter(congress__slug=slug):  # the paying department's
        yield reverse("funding_call_export", args=[slug, call.pk, "csv"]), "csv", ";"
        yield reverse("funding_call_export", args=[slug, call.pk, "xlsx"]), "xlsx", None
    yield reverse("staff_press_export", args=[slug]), "csv", ";"


# URL names whose views serve spreadsheets, all exercised by `spreadsheet_downloads`.
SPREADSHEET_URLS = {
    "export_csv", "export_xlsx", "registration_board", "funding_call_export", "staff_press_export",
}  # fmt: skip
SPREADSHEET_MARKERS = (
    "text/csv", "spreadsheetml", "XLSX_CONTENT_TYPE", "csv_chunks", "write_xlsx", '"xlsx"',
    "to_csv(", "to_excel(",
)  # fmt: skip
WRITER_MARKERS = ("to_csv(", "to_excel(", "csv.writer", "openpyxl", "Workbook(")


def plant_hostile_text() -> list[str]:
    """Write a payload into every free-text column of every project model; returns the
    columns that refused one (database constraints)."""
    refused = []
    payloads = itertools.cycle(PAYLOADS)
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if field.primary_key or field.choices or isinstance(field, models.SlugField):
                continue
            payload = next(payloads)
            if isinstance(field, models.CharField | models.TextField):
                value = payload[: field.max_length] if field.max_length else payload
            elif isinstance(field, models.JSONField) and field.default is list:
                value = [payload]
            else:
                continue
            try:
                with transaction.atomic():
                    model.objects.update(**{field.name: value})
            except IntegrityError:  # unique or constrained: row by row, a distinct payload each
                accepted = 0
                for pk in model.objects.values_list("pk", flat=True):
                    suffix = f" {pk}"
                    unique = payload[: (field.max_length or 200) - len(suffix)] + suffix
                    try:
                        with transaction.atomic():
                            model.objects.filter(pk=pk).update(**{field.name: unique})
                        accepted += 1
                    except IntegrityError:
                        continue
                if not accepted:
                    refused.append(f"{model._meta.label}.{field.name}")
    return refused


def cells_of(body: bytes, fmt: str, sep: str | None) -> list[tuple[str, object, str]]:
    """(sheet, value, data type) of every cell of a CSV or XLSX file."""
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        return [("csv", cell, "s") for row in csv.reader(io.StringIO(text), delimiter=sep)
                for cell in row]  # fmt: skip
    workbook = load_workbook(io.BytesIO(body))
    return [
        (sheet.title, cell.value, cell.data_type)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]


@pytest.fixture
def hostile_edition(db):
    edition = make_edition(workshops=2)
    order = Order.objects.filter(congress=edition.congress).first()
    Invoice.objects.create(
        congress=edition.congress, order=order, kind=InvoiceKind.INVOICE, series="F",
        year=edition.congress.start_date.year, number=1, reference="F-1", issued_on=edition.congress.start_date,
        due_on=edition.congress.start_date, seller={}, buyer={}, lines=[], total=Decimal(90),
        vat_mention="TVA non applicable",
    )  # fmt: skip
    edition.workshops[0].moderators.add(edition.organiser)
    granted = ApplicationFactory(
        call=FundingCallFactory(congress=edition.congress), state=ApplicationState.GRANTED
    )
    Decision.objects.create(application=granted, granted=True, amount_granted=Decimal(900))
    PressAccreditation.objects.create(
        congress=edition.congress, full_name="Journaliste", media="Média", card_number="P1",
        email="presse@example.org", phone="0600000000",
    )  # fmt: skip
    refused = plant_hostile_text()
    assert refused == [], refused
    # A negative amount stays a number.
    Review.objects.update(weighted_score=Decimal("-1.25"))
    edition.organiser.refresh_from_db()  # its password column holds a payload too
    return edition


def test_no_export_cell_can_be_read_as_a_formula(client, hostile_edition):
    client.force_login(hostile_edition.organiser)
    checked = 0
    for url, fmt, sep in spreadsheet_downloads(hostile_edition.congress.slug):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        cells = cells_of(body, fmt, sep)
        formulas = [c for c in cells if c[2] == "f"]
        assert formulas == [], url
        dangerous = [
            c for c in cells if is_dangerous(c[1]) and not (fmt == "csv" and NUMBER.match(c[1]))
        ]
        assert dangerous == [], url
        neutralised = [c for c in cells if isinstance(c[1], str) and c[1].startswith("'")]
        assert neutralised, f"no hostile value reached {url}"
        checked += len(cells)
    assert checked > 1000


def coded(table, column, congress) -> bool:
    """A column of codes from a fixed list (model field choices: not planted, see above)."""
    if column.choices is not None:
        return True
    try:
        field = table.query(congress).model._meta.get_field(column.source or column.key)
    except FieldDoesNotExist:
        return False
    return bool(field.choices)


def test_every_text_column_of_every_table_is_reached_and_numbers_stay_numbers(
    client, hostile_edition
):
    client.force_login(hostile_edition.organiser)
    url = reverse("export_xlsx", args=[hostile_edition.congress.slug, "all"])
    workbook = load_workbook(io.BytesIO(b"".join(client.get(url).streaming_content)))
    for table in exports.TABLES.values():
        sheet = workbook[table.title[:31]]
        columns = list(zip(*sheet.iter_rows(min_row=2, values_only=True), strict=True))
        assert len(columns) == len(table.columns), table.name
        for column, values in zip(table.columns, columns, strict=True):
            if column.kind == exports.TEXT and not coded(table, column, hostile_edition.congress):
                assert any(str(v).startswith("'") for v in values), (table.name, column.key)
            if column.kind in (exports.INT, exports.DECIMAL):
                assert all(isinstance(v, int | float) for v in values if v is not None), (
                    table.name,
                    column.key,
                )
    scores = [row[6] for row in workbook["Relectures"].iter_rows(min_row=2, values_only=True)]
    assert scores == [-1.25, -1.25, -1.25]
    reviews_csv = client.get(
        reverse("export_csv", args=[hostile_edition.congress.slug, "reviews"]) + "?sep=semicolon"
    )
    assert ";-1,25;" in b"".join(reviews_csv.streaming_content).decode("utf-8-sig")


def test_neutralise_quotes_only_text_that_starts_a_formula():
    assert [neutralise(v) for v in ["=1", "+1", "-1", "@a", "\tx", "\rx", "ok", "a=b", ""]] == [
        "'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "ok", "a=b", "",
    ]  # fmt: skip
    assert [neutralise(v) for v in [-5, -1.5, Decimal("-2.5"), None, True]] == [
        -5, -1.5, Decimal("-2.5"), None, True,
    ]  # fmt: skip
    import pandas as pd

    frame = neutralise_frame(pd.DataFrame({"name": ["=x", "y"], "price": [-1.0, 2.0]}))
    assert frame.to_dict("list") == {"name": ["'=x", "y"], "price": [-1.0, 2.0]}


# --- guards: a new spreadsheet exporter cannot skip the checks above -------------------------


def _url_patterns(resolver: URLResolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _url_patterns(pattern)
        elif isinstance(pattern, URLPattern):
            yield pattern


def test_every_view_serving_spreadsheets_is_checked():
    serving = set()
    for pattern in _url_patterns(get_resolver()):
        callback = pattern.callback
        view = inspect.unwrap(getattr(callback, "view_class", getattr(callback, "cls", callback)))
        module = inspect.getmodule(view)
        if module is None or not module.__name__.startswith(PROJECT_APPS):
            continue
        source = inspect.getsource(view)
        if any(marker in source for marker in SPREADSHEET_MARKERS):
            serving.add(pattern.name)
    assert serving == SPREADSHEET_URLS


def test_every_module_writing_spreadsheets_neutralises_its_cells():
    root = Path(settings.BASE_DIR)
    writers = {}
    for app in PROJECT_APPS:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "spreadsheets.py":
                continue
            source = path.read_text(encoding="utf-8")
            if any(marker in source for marker in WRITER_MARKERS):
                writers[str(path.relative_to(root))] = "congress.core.spreadsheets" in source
    assert writers and all(writers.values()), writers
