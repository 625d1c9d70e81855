"""The organisers' billing settings of an edition: seller, VAT situation, numbering."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.core.validators import normalise_siret
from congress.editions.models import Congress
from congress.payments.services import BILLING_FIELDS


class BillingSettingsForm(forms.ModelForm):
    billing_siret = forms.CharField(label=_("SIRET de l'émetteur"), max_length=20, required=False)

    class Meta:
        model = Congress
        fields = list(BILLING_FIELDS)
        widgets = {"billing_address": forms.Textarea(attrs={"rows": 3})}

    def clean_billing_siret(self):
        return normalise_siret(self.cleaned_data.get("billing_siret", ""))
