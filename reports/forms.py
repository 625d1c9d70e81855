from django import forms
from django.utils.translation import gettext_lazy as _


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
