"""Forms of the follow-up: a report sent by a funded project."""

from django import forms
from django.utils.translation import gettext_lazy as _

from funding.followup.selectors import due_dates


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bilan"))
    file = forms.FileField(label=_("Fichier (PDF ou XLSX, 10 Mo au plus)"))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, label) for kind, label, _due in due_dates(call)]
