"""Press badges (issue 15): one « PRESSE » badge per accepted accreditation, laid out by the same
badge template and label stocks as the congress's and the exhibitors' badges."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.editions.models import Congress
from reports.printed.stock import DEFAULT_STOCK, STOCKS
from tracks.press.selectors import accepted_press


@dataclass
class PressBadge:
    name: str
    organisation: str  # the media
    role: str = "press"
    track_colour: str = ""
    track_name: str = ""

    @property
    def role_label(self) -> str:
        return _("Presse")


def press_badges(congress: Congress) -> list[PressBadge]:
    """A badge per accepted journalist, in the French order of names."""
    return [PressBadge(a.full_name, a.media) for a in accepted_press(congress)]


class PressBadgeForm(forms.Form):
    stock = forms.ChoiceField(
        label=gettext_lazy("Support d'impression"),
        choices=[(code, stock.label) for code, stock in STOCKS.items()],
        initial=DEFAULT_STOCK,
    )
