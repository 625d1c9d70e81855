"""Forms of the organisers' consolidation: they validate input for the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from proposals.outcomes.recording.models import Addressee, Level
from tracks.models import Track


class PolicyEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Titre"), max_length=255)
    statement = forms.CharField(label=_("La proposition"), widget=forms.Textarea(attrs={"rows": 3}))
    rationale = forms.CharField(
        label=_("Constats et justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    level = forms.ChoiceField(label=_("Échelon visé"), choices=Level.choices)
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
    rank = forms.IntegerField(label=_("Rang"), min_value=1)

    def __init__(self, *args, congress=None, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = Track.objects.filter(congress=congress).order_by("order")
        self.fields["track"].queryset = tracks
        self.fields["related_tracks"].queryset = tracks
        self.fields["addressees"].queryset = Addressee.objects.all()


class MergeForm(forms.Form):
    title = forms.CharField(label=_("Titre de la proposition fusionnée"), max_length=255)
    statement = forms.CharField(
        label=_("La proposition fusionnée"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SplitForm(forms.Form):
    title_1 = forms.CharField(label=_("Titre de la première proposition"), max_length=255)
    statement_1 = forms.CharField(
        label=_("Première proposition"), widget=forms.Textarea(attrs={"rows": 2})
    )
    title_2 = forms.CharField(label=_("Titre de la seconde proposition"), max_length=255)
    statement_2 = forms.CharField(
        label=_("Seconde proposition"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def parts(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"title": d["title_1"], "statement": d["statement_1"]},
            {"title": d["title_2"], "statement": d["statement_2"]},
        ]


class SetAsideForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la mise à l'écart"), widget=forms.Textarea(attrs={"rows": 2})
    )
