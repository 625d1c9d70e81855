"""Forms of volunteering's base: the volunteer profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.models import SLOTS, Skill


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
