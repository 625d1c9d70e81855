"""Forms of calls for projects: they validate input and hand it to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.organisations.models import Organisation
from funding.models import Application, AttachmentKind, FundingCall


class ApplicationForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Structure qui candidate"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = Application
        fields = [
            "organisation", "title", "theme", "public", "project", "need", "impact_indicators",
            "budget_total", "amount_requested", "cofunding", "esus_approved",
        ]  # fmt: skip
        widgets = {
            "project": forms.Textarea(attrs={"rows": 4}),
            "need": forms.Textarea(attrs={"rows": 3}),
            "impact_indicators": forms.Textarea(attrs={"rows": 3}),
            "cofunding": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, call, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"] = forms.ChoiceField(
            label=_("Thème"), choices=[(t, t) for t in call.theme_list]
        )
        self.fields["public"] = forms.ChoiceField(
            label=_("Public visé"), choices=[(p, p) for p in call.public_list]
        )
        self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            del self.fields["organisation"]

    def clean(self):
        data = super().clean()
        total, requested = data.get("budget_total"), data.get("amount_requested")
        if total is not None and requested is not None and requested > total:
            self.add_error(
                "amount_requested", _("Le montant demandé ne peut dépasser le budget total.")
            )
        return data

    def _post_clean(self):
        pass  # the service validates the model (full_clean) with the organisation set


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Pièce"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("Fichier (PDF ou XLSX, 10 Mo au plus)"))


class AssessmentForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire pour le jury"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (poids %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                choices=[(i, str(i)) for i in range(6)],
                coerce=int,
                initial=(initial_scores or {}).get(criterion.pk),
                widget=forms.RadioSelect,
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class DecisionForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("Décision"),
        choices=[("1", _("Retenu")), ("0", _("Non retenu"))],
        coerce=lambda v: v == "1",
    )
    amount_granted = forms.DecimalField(
        label=_("Montant accordé (€)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CallForm(forms.ModelForm):
    class Meta:
        model = FundingCall
        fields = [
            "title", "funder_name", "funder_organisation", "description", "opens_at", "closes_at",
            "themes", "target_publics", "departements", "max_amount", "interim_report_due",
            "final_report_due",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
            "themes": forms.Textarea(attrs={"rows": 3}),
            "target_publics": forms.Textarea(attrs={"rows": 3}),
            "interim_report_due": DATE_WIDGET,
            "final_report_due": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["opens_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["closes_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _post_clean(self):
        pass  # the service validates the model (full_clean) within its transaction
