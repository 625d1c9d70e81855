"""One's own meeting schedule as a PDF (WeasyPrint, imported inside): each round with its time,
its table and the other party, for a project holder as for a funder."""

from django.template.loader import render_to_string
from django.utils import translation

from funding.meetings.selectors import slots_of


def schedule_lines(grid, rows, organisation_ids) -> list[dict]:
    """One line per meeting, in time order: round number, times, table, side, the other party."""
    rounds = {
        i: n for n, i in enumerate((i for i, _s, _e, is_break in slots_of(grid) if not is_break), 1)
    }
    lines = []
    for meeting, start, end in sorted(rows, key=lambda row: (row[0].slot, row[0].pk)):
        as_funder = meeting.funder.organisation_id in organisation_ids
        lines.append(
            {"round": rounds.get(meeting.slot), "start": start, "end": end,
             "table": meeting.funder.table, "side": "funder" if as_funder else "holder",
             "mine": meeting.funder.organisation if as_funder else meeting.application.organisation,
             "other": meeting.application.organisation if as_funder else meeting.funder.organisation,
             "project": meeting.application.title}
        )  # fmt: skip
    return lines


def schedule_pdf(congress, grid, lines, person) -> bytes:
    from weasyprint import HTML

    with translation.override("fr"):
        html = render_to_string(
            "funding/meetings/schedule_pdf.html",
            {"congress": congress, "grid": grid, "lines": lines, "person": person},
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
