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
    primary key), so that seeding twice gives the same dates. DateFields get the local date."""
    rows = list(queryset.only("pk", *fields))
    if not rows:
        return 0
    model = queryset.model
    span = last - first
    for row in rows:
        value = first + span * (((row.pk * 7919) % 1000) / 1000)
        for name in fields:
            is_date = not isinstance(model._meta.get_field(name), DateTimeField)
            setattr(row, name, timezone.localdate(value) if is_date else value)
    model.objects.bulk_update(rows, fields, batch_size=1000)
    return len(rows)
