"""Forms of the funder meetings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.organisations.models import Organisation
from funding.models import Funder, MeetingGrid


class FunderForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Structure qui finance"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = Funder
        fields = ["organisation", "funds", "themes", "ticket_min", "ticket_max"]
        widgets = {"funds": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def _post_clean(self):
        pass  # the service validates the model


class GridForm(forms.ModelForm):
    class Meta:
        model = MeetingGrid
        fields = ["day", "starts_at", "ends_at", "slot_minutes", "breaks", "tables"]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def _post_clean(self):
        pass  # the service validates the model


class MoveForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Nouveau créneau"), coerce=int)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [
            (i, f"{start:%H:%M}–{end:%H:%M}") for i, start, end, is_break in slots if not is_break
        ]
