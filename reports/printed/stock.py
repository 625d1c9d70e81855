"""Label stock and badge formats: the geometry of each sheet, in millimetres.

Badges are printed either on sheets of adhesive labels (the welcome desk sticks them into
plastic holders) or one per A6 page (a card in a lanyard holder). The numbers are the
manufacturers' published templates: change them here, the PDF follows.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LabelStock:
    code: str
    label: str
    page_width: float
    page_height: float
    columns: int
    rows: int
    label_width: float
    label_height: float
    margin_top: float = 0.0
    margin_left: float = 0.0
    gap_x: float = 0.0  # between columns
    gap_y: float = 0.0  # between rows

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def positions(self) -> list[tuple[float, float]]:
        """(left, top) of each label on a page, row by row."""
        return [
            (
                round(self.margin_left + column * (self.label_width + self.gap_x), 2),
                round(self.margin_top + row * (self.label_height + self.gap_y), 2),
            )
            for row in range(self.rows)
            for column in range(self.columns)
        ]


STOCKS = {
    stock.code: stock
    for stock in (
        LabelStock(
            "a4-8",
            _("Planche A4, 8 étiquettes de 99,1 × 67,7 mm (type L7165)"),
            210,
            297,
            2,
            4,
            99.1,
            67.7,
            margin_top=13.1,
            margin_left=4.65,
            gap_x=2.5,
        ),
        LabelStock(
            "a4-10",
            _("Planche A4, 10 étiquettes de 99,1 × 57 mm (type L7173)"),
            210,
            297,
            2,
            5,
            99.1,
            57,
            margin_top=6,
            margin_left=4.65,
            gap_x=2.5,
        ),
        LabelStock("a6", _("Badge A6, un par page (105 × 148 mm)"), 105, 148, 1, 1, 105, 148),
    )
}
DEFAULT_STOCK = "a4-8"
SINGLE_STOCK = "a6"


PT_PER_MM = 72 / 25.4
# Average advance of a character, in ems, of DejaVu Sans (bold for the name): enough to
# estimate how many fit on a line.
NAME_EM, TEXT_EM = 0.64, 0.56


def is_large(stock: LabelStock) -> bool:
    return stock.label_height >= 100


def _fit(text: str, stock: LabelStock, *, base: float, floor: float, lines: int, em: float):
    """The largest size (points) from `base` down to `floor` at which `text` fits in `lines`
    lines of the label's width, and its longest word on one line."""
    padding = 14 if is_large(stock) else 10  # mm, both sides
    width = (stock.label_width - padding) * PT_PER_MM
    text = " ".join(str(text).split())
    if not text:
        return base
    longest = max(len(word) for word in text.split(" "))
    size = min(base, width / (em * longest), lines * width / (em * len(text)))
    return round(max(size, floor), 1)


def name_font_size(name: str, stock: LabelStock) -> float:
    """The name as large as the label allows: long names get smaller and wrap on two lines
    (three at the smallest size: a 60-character name still fits)."""
    if is_large(stock):
        return _fit(name, stock, base=34, floor=16, lines=2, em=NAME_EM)
    return _fit(name, stock, base=24, floor=13, lines=2, em=NAME_EM)


def organisation_font_size(organisation: str, stock: LabelStock) -> float:
    if is_large(stock):
        return _fit(organisation, stock, base=15, floor=11, lines=3, em=TEXT_EM)
    return _fit(organisation, stock, base=10.5, floor=8, lines=2, em=TEXT_EM)
