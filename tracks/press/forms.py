from django import forms
from django.utils.translation import gettext_lazy as _

from tracks.press.models import PressAccreditation, PressStatus


class PressRequestForm(forms.ModelForm):
    class Meta:
        model = PressAccreditation
        fields = ["full_name", "media", "card_number", "email", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}


class PressDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Décision"),
        choices=[(PressStatus.ACCEPTED, _("Accepter")), (PressStatus.REFUSED, _("Refuser"))],
    )
