"""Form of one follow-up step (organisers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from proposals.outcomes.recording.models import Addressee, FollowUpStatus
from proposals.outcomes.validators import validate_pdf


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("État"), choices=FollowUpStatus.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    addressee = forms.ModelChoiceField(
        label=_("Destinataire"), queryset=Addressee.objects.all(), required=False
    )
    institution = forms.CharField(
        label=_("Institution"),
        max_length=200,
        help_text=_("Par exemple : commission des affaires sociales de l'Assemblée nationale."),
    )
    summary = forms.CharField(
        label=_("Résumé"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    document = forms.FileField(
        label=_("Document (PDF, 10 Mo au plus)"),
        required=False,
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
