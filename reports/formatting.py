"""French number formatting for the report, the dashboard and the charts.

Thousands are grouped with a narrow no-break space (U+202F), decimals use a comma, and a
narrow no-break space precedes the percent sign: ``1 234``, ``12,5 %``.
"""

from decimal import Decimal

NNBSP = "\u202f"  # espace fine insécable


def fr_number(value, decimals: int = 0) -> str:
    """``1234`` -> ``1 234``; ``1234.5, 1`` -> ``1 234,5``. None -> an en dash."""
    if value is None:
        return "–"
    number = Decimal(str(value))
    text = f"{number:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def fr_percent(part, whole, decimals: int = 1) -> str:
    """Share of `part` in `whole`: ``fr_percent(1, 8)`` -> ``12,5 %``; an empty whole -> dash."""
    if not whole:
        return "–"
    share = Decimal(part) * 100 / Decimal(whole)
    text = fr_number(share, decimals)
    if decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return f"{text}{NNBSP}%"


def fr_money(value) -> str:
    """``1234.5`` -> ``1 234,50 €``."""
    if value is None:
        return "–"
    return f"{fr_number(value, 2)}\u00a0€"


def share(part, whole) -> float:
    """A plain ratio (0..1) for charts; 0 when the whole is empty."""
    return float(part) / float(whole) if whole else 0.0
