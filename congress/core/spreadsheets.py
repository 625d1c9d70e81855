"""Spreadsheet cells that no spreadsheet evaluates (CSV / formula injection).

A delegate named ``=HYPERLINK("http://x","y")`` or a proposal titled ``@SUM(1)`` must reach
the organisers' CSV and XLSX files as text, never as a formula. Every exporter writes its text
cells through ``neutralise`` (OWASP "CSV Injection": a text cell starting with a character that
spreadsheets read as the start of a formula is prefixed with a single quote), and XLSX text
cells are written with the string data type (``xlsx_text_cell``), never as formulas.

Only text is touched: numbers, dates and booleans stay what they are (a negative amount is a
number, not text). The JSON API is not a spreadsheet and keeps the raw values.

openpyxl is imported inside the function that uses it.
"""

from collections.abc import Iterable

# =, +, - and @ start a formula; a leading tab or carriage return is dropped by some
# spreadsheets before they look at the rest. The full-width forms are read as the ASCII ones.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
QUOTE = "'"


def is_dangerous(value) -> bool:
    """True for a text value a spreadsheet could read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise(value):
    """The value as a spreadsheet must receive it: hostile text quoted, anything else as is."""
    if is_dangerous(value):
        return QUOTE + value
    return value


def neutralise_row(row: Iterable) -> list:
    return [neutralise(value) for value in row]


def neutralise_frame(frame):
    """Neutralise every non-numeric column of a pandas DataFrame (in place; returned)."""
    for column in frame.columns:
        if frame[column].dtype.kind not in "iufcbmM":  # text / object columns only
            frame[column] = frame[column].map(neutralise)
    return frame


def xlsx_text_cell(sheet, value: str):
    """A write-only XLSX cell holding `value` as a string, never as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=neutralise(value))
    cell.data_type = "s"
    return cell
