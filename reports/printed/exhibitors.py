"""Exhibitors' badges of an evening with stands (issue 15): each accepted stand's badges, laid
out by the same badge template and label stocks as the congress's badges."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.editions.models import Congress
from reports.printed.stock import DEFAULT_STOCK, STOCKS
from tracks.stands.models import Stand

MAX_COPIES = 6


@dataclass
class ExhibitorBadge:
    name: str
    organisation: str  # where the stand is: its number and zone
    role: str = "exhibitor"
    track_colour: str = ""
    track_name: str = ""

    @property
    def role_label(self) -> str:
        return _("Exposant")


def exhibitor_badges(congress: Congress, *, copies: int) -> list[ExhibitorBadge]:
    """`copies` badges per accepted stand (the people who hold it), in the order of numbers."""
    badges = []
    for stand in Stand.objects.filter(congress=congress).order_by("number", "name"):
        place = _("Stand %(number)s") % {"number": stand.number}
        if stand.location:
            place = f"{place} – {stand.location}"
        badges += [ExhibitorBadge(stand.name, place) for _copy in range(copies)]
    return badges


class ExhibitorBadgeForm(forms.Form):
    stock = forms.ChoiceField(
        label=gettext_lazy("Support d'impression"),
        choices=[(code, stock.label) for code, stock in STOCKS.items()],
        initial=DEFAULT_STOCK,
    )
    copies = forms.IntegerField(
        label=gettext_lazy("Badges par stand"), min_value=1, max_value=MAX_COPIES, initial=2
    )
