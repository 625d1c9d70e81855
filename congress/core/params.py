"""Parsing identifiers taken from query strings and forms: anything else is ignored, never a
server error (an id past the database's 64-bit range overflows on SQLite)."""

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The positive integer id in ``value``, or None when it is not one."""
    if not isinstance(value, str) or not value.isdigit() or not value.isascii():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    return [number for number in map(parse_id, values) if number is not None]
