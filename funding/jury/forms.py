"""Forms of the jury's management: a juror's address, a criterion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from funding.models import JuryCriterion


class JurorForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail du juré"),
        help_text=_("Un compte existant rejoint le jury ; sinon, une invitation est envoyée."),
    )


class CriterionForm(forms.ModelForm):
    class Meta:
        model = JuryCriterion
        fields = ["name", "weight", "order"]
        labels = {"name": _("Libellé"), "weight": _("Poids"), "order": _("Ordre")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].widget.attrs["min"] = 1

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight < 1:
            raise forms.ValidationError(_("Le poids est un entier de 1 au moins."))
        return weight

    def _post_clean(self):
        pass  # the service validates the model (full_clean) with the call set
