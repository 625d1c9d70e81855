"""French money formatting: `1 234,50 €` (narrow no-break space between thousands)."""

from decimal import Decimal, InvalidOperation


def format_euros(value) -> str:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    return f"{sign}{'\u202f'.join(groups)},{cents}\u00a0€"
