from django import forms
from django.utils.translation import gettext_lazy as _

from congress.organisations.models import Organisation
from proposals.models import (
    DECISION_STATES,
    REVIEWABLE_STATES,
    CallForProposals,
    ProposalState,
    WorkshopProposal,
)
from proposals.services import PROPOSAL_FIELDS, REQUIRED_FOR_SUBMISSION
from tracks.forms import SlotFields

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProposalForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation qui propose"), queryset=Organisation.objects.none()
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = WorkshopProposal
        fields = [*PROPOSAL_FIELDS, "related_tracks", "co_organisations"]
        widgets = {
            "context": forms.Textarea(attrs={"rows": 4}),
            "actions": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "policy_ideas": forms.Textarea(attrs={"rows": 3}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, congress, user, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = congress.tracks.all()
        self.fields["track"].required = False
        self.fields["related_tracks"].queryset = congress.tracks.all()
        self.fields["related_tracks"].widget = forms.CheckboxSelectMultiple()
        self.fields["related_tracks"].widget.choices = self.fields["related_tracks"].choices
        self.fields["co_organisations"].queryset = Organisation.objects.order_by("name")
        self.fields["co_organisations"].required = False
        if creating:
            self.fields["organisation"].queryset = Organisation.objects.of_user(user).order_by(
                "name"
            )
            self.order_fields(["organisation"])
            mine = list(self.fields["organisation"].queryset[:2])
            if len(mine) == 1:  # the manager's only organisation
                self.fields["organisation"].initial = mine[0].pk
        else:
            del self.fields["organisation"]
            self.fields["version"].initial = self.instance.version
        # Marked (*) as required, since submitting needs them, but a draft may lack them.
        for name in REQUIRED_FOR_SUBMISSION:
            self.fields[name].required = True

    def full_clean(self):
        for name in REQUIRED_FOR_SUBMISSION:
            self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name in REQUIRED_FOR_SUBMISSION:
                self.fields[name].required = True

    def proposal_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in PROPOSAL_FIELDS}
        data["related_tracks"] = list(self.cleaned_data["related_tracks"])
        data["co_organisations"] = list(self.cleaned_data["co_organisations"])
        return data

    def _post_clean(self):
        # Validation of the model is the service's job (drafts may be incomplete).
        pass


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    function = forms.CharField(label=_("Fonction"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


SpeakerFormSet = forms.formset_factory(SpeakerForm, extra=1, can_delete=True, max_num=10)


def speakers_from(formset) -> list[dict]:
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class CallForm(forms.ModelForm):
    class Meta:
        model = CallForProposals
        fields = ["opens_at", "closes_at", "review_closes_at", "guidance", "anonymous_review"]
        widgets = {
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
            "review_closes_at": DATETIME_WIDGET,
        }


class ReviewForm(forms.Form):
    comment_committee = forms.CharField(
        label=_("Commentaire pour le comité"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    comment_authors = forms.CharField(
        label=_("Commentaire pour les auteurs (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (poids %(weight)d)")
                % {"name": criterion.name, "weight": criterion.weight},
                help_text=criterion.description,
                choices=[(n, str(n)) for n in range(6)],
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.order_fields([f"criterion_{c.pk}" for c in self.criteria])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class DecisionForm(forms.Form):
    """A bulk decision: no default, so that nothing is decided (and mailed) by accident."""

    proposal = forms.ModelMultipleChoiceField(
        queryset=WorkshopProposal.objects.none(),
        error_messages={
            "required": _("Cochez au moins une proposition."),
            "invalid_choice": _("Certaines propositions n'existent pas dans cette édition."),
            "invalid_pk_value": _("Certaines propositions n'existent pas dans cette édition."),
        },
    )
    decision = forms.ChoiceField(
        label=_("Décision pour les propositions cochées"),
        choices=[("", _("— Choisissez une décision —"))]
        + [(s.value, s.label) for s in ProposalState if s in DECISION_STATES],
        error_messages={"required": _("Choisissez une décision.")},
    )
    note = forms.CharField(
        label=_("Message joint à l'e-mail (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = WorkshopProposal.objects.filter(
            congress=congress, state__in=REVIEWABLE_STATES
        ).select_related("organisation", "created_by")


class ScheduleForm(SlotFields):
    pass
