"""The context shared by the demo seed steps (``manage.py seed_demo``).

Each sub-domain may have a ``demo.py`` with ``seed(ctx)``; they run in dependency order
(``congress.core.discovery``), so data flows congress -> tracks -> proposals -> reports. Every step
is idempotent: it looks records up by a natural key before creating them.
"""

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    """Shared between the seed steps (plumbing: it names no model, so any layer may use it)."""

    scale: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(2024))
    congress: Any = None  # the current demo edition (congress.editions.models.Congress)
    accounts: dict[str, Any] = field(default_factory=dict)  # role key -> user
    organisations: list[Any] = field(default_factory=list)
    people: list[Any] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    # Printed at the end: (role, email, what to try).
    logins: list[tuple[str, str, str]] = field(default_factory=list)
