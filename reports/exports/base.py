"""The shape of an export table: typed columns over one `values_list` queryset."""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import CharField, OuterRef, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from congress.editions.models import Congress

CHUNK_SIZE = 2000

TEXT, INT, DECIMAL, DATE, DATETIME, BOOL = "text", "int", "decimal", "date", "datetime", "bool"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    choices: dict | None = None  # stored code -> label
    width: int | None = None  # XLSX column width (characters)
    source: str | None = None  # the database field when it differs from `key`

    def convert(self, value):
        """A database value as a Python value for the exports (local naive datetimes)."""
        if value is None:
            return None
        if self.choices is not None:
            return str(self.choices.get(value, value))
        if self.kind == DATETIME:
            return timezone.localtime(value).replace(tzinfo=None)
        if self.kind == DECIMAL:
            return float(value)
        if self.kind == TEXT:
            return str(value)
        return value


@dataclass(frozen=True)
class Table:
    name: str  # URL and file name
    title: str  # sheet name (at most 31 characters)
    columns: list[Column] = field(default_factory=list)
    query: Callable[[Congress], QuerySet] | None = None
    description: str = ""

    def queryset(self, congress: Congress) -> QuerySet:
        """A values_list queryset in the order of `columns`."""
        return self.query(congress).values_list(*[c.source or c.key for c in self.columns])

    def rows(self, congress: Congress, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list]:
        converters = [c.convert for c in self.columns]
        for raw in self.queryset(congress).iterator(chunk_size=chunk_size):
            yield [convert(value) for convert, value in zip(converters, raw, strict=True)]

    def as_dict(self, raw) -> dict:
        """One raw row as JSON-ready data (ISO dates) for the API."""
        data = {}
        for column, value in zip(self.columns, raw, strict=True):
            value = column.convert(value)
            if isinstance(value, dt.date | dt.datetime):
                value = value.isoformat()
            data[column.key] = value
        return data


def joined(queryset: QuerySet, link: str, value: str, order: str | None = None) -> Coalesce:
    """The `value`s of the rows of `queryset` whose `link` is the outer row, joined by ", "."""
    ordered = {}
    if connection.features.supports_aggregate_order_by_clause:  # not SQLite < 3.44
        ordered["order_by"] = order or value
    inner = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(joined=StringAgg(value, Value(", "), **ordered))
        .values("joined")
    )
    return Coalesce(Subquery(inner, output_field=CharField()), Value(""))
