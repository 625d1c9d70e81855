from django import forms
from django.utils.translation import gettext_lazy as _

from congress.editions.models import Venue
from tracks.activity_proposals.models import ActivityProposal, ActivityProposalStatus


class ActivityProposalForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Début"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Fin"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    class Meta:
        model = ActivityProposal
        fields = ["partner", "venue", "title", "session_type", "track", "description",
                  "starts_at", "ends_at", "capacity", "is_online"]  # fmt: skip

    def __init__(self, *args, congress, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].empty_label = None
        self.fields["venue"].queryset = Venue.objects.filter(
            congress=congress, host__in=partners
        ).order_by("name")
        self.fields["session_type"].queryset = congress.session_types.all()
        self.fields["track"].queryset = congress.tracks.all()
        if self.instance.pk:  # the partner of a proposal does not change
            del self.fields["partner"]


class ActivityDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        widget=forms.RadioSelect,
        choices=[
            ("accept", _("Accepter : l'activité entre au programme")),
            ("refuse", _("Refuser")),
        ],
    )
    message = forms.CharField(
        label=_("Message au partenaire"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Repris dans l'e-mail qui lui annonce la décision."),
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("État"),
        required=False,
        choices=[("", _("Toutes"))] + list(ActivityProposalStatus.choices),
    )
