"""Forms on site: the desk's search and token, granting the desk role, certificate settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.onsite.models import CertificateSettings


class DeskSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nom ou organisation"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class TicketTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code du billet"),
        max_length=200,
        help_text=_("Rempli par la lecture du code QR, ou saisi à la main."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )


class DeskRoleGrantForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail du compte"))


class CertificateSettingsForm(forms.ModelForm):
    class Meta:
        model = CertificateSettings
        fields = ["issuer", "signatory_name", "signatory_title", "signature"]
        widgets = {"signature": forms.FileInput(attrs={"accept": "image/png,image/jpeg"})}
