from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.french import format_date

# A workshop not yet on the programme gets this length; a placed one keeps its own.
DEFAULT_LENGTH = timedelta(minutes=90)
FIRST_SLOT, LAST_SLOT, STEP = 8 * 60, 19 * 60, 30  # minutes of the day


def slot_value(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def slot_choices(congress, starts=()) -> list[tuple[str, str]]:
    """Every half hour of each day of the edition, and the grid's own start times."""
    tz = timezone.get_current_timezone()
    moments = {
        datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(minutes=m)
        for day in congress.days
        for m in range(FIRST_SLOT, LAST_SLOT + 1, STEP)
    } | {timezone.localtime(start) for start in starts}
    return [
        (slot_value(m), f"{format_date(m, 'l j F')}, {m:%H:%M}")
        for m in sorted(moments, key=lambda m: m.replace(tzinfo=None))
    ]


class PlaceForm(forms.Form):
    """Where to put one workshop: a start and a room (the form under each workshop). Choices
    are given, read once for the whole grid: one form per workshop costs no query."""

    slot = forms.ChoiceField(label=_("Début"))
    room = forms.TypedChoiceField(label=_("Salle"), coerce=int)
    placed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, slots, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.rooms = {room.pk: room for room in rooms}
        self.fields["slot"].choices = slots
        self.fields["room"].choices = [
            (room.pk, f"{room.name} ({room.capacity})") for room in rooms
        ]

    def chosen_room(self):
        return self.rooms[self.cleaned_data["room"]]

    def starts_at(self) -> datetime:
        naive = datetime.fromisoformat(self.cleaned_data["slot"])
        return naive.replace(tzinfo=timezone.get_current_timezone())

    def slot_label(self) -> str:
        return dict(self.fields["slot"].choices)[self.cleaned_data["slot"]]
