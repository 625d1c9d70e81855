"""Organisation profile, invitation and directory filter forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.core.departements import DEPARTEMENT_CHOICES
from congress.core.validators import normalise_rna, normalise_siret
from congress.organisations.models import MembershipRole, Organisation, OrganisationKind


class OrganisationForm(forms.ModelForm):
    # People type identifiers with spaces ("732 829 320 00074"): accept them, store them compact.
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,
        required=False,
        help_text=_("14 chiffres ; obligatoire pour les organismes publics (facturation)."),
    )
    rna = forms.CharField(
        label=_("numéro RNA"),
        max_length=14,
        required=False,
        help_text=_("Associations loi 1901 : W suivi de 9 chiffres."),
    )

    class Meta:
        model = Organisation
        fields = [
            "kind", "name", "country", "siret", "rna", "vat_number", "address", "postal_code",
            "commune", "insee_code", "departement", "website", "contact_email", "phone", "description", "public_listing",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_siret(self):
        return normalise_siret(self.cleaned_data.get("siret", ""))

    def clean_rna(self):
        return normalise_rna(self.cleaned_data.get("rna", ""))


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de la personne à inviter"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    departement = forms.ChoiceField(label=_("Département"), required=False)

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tous"))] + list(OrganisationKind.choices)
        self.fields["departement"].choices = [("", _("Tous"))] + DEPARTEMENT_CHOICES
