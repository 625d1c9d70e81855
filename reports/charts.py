"""Accessible SVG bar charts, drawn in Python (no plotting library).

Each chart is an inline ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says what
it shows; templates print the same figures as a table right after it (``Chart.rows``), so
nothing is only in the picture. The SVG uses presentation attributes only (no ``style``), which
the site's Content Security Policy allows, and renders the same in WeasyPrint.
"""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.formatting import fr_number
from reports.shares import BasePhrase, share_text

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
TEXT = "#1f2328"
GRID = "#c9ced4"
# Colour-blind-safe palette (Okabe-Ito, darkened for contrast with white labels).
PALETTE = ["#0b5394", "#b35c00", "#1d6f42", "#6a1b9a", "#8a6d00", "#a61c3c", "#35586b", "#555555"]


@dataclass
class Chart:
    """An SVG picture and the table of the same figures."""

    chart_id: str
    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    total: int | float | None = None

    def __bool__(self):
        return bool(self.rows)


def _text_width(text: str, size: float) -> float:
    """Rough width of `text` in DejaVu Sans at `size` px (good enough to lay out labels)."""
    return len(text) * size * 0.56


def _wrap(text: str, max_width: float, size: float, max_lines: int = 2) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if _text_width(candidate, size) <= max_width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and _text_width(last + "…", size) > max_width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _svg_open(chart_id: str, title: str, description: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _label(x: float, y: float, lines: list[str], size: float, anchor: str = "end") -> str:
    if len(lines) == 1:
        return (
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{TEXT}" '
            f'text-anchor="{anchor}" dominant-baseline="middle">{escape(lines[0])}</text>'
        )
    first = y - (len(lines) - 1) * size * 0.6
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{first + i * size * 1.2:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-size="{size}" fill="{TEXT}" text-anchor="{anchor}" '
        f'dominant-baseline="middle">{spans}</text>'
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float]],
    label_heading: str,
    value_heading: str,
    of_base: BasePhrase | None = None,
    share_base: int | None = None,
    colour: str = PALETTE[0],
    width: int = 640,
) -> Chart:
    """Horizontal bars, one per (label, value), the value printed at the end of each bar.

    With `of_base`, the table has a « Part » column: each value as a share of `share_base`
    (the sum of the values by default; the number of proposals when one proposal can count
    under several labels), the base written out (« 40 % des 47 propositions »)."""
    size = 12
    row = 30
    label_width = min(
        width * 0.42, max([_text_width(label, size) for label, _v in items] + [60]) + 16
    )
    value_room = 80
    top = 8
    height = top + row * max(len(items), 1) + 8
    maximum = max([value for _l, value in items] + [0]) or 1
    plot = width - label_width - value_room
    total = sum(value for _l, value in items)
    parts = _svg_open(chart_id, title, description, width, height)
    parts.append(
        f'<line x1="{label_width:.1f}" y1="{top}" x2="{label_width:.1f}" '
        f'y2="{height - 8}" stroke="{GRID}" stroke-width="1"/>'
    )
    for i, (label, value) in enumerate(items):
        y = top + i * row
        bar = plot * value / maximum
        middle = y + row / 2
        parts.append(_label(label_width - 6, middle, _wrap(label, label_width - 10, size), size))
        if bar > 0:
            parts.append(
                f'<rect x="{label_width:.1f}" y="{y + 5}" width="{bar:.1f}" '
                f'height="{row - 10}" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{label_width + bar + 6:.1f}" y="{middle:.1f}" font-size="{size}" '
            f'fill="{TEXT}" dominant-baseline="middle" font-weight="bold">'
            f"{escape(fr_number(value))}</text>"
        )
    parts.append("</svg>")
    columns = [label_heading, value_heading]
    rows = [[label, fr_number(value)] for label, value in items]
    if of_base is not None:
        base = total if share_base is None else share_base
        columns.append(_("Part"))
        for r, (_label_text, value) in zip(rows, items, strict=True):
            r.append(share_text(value, base, of_base))
    return Chart(
        chart_id=chart_id,
        title=title,
        description=description,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text node is escaped above
        columns=columns,
        rows=rows if items else [],
        total=total,
    )


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[float]]],
    label_heading: str,
    total_heading: str,
    colours: list[str] | None = None,
    width: int = 640,
) -> Chart:
    """One horizontal bar per category, split into the series (a legend on top); `colours`,
    one per series, where a colour carries a meaning (a refusal is never green)."""
    colours = colours or [PALETTE[i % len(PALETTE)] for i in range(len(series))]
    size = 12
    row = 30
    label_width = min(width * 0.36, max([_text_width(c, size) for c in categories] + [60]) + 16)
    value_room = 50
    plot = width - label_width - value_room
    # Legend: as many entries per line as fit.
    legend_lines: list[list[tuple[int, str]]] = [[]]
    used = 0.0
    for index, (name, _values) in enumerate(series):
        entry = 22 + _text_width(name, size) + 16
        if used + entry > width and legend_lines[-1]:
            legend_lines.append([])
            used = 0
        legend_lines[-1].append((index, name))
        used += entry
    legend_height = 22 * len(legend_lines) + 6
    top = legend_height
    height = top + row * max(len(categories), 1) + 8
    totals = [sum(values[i] for _n, values in series) for i in range(len(categories))]
    maximum = max(totals + [0]) or 1
    parts = _svg_open(chart_id, title, description, width, height)
    for line_no, line in enumerate(legend_lines):
        x = 0.0
        y = 6 + line_no * 22
        for index, name in line:
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="14" height="14" fill="{colours[index]}"/>'
            )
            parts.append(
                f'<text x="{x + 20:.1f}" y="{y + 7}" font-size="{size}" fill="{TEXT}" '
                f'dominant-baseline="middle">{escape(name)}</text>'
            )
            x += 22 + _text_width(name, size) + 16
    for i, category in enumerate(categories):
        y = top + i * row
        middle = y + row / 2
        parts.append(_label(label_width - 6, middle, _wrap(category, label_width - 10, size), size))
        x = label_width
        for index, (_name, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            w = plot * value / maximum
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 5}" width="{w:.1f}" height="{row - 10}" '
                f'fill="{colours[index]}" stroke="#ffffff" stroke-width="1"/>'
            )
            label = fr_number(value)
            if w >= _text_width(label, 11) + 6:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{middle:.1f}" font-size="11" fill="#ffffff" '
                    f'text-anchor="middle" dominant-baseline="middle">{escape(label)}</text>'
                )
            x += w
        parts.append(
            f'<text x="{x + 6:.1f}" y="{middle:.1f}" font-size="{size}" fill="{TEXT}" '
            f'dominant-baseline="middle" font-weight="bold">{escape(fr_number(totals[i]))}</text>'
        )
    parts.append("</svg>")
    columns = [label_heading, *[name for name, _v in series], total_heading]
    rows = [
        [category, *[fr_number(values[i]) for _n, values in series], fr_number(totals[i])]
        for i, category in enumerate(categories)
    ]
    return Chart(
        chart_id=chart_id,
        title=title,
        description=description,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text node is escaped above
        columns=columns,
        rows=rows,
        total=sum(totals),
    )
