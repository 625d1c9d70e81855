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
    # A plain file input: the plan is a private file with no URL for the « clearable » widget to
    # link to; removing it is a checkbox of its own.
    remove_plan = forms.BooleanField(label=_("Retirer le plan actuel"), required=False)

    class Meta:
        model = StandHall
        fields = ["plan_image", "plan_description", "plan_published"]
        widgets = {"plan_image": forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg,.webp"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.plan_image:
            del self.fields["remove_plan"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_plan"):
            # Removing wins over a file chosen at the same time, and the model's rule (an image
            # needs its description) then sees no image: the description may be emptied too.
            cleaned["plan_image"] = False
        return cleaned
