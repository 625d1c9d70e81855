from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from congress.models import MembershipRole, Organisation, User
from congress.validators import normalise_rna, normalise_siret


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Nom complet"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Langue préférée"), choices=settings.LANGUAGES, initial="fr"
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 8 caractères, pas uniquement des chiffres."),
    )
    password2 = forms.CharField(
        label=_("Confirmez le mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Un compte existe déjà avec cette adresse e-mail."))
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        if p1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
    }


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language"]


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
            "kind", "name", "siret", "rna", "address", "postal_code", "commune", "insee_code",
            "departement", "website", "contact_email", "phone", "description", "public_listing",
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
        from congress.departements import DEPARTEMENT_CHOICES
        from congress.models import OrganisationKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tous"))] + list(OrganisationKind.choices)
        self.fields["departement"].choices = [("", _("Tous"))] + DEPARTEMENT_CHOICES


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe, pour confirmer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
