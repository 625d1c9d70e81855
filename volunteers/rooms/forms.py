"""Forms of lent rooms: an association books a room every week."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.organisations.models import Organisation
from volunteers.rooms.models import WEEKDAYS, LentRoom


class RoomBookingForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Salle"), queryset=LentRoom.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Au nom de l'association"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(
        label=_("Objet"), max_length=200,
        help_text=_("Par exemple : permanence d'accès aux droits, réunion d'équipe."),
    )  # fmt: skip
    attendees = forms.IntegerField(label=_("Personnes attendues"), min_value=1, max_value=1000)
    first_date = forms.DateField(
        label=_("Première date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    weeks = forms.IntegerField(
        label=_("Nombre de semaines"), min_value=1, max_value=52, initial=1,
        help_text=_("Le même jour et aux mêmes heures, chaque semaine."),
    )  # fmt: skip
    start_time = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    is_public = forms.BooleanField(
        label=_("Ouvert au public"), required=False,
        help_text=_("Affiché dans l'agenda public du lieu."),
    )  # fmt: skip

    def __init__(self, *args, place, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = LentRoom.objects.filter(
            place=place, is_active=True
        ).order_by("name")
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if (
            data.get("start_time")
            and data.get("end_time")
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("La fin doit suivre le début."))
        return data


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Envoyé à l'association."),
    )  # fmt: skip


class LentRoomForm(forms.Form):
    """The place's managers describe a room and its rules."""

    name = forms.CharField(label=_("Nom"), max_length=120)
    capacity = forms.IntegerField(label=_("Capacité (personnes)"), min_value=1, max_value=1000)
    opens_at = forms.TimeField(label=_("Ouverture"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(
        label=_("Fermeture"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    open_days = forms.TypedMultipleChoiceField(
        label=_("Jours d'ouverture"), choices=WEEKDAYS, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    description = forms.CharField(
        label=_("Présentation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("La fermeture doit suivre l'ouverture."))
        return data
