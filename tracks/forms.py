from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.accounts.models import User
from congress.core.collation import by_name
from congress.core.forms import FilterableCheckboxes
from congress.editions.models import Room
from tracks.models import SessionType, Track, TrackRoleKind


def rooms_of(congress):
    return Room.objects.filter(venue__congress=congress).select_related("venue")


def moderator_candidates(congress):
    return (
        User.objects.filter(track_roles__track__congress=congress, track_roles__role="moderator")
        .distinct()
        .order_by(*by_name("full_name"))
    )


class SlotFields(forms.Form):
    """Room, day and time: shared by the session form and the scheduling form."""

    room = forms.ModelChoiceField(label=_("Salle"), queryset=Room.objects.none())
    day = forms.TypedChoiceField(label=_("Jour"), coerce=lambda v: datetime.fromisoformat(v).date())
    start = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        required=False,
        min_value=1,
        help_text=_("Laisser vide : la capacité de la salle."),
    )
    moderators = forms.ModelMultipleChoiceField(
        label=_("Animateurs"),
        queryset=User.objects.none(),
        required=False,
        widget=FilterableCheckboxes(filter_label=_("Filtrer les animateurs")),
    )

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms_of(congress)
        self.fields["day"].choices = [
            (d.isoformat(), d.strftime("%d/%m/%Y")) for d in congress.days
        ]
        self.fields["moderators"].queryset = moderator_candidates(congress)

    def slot(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {
            "room": data["room"],
            "starts_at": datetime.combine(data["day"], data["start"], tzinfo=tz),
            "ends_at": datetime.combine(data["day"], data["end"], tzinfo=tz),
            "capacity": data.get("capacity") or None,
            "moderators": list(data["moderators"]),
        }


class SessionForm(SlotFields):
    title = forms.CharField(label=_("Titre"), max_length=255)
    session_type = forms.ModelChoiceField(label=_("Type"), queryset=SessionType.objects.none())
    track = forms.ModelChoiceField(label=_("Thème"), queryset=Track.objects.none(), required=False)
    description = forms.CharField(label=_("Présentation"), widget=forms.Textarea, required=False)
    speakers = forms.CharField(
        label=_("Intervenants (un par ligne)"), widget=forms.Textarea, required=False
    )
    lsf_interpretation = forms.BooleanField(label=_("Interprétation en LSF prévue"), required=False)
    easy_read_material = forms.BooleanField(
        label=_("Documents en FALC (facile à lire et à comprendre) prévus"),
        required=False,
        help_text=_("L'accès de plain-pied et la boucle magnétique dépendent de la salle choisie."),
    )

    field_order = ["title", "session_type", "track", "description", "speakers"]

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, congress=congress, **kwargs)
        self.fields["session_type"].queryset = congress.session_types.all()
        self.fields["track"].queryset = congress.tracks.all()
        self.fields["moderators"].queryset = (
            User.objects.filter(track_roles__track__congress=congress)
            .distinct()
            .order_by(*by_name("full_name"))
        )


class TrackRoleForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Thème"), queryset=Track.objects.none())
    role = forms.ChoiceField(label=_("Rôle"), choices=TrackRoleKind.choices)
    email = forms.EmailField(label=_("Adresse e-mail de la personne (compte existant)"))

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = congress.tracks.all()

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        # Only an account that proved the address: anyone may sign up with someone else's.
        user = User.objects.filter(
            email__iexact=email, is_active=True, email_confirmed_at__isnull=False
        ).first()
        if user is None:
            raise forms.ValidationError(_("Aucun compte confirmé n'existe avec cette adresse."))
        self.cleaned_data["user"] = user
        return email


class ProgrammeFilterForm(forms.Form):
    track = forms.ChoiceField(label=_("Thème"), required=False)
    type = forms.ChoiceField(label=_("Type de session"), required=False)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [("", _("Tous les thèmes"))] + [
            (t.slug, t.name) for t in congress.tracks.all()
        ]
        self.fields["type"].choices = [("", _("Tous les types"))] + [
            (t.slug, t.name) for t in congress.session_types.all()
        ]
