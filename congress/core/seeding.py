"""The context shared by the demo seed steps (``manage.py seed_demo``).

Each sub-domain may have a ``demo.py`` with ``seed(ctx)``; they run in dependency order
(``congress.core.discovery``), so data flows congress -> tracks -> proposals -> reports. Every step
is idempotent: it looks records up by a natural key before creating them.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import DateTimeField
from django.utils import timezone


@dataclass
class DemoContext:
    """Shared between the seed steps (plumbing: it names no model, so any layer may use it)."""

    scale: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(2024))
    congress: Any = None  # the 2024 demo edition (congress.editions.models.Congress), past
    upcoming: Any = None  # the next edition, open: registration, call, workshop sign-up
    accounts: dict[str, Any] = field(default_factory=dict)  # role key -> user
    organisations: list[Any] = field(default_factory=list)
    people: list[Any] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    with_report: bool = False  # render and publish the 2024 final report (~30 s of WeasyPrint)
    # Printed at the end: (role, email, what to try).
    logins: list[tuple[str, str, str]] = field(default_factory=list)


# --- dating demo objects relative to their edition ---------------------------------------------
# The demo is installed on any day; its objects are dated from their edition's dates (orders
# before the congress, outcomes during it, follow-up after), never from the day the seed ran.


def moment(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """An aware datetime on `day` (the project's time zone)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def spread(queryset, fields: list[str], first: datetime, last: datetime) -> int:
    """Date every row of `queryset` between `first` and `last`, deterministically (from its
    primary key), so that seeding twice gives the same dates. DateFields get the local date.

    A row's moment depends only on its key modulo 1000: rows are updated together per moment
    (at most 1000 UPDATEs, whatever the number of rows), much cheaper than `bulk_update`'s one
    CASE branch per row on the thousands of rows of `--scale`."""
    model = queryset.model
    keys_by_share: dict[int, list] = {}
    for key in queryset.values_list("pk", flat=True):
        keys_by_share.setdefault((key * 7919) % 1000, []).append(key)
    is_date = {name: not isinstance(model._meta.get_field(name), DateTimeField) for name in fields}
    span = last - first
    for share, keys in keys_by_share.items():
        value = first + span * (share / 1000)
        values = {name: timezone.localdate(value) if is_date[name] else value for name in fields}
        for start in range(0, len(keys), 1000):  # SQLite's limit on query parameters
            model.objects.filter(pk__in=keys[start : start + 1000]).update(**values)
    return sum(len(keys) for keys in keys_by_share.values())
