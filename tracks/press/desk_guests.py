"""Accepted journalists at the welcome desk (issue 15): found by the desk's search with a
« Presse » mark and checked in there (congress/onsite/guests.py explains the seam)."""

from django.utils.translation import gettext_lazy as _

from congress.onsite.guests import Guest, GuestArrival
from congress.onsite.guests import register as register_source
from tracks.press import selectors, services


def _arrival(check_in, created: bool = True) -> GuestArrival | None:
    if check_in is None:
        return None
    return GuestArrival(checked_in_at=check_in.checked_in_at, by=check_in.by, created=created)


def _guest(accreditation, check_in=None) -> Guest:
    return Guest(
        source=PressDesk.key,
        pk=accreditation.pk,
        full_name=accreditation.full_name,
        detail=accreditation.media,
        mark=str(PressDesk.mark),
        arrival=_arrival(check_in),
    )


class PressDesk:
    key = "press"
    mark = _("Presse")

    def search(self, congress, key, *, day, limit):
        if not congress.feature_on("press"):
            return []
        found = selectors.desk_press(congress, key, limit=limit)
        arrivals = selectors.press_arrivals([a.pk for a in found], day)
        return [_guest(a, arrivals.get(a.pk)) for a in found]

    def check_in(self, *, congress, pk, day, by):
        accreditation, check_in, created = services.press_check_in(
            congress=congress, pk=pk, day=day, by=by
        )
        return _guest(accreditation, check_in), _arrival(check_in, created)

    def arrivals_by_day(self, congress):
        return selectors.press_arrivals_by_day(congress)


def register() -> None:
    register_source(PressDesk())
