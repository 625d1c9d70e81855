"""Query expressions shared by every app's selectors (congress sits at the bottom of the flow)."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet, link: str) -> Coalesce:
    """How many rows of `queryset` point (through `link`) at the outer row, as a correlated
    subquery on the indexed foreign key: no GROUP BY over every column of the outer rows, which
    is slow on large editions (see bench/)."""
    inner = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), Value(0))
