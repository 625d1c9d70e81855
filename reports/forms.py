from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from congress.editions.partners import validate_logo


class ReportSettingsForm(forms.Form):
    foreword = forms.CharField(
        label=_("Avant-propos"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Texte d'ouverture du rapport. Séparez les paragraphes par une ligne vide."),
    )
    method = forms.CharField(
        label=_("Note de méthode (annexe)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Laisser vide pour utiliser le texte par défaut."),
    )
    logo = forms.FileField(
        label=_("Logo de l'édition (couverture du rapport)"),
        required=False,
        validators=[validate_logo],
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("PNG ou JPEG, 500 Ko au plus. Les logos des partenaires s'y ajoutent."),
    )

    def clean_logo(self):
        """A new file, False to remove the logo, None to keep it (the stored one comes back
        as the field's initial value when nothing is sent)."""
        logo = self.cleaned_data.get("logo")
        if logo is False or isinstance(logo, UploadedFile):
            return logo
        return None
