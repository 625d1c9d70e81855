"""Names sorted the French way: « Épicerie solidaire du Maine » before « Tremplin » (issue 14).

One collation for every list of names, on both databases:

- PostgreSQL (production): the ICU collation `fr-x-icu`, which PostgreSQL built with ICU (Debian's
  packages are) predefines in every database; no migration is needed.
- SQLite (the zero-setup default): a collation named `french` registered on each new connection
  (`register_sqlite_collation`, connected in `CongressConfig.ready`), comparing the same keys as
  Python's `french_sort_key`.

In queries: `.order_by(*by_name("name"))` or `.order_by(FrenchCollate("user__full_name"))`; for
lists already in memory: `sorted(items, key=lambda o: french_sort_key(o.name))`.
"""

import unicodedata
from functools import lru_cache

from django.db.models import F
from django.db.models.functions import Collate

POSTGRES_COLLATION = "fr-x-icu"
SQLITE_COLLATION = "french"


def french_sort_key(text) -> tuple[str, str, str]:
    """Letters first without accents or case (é = e = E), then accents, then case (as ICU)."""
    text = str(text or "")
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return (base, decomposed.casefold(), text)


# SQLite calls the collation once per comparison (n log n of them for a sort), on the same few
# thousand names again and again: their keys are kept (a sort of the 3,927 delegates of the
# scale-14 demo: the registrations board on SQLite went from 71 to 36 ms a request).
_cached_key = lru_cache(maxsize=16384)(french_sort_key)


def _compare(left: str, right: str) -> int:
    a, b = _cached_key(left), _cached_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender=None, connection=None, **kwargs) -> None:
    """`connection_created` receiver: teach each SQLite connection the `french` collation."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


class FrenchCollate(Collate):
    """`field COLLATE "fr-x-icu"` on PostgreSQL, `field COLLATE "french"` on SQLite."""

    def __init__(self, expression):
        if isinstance(expression, str):
            expression = F(expression)
        super().__init__(expression, POSTGRES_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(SQLITE_COLLATION)
        return super().as_sql(compiler, connection, **extra_context)


def by_name(*fields: str) -> list:
    """Order expressions for `order_by`: text fields collated the French way, in order.

    A leading « - » sorts a field in reverse; fields that are not text (dates, ids, "order")
    may be mixed in with a « = » prefix to be kept as they are: `by_name("=order", "name")`.
    """
    expressions = []
    for field in fields:
        if field.startswith("="):
            expressions.append(field[1:])
        elif field.startswith("-"):
            expressions.append(FrenchCollate(field[1:]).desc())
        else:
            expressions.append(FrenchCollate(field).asc())
    return expressions
