"""Reads of press accreditations: the organisers' list and export, the badges."""

from django.db.models import QuerySet

from congress.core.collation import by_name
from tracks.press.models import PressAccreditation, PressStatus


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
