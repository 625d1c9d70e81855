"""Export tables as CSV text, streamed chunk by chunk (pandas formats each chunk)."""

from collections.abc import Iterator

from congress.core.spreadsheets import neutralise, neutralise_row
from congress.editions.models import Congress
from reports.exports.base import BOOL, CHUNK_SIZE, DECIMAL, INT, Table

BOM = "\ufeff"


def csv_chunks(table: Table, congress: Congress, *, semicolon: bool = False) -> Iterator[str]:
    """The table as CSV text, chunk by chunk: BOM and header first, then CHUNK_SIZE rows at a
    time. With `semicolon`, fields are separated by `;` and decimals use a comma. Text cells
    that a spreadsheet would read as a formula are quoted (`neutralise`)."""
    import pandas as pd

    labels = [neutralise(str(c.label)) for c in table.columns]
    options = {
        "sep": ";" if semicolon else ",",
        "decimal": "," if semicolon else ".",
        "index": False,
        "lineterminator": "\r\n",
        "date_format": "%Y-%m-%d %H:%M",
        "float_format": "%.2f",
    }
    yield BOM + pd.DataFrame(columns=labels).to_csv(header=True, **options)
    batch: list[list] = []
    for row in table.rows(congress):
        batch.append(neutralise_row(row))
        if len(batch) >= CHUNK_SIZE:
            yield _frame(pd, batch, table).to_csv(header=False, **options)
            batch = []
    if batch:
        yield _frame(pd, batch, table).to_csv(header=False, **options)


def _frame(pd, rows: list[list], table: Table):
    frame = pd.DataFrame(rows, columns=[c.key for c in table.columns])
    for column in table.columns:
        if column.kind == DECIMAL:
            frame[column.key] = frame[column.key].astype("Float64")
        elif column.kind == INT:
            frame[column.key] = frame[column.key].astype("Int64")
        elif column.kind == BOOL:
            frame[column.key] = frame[column.key].map({True: "oui", False: "non"})
    return frame
