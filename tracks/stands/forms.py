from django import forms
from django.utils.translation import gettext_lazy as _

from tracks.stands.models import StandApplication, StandApplicationStatus, StandHall


class StandApplicationForm(forms.ModelForm):
    class Meta:
        model = StandApplication
        fields = [
            "name", "holder_kind", "contact_email", "description", "themes",
            "surface", "needs_table", "needs_electricity",
        ]  # fmt: skip
        help_texts = {"themes": _("Par exemple : solidarité, climat, culture, sport")}


class StandDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (v, label)
            for v, label in StandApplicationStatus.choices
            if v not in ("submitted", "withdrawn")
        ],
    )
    number = forms.CharField(label=_("Numéro de stand"), max_length=10, required=False)
    location = forms.CharField(
        label=_("Zone"),
        max_length=120,
        required=False,
        help_text=_("Par exemple : Salon des Arcades"),
    )


class StandHallForm(forms.ModelForm):
    class Meta:
        model = StandHall
        fields = ["capacity", "exhibitor_information"]


class StandPlanForm(forms.ModelForm):
    class Meta:
        model = StandHall
        fields = ["plan_image", "plan_description", "plan_published"]
