"""Bank statements exported by French banks as CSV: read them into dated, signed amounts.

Banks differ: `;` or `,` separators, UTF-8 (often with a BOM) or Windows-1252, a few lines of
account details before the header, one signed "Montant" column or separate "Débit" / "Crédit"
columns, "1 234,56" amounts, dd/mm/yyyy dates. Anything we cannot read is refused with the line
number, so that nothing is proposed from a misread file. Nothing here touches the database.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_STATEMENT_BYTES = 2 * 1024 * 1024
MAX_STATEMENT_LINES = 5000
# How far down the header may be, below the bank's account details.
HEADER_SEARCH_ROWS = 15
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class StatementLine:
    line_number: int
    date: date
    label: str
    amount: Decimal  # positive: money received


def _plain(text: str) -> str:
    """'Date de l'opération' -> 'date de l operation': accents and punctuation away."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _columns(header: list[str]) -> dict[str, int] | None:
    """Which column holds what, or None when this row is not the header."""
    found: dict[str, int] = {}
    for index, name in enumerate(_plain(cell) for cell in header):
        if name.startswith("date") and "valeur" not in name and "date" not in found:
            found["date"] = index
        elif name.startswith(("libelle", "intitule", "detail", "description")):
            found.setdefault("label", index)
        elif name.startswith("montant"):
            found.setdefault("amount", index)
        elif name.startswith("credit"):
            found.setdefault("credit", index)
        elif name.startswith("debit"):
            found.setdefault("debit", index)
    has_amount = "amount" in found or "credit" in found
    if "date" in found and "label" in found and has_amount:
        return found
    return None


def _parse_amount(text: str) -> Decimal | None:
    """'1 234,56', '+150,00 €', '-12,5', '1.234,56' -> Decimal; '' -> None."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text or "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d{1,2})?", cleaned):
        raise ValueError(text)
    return Decimal(cleaned)


def _parse_date(text: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _signed_amount(row: list[str], columns: dict[str, int]) -> Decimal | None:
    if "amount" in columns:
        return _parse_amount(_cell(row, columns["amount"]))
    credit = _parse_amount(_cell(row, columns["credit"]))
    if credit:
        return abs(credit)
    debit = _parse_amount(_cell(row, columns.get("debit")))
    return -abs(debit) if debit else None


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _columns(row)
        if columns:
            return index, columns
    raise _refuse(
        _(
            "Ce fichier n'a pas les colonnes d'un relevé bancaire : il faut au moins une "
            "date, un libellé et un montant (ou des colonnes crédit et débit)."
        )
    )


def _is_not_an_operation(row: list[str], columns: dict[str, int]) -> bool:
    """Blank lines, and the balance or total lines some banks add below the operations."""
    first = _plain(row[0]) if row else ""
    return not _cell(row, columns["date"]) or first.startswith(("solde", "total"))


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="statement")


def parse_statement(raw: bytes) -> list[StatementLine]:
    """The credit lines of a statement (debits are not payments to us), or ValidationError."""
    if len(raw) > MAX_STATEMENT_BYTES:
        raise _refuse(_("Le relevé dépasse 2 Mo : exportez une période plus courte."))
    text = _decode(raw)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise _refuse(_("Ce fichier n'est pas un CSV lisible.")) from None
    if len(rows) > MAX_STATEMENT_LINES:
        raise _refuse(_("Le relevé compte trop de lignes : exportez une période plus courte."))
    header_at, columns = _find_header(rows)
    lines = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if _is_not_an_operation(row, columns):
            continue
        try:
            when = _parse_date(_cell(row, columns["date"]))
            amount = _signed_amount(row, columns)
        except (ValueError, InvalidOperation):
            raise _refuse(
                _("Ligne %(line)d illisible : date ou montant inattendu (%(row)s).")
                % {"line": number, "row": delimiter.join(row)[:80]}
            ) from None
        if amount is not None and amount > 0:
            lines.append(StatementLine(number, when, _cell(row, columns["label"]), amount))
    if not lines:
        raise _refuse(_("Aucun crédit dans ce relevé : rien à rapprocher."))
    return lines
