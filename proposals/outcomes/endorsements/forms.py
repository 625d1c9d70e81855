"""Form of the endorsement period (organisers)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EndorsementPeriodForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Début des soutiens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Fin des soutiens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
