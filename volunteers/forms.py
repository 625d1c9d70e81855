"""Forms of volunteering's base: the volunteer profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.models import SLOTS, WEEKDAYS, Skill

WEEKS = [(1, _("1er")), (2, _("2e")), (3, _("3e")), (4, _("4e"))]


class VolunteerProfileForm(forms.Form):
    availability = forms.MultipleChoiceField(
        label=_("Disponibilités"),
        choices=SLOTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les demi-journées où vous pouvez habituellement donner de votre temps."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Compétences"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Langues parlées"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : français, anglais, arabe, langue des signes française."),
    )
    accessibility_needs = forms.CharField(
        label=_("Vos besoins d'accessibilité"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ce dont vous avez besoin pour participer dans de bonnes conditions. Seules les "
            "associations qui vous acceptent sur une mission le voient."
        ),
    )


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    description = forms.CharField(
        label=_("Présentation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    place = forms.CharField(label=_("Lieu"), max_length=200)
    week_of_month = forms.TypedChoiceField(label=_("Rang dans le mois"), choices=WEEKS, coerce=int)
    weekday = forms.TypedChoiceField(label=_("Jour de la semaine"), choices=WEEKDAYS, coerce=int)
    start_time = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    capacity = forms.IntegerField(label=_("Places par session"), min_value=1, max_value=500)

    def clean(self):
        data = super().clean()
        if (
            data.get("start_time")
            and data.get("end_time")
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("La fin de la formation doit suivre son début."))
        return data


class ScheduleForm(forms.Form):
    start = forms.DateField(label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Au"), widget=forms.DateInput(attrs={"type": "date"}))


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)


class SessionTimeForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("start_time")
            and data.get("end_time")
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("La fin de la formation doit suivre son début."))
        return data
