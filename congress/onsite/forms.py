"""Forms on site: the desk's search and token, registering a walk-in, granting the desk role,
certificate settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.core.formatting import format_euros
from congress.onsite.models import CertificateSettings, DeskPayment


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


class WalkInForm(forms.Form):
    """A person who arrives without a registration, registered at the desk."""

    full_name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    email = forms.EmailField(
        label=_("Adresse e-mail (facultative)"),
        required=False,
        help_text=_("La confirmation et le billet y sont envoyés."),
    )
    organisation_name = forms.CharField(
        label=_("Organisation (facultative)"), max_length=200, required=False
    )
    tariff = forms.TypedChoiceField(label=_("Tarif"), coerce=int)
    payment = forms.ChoiceField(
        label=_("Règlement"), choices=DeskPayment.choices, widget=forms.RadioSelect
    )
    payment_reference = forms.CharField(
        label=_("Référence du règlement (facultative)"),
        help_text=_("Numéro du chèque ou du ticket du terminal de paiement."),
        max_length=60,
        required=False,
    )

    def __init__(self, *args, tariffs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tariff"].choices = [("", _("Choisir un tarif"))] + [
            (tariff.pk, tariff_label(tariff)) for tariff in tariffs
        ]


def tariff_label(tariff) -> str:
    """« Association – 60,00 € »: the amount the desk takes."""
    return f"{tariff.name} – {format_euros(tariff.price)}"


class WalkInInvoiceForm(forms.Form):
    """Who pays for a walk-in registered « à facturer »: the invoice's addressee."""

    name = forms.CharField(label=_("Payeur (organisme ou personne)"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=300)
    postal_code = forms.CharField(label=_("Code postal"), max_length=10)
    commune = forms.CharField(label=_("Commune"), max_length=100)
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,
        required=False,
        help_text=_("Obligatoire pour une facture à un organisme public (Chorus Pro)."),
    )
    code_service = forms.CharField(label=_("Code service"), max_length=100, required=False)
    engagement_number = forms.CharField(
        label=_("Numéro d'engagement / bon de commande"), max_length=100, required=False
    )
