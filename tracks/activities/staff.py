"""Organisers' pages of a public programme (issue 15): places and activities, outside the admin.

A place of a public programme is a venue with one room (« Accueil ») whose capacity bounds its
activities; an activity is a session of the edition in that room. Writes are checked here (one
function per action) and run in a transaction."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.editions.models import Congress, Room, Venue
from congress.editions.permissions import is_organiser
from tracks.models import Session

DEFAULT_ROOM_CAPACITY = 80


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "postal_code", "city", "arrondissement", "transport_notes",
                  "step_free", "accessibility_notes", "latitude", "longitude"]  # fmt: skip


class ActivityForm(forms.ModelForm):
    venue = forms.ModelChoiceField(label=gettext_lazy("Lieu"), queryset=Venue.objects.none())
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Début"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Fin"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    class Meta:
        model = Session
        fields = ["title", "description", "session_type", "track", "starts_at", "ends_at",
                  "capacity", "registration_required", "has_waitlist", "is_online", "online_url"]  # fmt: skip

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = congress.venues.order_by("name")
        self.fields["session_type"].queryset = congress.session_types.all()
        self.fields["track"].queryset = congress.tracks.all()
        if self.instance.pk and self.instance.room_id:
            self.fields["venue"].initial = self.instance.room.venue_id
        self.order_fields(["title", "venue"])


def _check(by, congress) -> None:
    if not is_organiser(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs de l'édition gèrent son programme."))


def venue_save(*, congress: Congress, form: VenueForm, by) -> Venue:
    with transaction.atomic():
        _check(by, congress)
        venue = form.save(commit=False)
        venue.congress = congress
        venue.save()
        Room.objects.get_or_create(
            venue=venue,
            defaults=dict(
                name="Accueil", capacity=DEFAULT_ROOM_CAPACITY, step_free=venue.step_free
            ),
        )
    return venue


def activity_save(*, congress: Congress, form: ActivityForm, by) -> Session:
    with transaction.atomic():
        _check(by, congress)
        venue = form.cleaned_data["venue"]
        room = venue.rooms.order_by("order", "pk").first() or Room.objects.create(
            venue=venue, name="Accueil", capacity=DEFAULT_ROOM_CAPACITY, step_free=venue.step_free
        )
        session = form.save(commit=False)
        session.congress, session.room = congress, room
        session.full_clean()
        session.save()
    return session
