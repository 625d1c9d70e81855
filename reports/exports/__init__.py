"""Data exports of an edition: tables of organisations, workshop proposals, reviews, workshops...

Each `Table` (base.py) is a `values_list` queryset (one query, many-to-many fields folded into
the row by correlated subqueries with STRING_AGG) and typed columns; the tables themselves are
defined by sub-domain (tables_*.py) and listed in `TABLES`. The same tables feed:

- CSV (csv_writer.py), streamed chunk by chunk (pandas formats each chunk): UTF-8 with a BOM so
  spreadsheet software detects the encoding; `,` by default, `;` with a decimal comma for
  French settings;
- XLSX (xlsx_writer.py), written with openpyxl's write-only mode to a temporary file (one sheet
  per table, typed cells, frozen header row, column widths), then streamed;
- the JSON API (reports/api.py), paginated.

Spreadsheet writers pass every text cell through `congress.core.spreadsheets` so no cell is
ever evaluated as a formula. pandas and openpyxl are imported inside the functions that use them.
"""

from reports.exports.base import (
    BOOL,
    CHUNK_SIZE,
    DATE,
    DATETIME,
    DECIMAL,
    INT,
    TEXT,
    Column,
    Table,
    joined,
)
from reports.exports.csv_writer import BOM, csv_chunks
from reports.exports.tables_outcomes import OUTCOMES, POLICY_PROPOSALS
from reports.exports.tables_programme import (
    ORGANISATIONS,
    REVIEWS,
    WORKSHOP_PROPOSALS,
    WORKSHOPS,
)
from reports.exports.tables_registrations import PAYMENTS, REGISTRATIONS
from reports.exports.xlsx_writer import XLSX_CONTENT_TYPE, write_xlsx

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        ORGANISATIONS,
        REGISTRATIONS,
        PAYMENTS,
        WORKSHOP_PROPOSALS,
        REVIEWS,
        WORKSHOPS,
        OUTCOMES,
        POLICY_PROPOSALS,
    )
}

__all__ = [
    "BOM", "BOOL", "CHUNK_SIZE", "DATE", "DATETIME", "DECIMAL", "INT", "TEXT", "TABLES",
    "XLSX_CONTENT_TYPE", "Column", "Table", "csv_chunks", "joined", "write_xlsx",
    "ORGANISATIONS", "REGISTRATIONS", "PAYMENTS", "WORKSHOP_PROPOSALS", "REVIEWS", "WORKSHOPS",
    "OUTCOMES", "POLICY_PROPOSALS",
]  # fmt: skip
