"""Forms of the moderators (the outcome and its policy proposals) and the filters of the lists of
policy proposals (organisers' board, public list): they validate input for the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.core.collation import by_name
from congress.core.forms import FilterableCheckboxes
from congress.organisations.models import Organisation
from proposals.outcomes.recording.models import Addressee, FollowUpStatus, Level, PolicyStatus
from tracks.models import Session, Track


def _organisations():
    return Organisation.objects.order_by(*by_name("name")).only("pk", "name")


class OutcomeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    attendee_count = forms.IntegerField(
        label=_("Nombre de participants"),
        min_value=0,
        help_text=_("Prérempli avec le nombre d'inscrits : corrigez-le si besoin."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations présentes"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=FilterableCheckboxes(filter_label=_("Filtrer les organisations")),
        help_text=_("Cochez chaque organisation présente."),
    )
    other_organisations = forms.CharField(
        label=_("Autres organisations présentes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Une par ligne, si elles ne sont pas inscrites."),
    )
    summary = forms.CharField(
        label=_("Synthèse des échanges"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    findings = forms.CharField(
        label=_("Constats"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    successes = forms.CharField(
        label=_("Réussites transposables"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    difficulties = forms.CharField(
        label=_("Difficultés"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = _organisations()


class PolicyProposalForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Titre"), max_length=255)
    statement = forms.CharField(
        label=_("La proposition"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ce qui doit changer, en une ou deux phrases."),
    )
    rationale = forms.CharField(
        label=_("Constats et justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    level = forms.ChoiceField(
        label=_("Échelon visé"), choices=Level.choices, initial=Level.NATIONAL
    )
    addressees = forms.ModelMultipleChoiceField(
        label=_("Destinataires"),
        queryset=Addressee.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    track = forms.ModelChoiceField(label=_("Thème principal"), queryset=Track.objects.none())
    related_tracks = forms.ModelMultipleChoiceField(
        label=_("Thèmes associés (transversalité)"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    supporting_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations qui la portent"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=FilterableCheckboxes(filter_label=_("Filtrer les organisations")),
    )

    def __init__(self, *args, congress=None, default_track=None, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = Track.objects.filter(congress=congress).order_by("order")
        self.fields["track"].queryset = tracks
        self.fields["track"].initial = default_track
        self.fields["related_tracks"].queryset = tracks
        self.fields["supporting_organisations"].queryset = _organisations()
        self.fields["addressees"].queryset = Addressee.objects.all()


class BasePolicyFormSet(forms.BaseFormSet):
    def kept_forms(self) -> list:
        """The forms that become proposals, in order (not the empty nor the deleted ones)."""
        return [
            form
            for form in self.forms
            if (form.has_changed() or form.cleaned_data.get("id"))
            and not (self.can_delete and self._should_delete_form(form))
        ]

    def proposals(self) -> list[dict]:
        """Kept forms, in order, as service input."""
        out = []
        for form in self.kept_forms():
            data = dict(form.cleaned_data)
            data.pop("DELETE", None)
            if not data.get("id"):
                data.pop("id", None)
            out.append(data)
        return out


PolicyProposalFormSet = forms.formset_factory(
    PolicyProposalForm, formset=BasePolicyFormSet, extra=1, can_delete=True
)


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False)
    track = forms.ChoiceField(label=_("Thème principal"), required=False)
    related_track = forms.ChoiceField(label=_("Thème associé"), required=False)
    level = forms.ChoiceField(
        label=_("Échelon"), required=False, choices=[("", _("Tous"))] + Level.choices
    )
    addressee = forms.ChoiceField(label=_("Destinataire"), required=False)
    status = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("Tous"))] + PolicyStatus.choices
    )
    workshop = forms.TypedChoiceField(
        label=_("Atelier"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, congress=None, public=False, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = [("", _("Tous"))] + [
            (t.slug, t.name) for t in Track.objects.filter(congress=congress).order_by("order")
        ]
        self.fields["track"].choices = tracks
        self.fields["related_track"].choices = tracks
        self.fields["addressee"].choices = [("", _("Tous"))] + [
            (a.slug, a.name) for a in Addressee.objects.all()
        ]
        if public:
            del self.fields["status"]
            del self.fields["workshop"]
            self.fields["followup_status"] = forms.ChoiceField(
                label=_("Suites données"),
                required=False,
                choices=[("", _("Toutes"))] + FollowUpStatus.choices,
            )
        else:
            self.fields["show_closed"] = forms.BooleanField(
                label=_("Afficher aussi les propositions fusionnées et écartées"),
                required=False,
            )
            self.fields["workshop"].choices = [("", _("Tous"))] + [
                (s.pk, s.title)
                for s in Session.objects.filter(
                    congress=congress, session_type__is_workshop=True
                ).order_by("starts_at", "title")
            ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None, False)}
