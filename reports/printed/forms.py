"""Input of the printed-matter pages: badge filters and format, the invitation letter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.core.french import format_date
from reports.printed.models import BadgeGuest, BadgeRole
from reports.printed.services import INVITATION_MAX_LENGTH
from reports.printed.stock import DEFAULT_STOCK, STOCKS


class BadgeFilterForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    day = forms.ChoiceField(label=_("Jour"), required=False)
    role = forms.ChoiceField(
        label=_("Rôle"), required=False, choices=[("", _("Tous"))] + BadgeRole.choices
    )
    not_printed = forms.BooleanField(label=_("Pas encore imprimés"), required=False)

    def __init__(self, *args, congress, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("Toutes"))] + [
            (name, name) for name in organisations
        ]
        self.fields["day"].choices = [("", _("Tous"))] + [
            (day.isoformat(), format_date(day, "l j F")) for day in congress.days
        ]

    def filters(self) -> dict:
        """The cleaned filters for `filter_badges` (none when the input is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        day = data.get("day")
        return {
            "organisation": data.get("organisation", ""),
            "day": forms.DateField().to_python(day) if day else None,
            "role": data.get("role", ""),
            "not_printed": data.get("not_printed", False),
        }


class BadgePrintForm(forms.Form):
    stock = forms.ChoiceField(
        label=_("Support"),
        choices=[(code, stock.label) for code, stock in STOCKS.items()],
        initial=DEFAULT_STOCK,
    )
    person = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class InvitationLetterForm(forms.Form):
    body = forms.CharField(
        label=_("Texte de la lettre"),
        required=False,
        max_length=INVITATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Séparez les paragraphes par une ligne vide. Videz le texte pour revenir à la "
            "lettre proposée par défaut."
        ),
    )


class BadgeGuestForm(forms.ModelForm):
    class Meta:
        model = BadgeGuest
        fields = ["full_name", "organisation", "role"]
