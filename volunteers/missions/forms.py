"""Forms of missions: posting a mission, applying, recording hours."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.models import Skill, Training


class MissionForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    description = forms.CharField(label=_("Ce que feront les bénévoles"), widget=forms.Textarea)
    place = forms.CharField(label=_("Lieu"), max_length=200)
    day = forms.DateField(label=_("Jour"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"}))
    volunteers_needed = forms.IntegerField(
        label=_("Nombre de bénévoles recherché·es"), min_value=1, max_value=500
    )
    required_training = forms.ModelChoiceField(
        label=_("Formation requise"),
        queryset=Training.objects.all(),
        required=False,
        empty_label=_("Aucune"),
    )
    skills = forms.MultipleChoiceField(
        label=_("Compétences utiles"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("La fin de la mission doit suivre son début."))
        return data

    def fields_for_service(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {
            "title": data["title"],
            "description": data["description"],
            "place": data["place"],
            "starts_at": datetime.combine(data["day"], data["start"], tzinfo=tz),
            "ends_at": datetime.combine(data["day"], data["end"], tzinfo=tz),
            "volunteers_needed": data["volunteers_needed"],
            "required_training": data["required_training"],
            "skills": data["skills"],
        }


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("Un mot pour l'association (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Heures effectuées"), min_value=0.25, max_value=24, decimal_places=2
    )
