"""People the welcome desk checks in besides delegates: accredited journalists (issue 15), and
any other list a higher app keeps.

congress.onsite may not import the apps above it (congress -> tracks -> proposals -> reports),
so they come to the desk: a sub-domain's optional ``desk_guests.py`` module defines a ``GuestSource``
and registers it here with ``register()`` at start-up (CongressConfig.ready, through
congress.core.discovery, as the ``cached.py`` modules). The desk searches every source next to
the delegates, shows their matches with the source's mark (« Presse ») and records their
arrival through the source, which keeps its own records, audit and rules."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass
class GuestArrival:
    checked_in_at: datetime
    by: object  # the user who recorded it, None once their account is deleted
    created: bool = True  # False: already recorded that day, nothing written


@dataclass
class Guest:
    source: str  # the source's key (in the check-in URL)
    pk: int
    full_name: str
    detail: str  # what the desk reads under the name (the media)
    mark: str  # the source's label (« Presse »)
    arrival: GuestArrival | None = None  # their arrival on the desk's day


class GuestSource(Protocol):
    key: str  # [a-z]+, unique among the sources
    mark: str  # what the desk shows next to their name (« Presse »)

    def search(self, congress, key: str, *, day: date | None, limit: int) -> list[Guest]:
        """The edition's guests whose name or detail holds `key` (already folded by
        congress.onsite.selectors.fold), each with their arrival on `day`. A fixed number of
        queries whatever the number found."""

    def check_in(self, *, congress, pk: int, day: date, by) -> tuple[Guest, GuestArrival]:
        """Record the guest's arrival on `day`, once (a second call returns the first arrival
        with created=False). Raises ValidationError for a guest the desk may not admit, and
        ObjectDoesNotExist for a pk that is not one of the edition's guests (a 404)."""

    def arrivals_by_day(self, congress) -> Counter:
        """Arrivals per day of the edition (for the live figures), one query."""


_sources: dict[str, GuestSource] = {}


def register(source: GuestSource) -> None:
    _sources[source.key] = source


def sources() -> list[GuestSource]:
    return list(_sources.values())


def get_source(key: str) -> GuestSource | None:
    return _sources.get(key)
