"""Forms of shifts: the organisers define a shift of the edition."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ShiftForm(forms.Form):
    title = forms.CharField(label=_("Poste"), max_length=200)
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    day = forms.TypedChoiceField(label=_("Jour"), coerce=lambda v: datetime.fromisoformat(v).date())
    start = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(label=_("Bénévoles nécessaires"), min_value=1, max_value=200)
    grants_desk_role = forms.BooleanField(
        label=_("Poste à l'accueil"),
        help_text=_(
            "Les bénévoles de ce créneau reçoivent le droit d'enregistrer les arrivées des "
            "participants de l'édition."
        ),
        required=False,
    )

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [
            (d.isoformat(), d.strftime("%d/%m/%Y")) for d in congress.days
        ]

    def fields_for_service(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {
            "title": data["title"],
            "place": data["place"],
            "starts_at": datetime.combine(data["day"], data["start"], tzinfo=tz),
            "ends_at": datetime.combine(data["day"], data["end"], tzinfo=tz),
            "capacity": data["capacity"],
            "grants_desk_role": data["grants_desk_role"],
        }
