"""Reads of press accreditations: the organisers' list and export, the badges, the welcome desk's search and arrivals."""

from collections import Counter

from django.db.models import QuerySet

from congress.core.collation import by_name
from congress.onsite.selectors import fold
from tracks.press.models import PressAccreditation, PressCheckIn, PressStatus


def press_requests(congress) -> QuerySet:
    return PressAccreditation.objects.filter(congress=congress).order_by(
        "status", *by_name("full_name"), "pk"
    )


def accepted_press(congress) -> QuerySet:
    return PressAccreditation.objects.filter(
        congress=congress, status=PressStatus.ACCEPTED
    ).order_by(*by_name("full_name"), "pk")


EXPORT_COLUMNS = ("full_name", "media", "card_number", "email", "phone", "status")


def press_export_rows(congress) -> list[list]:
    """The organisers' spreadsheet rows (neutralised by the writer)."""
    rows = []
    for accreditation in press_requests(congress):
        row = [getattr(accreditation, name) for name in EXPORT_COLUMNS[:-1]]
        rows.append([*row, accreditation.get_status_display()])
    return rows


def desk_press(congress, key: str, *, limit: int) -> list[PressAccreditation]:
    """Accepted journalists of the edition whose name or media holds `key` (folded as the
    desk's search folds it), in name order: one query, compared in Python as the delegates."""
    found = []
    for accreditation in accepted_press(congress).only("pk", "full_name", "media"):
        if key in fold(accreditation.full_name) or key in fold(accreditation.media):
            found.append(accreditation)
            if len(found) == limit:
                break
    return found


def press_arrivals(ids: list[int], day) -> dict[int, PressCheckIn]:
    """Their arrival on `day`, by accreditation id (one query)."""
    if not ids or day is None:
        return {}
    rows = PressCheckIn.objects.filter(accreditation__in=ids, day=day).select_related("by")
    return {check_in.accreditation_id: check_in for check_in in rows}


def press_arrivals_by_day(congress) -> Counter:
    return Counter(
        PressCheckIn.objects.filter(accreditation__congress=congress).values_list("day", flat=True)
    )
