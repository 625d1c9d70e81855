"""Organisers' pages of a public programme (issue 15): places and activities, outside the admin.

A place of a public programme is a venue with one room (« Accueil ») whose capacity bounds its
activities; an activity is a session of the edition in that room. Writes are checked here (one
function per action) and run in a transaction."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from congress.editions.models import Congress, Venue
from congress.editions.permissions import is_organiser
from tracks.activities import emails
from tracks.activities.models import (
    ACTIVE_STATUSES,
    ActivityRegistration,
    ActivityRegistrationStatus,
)
from tracks.activities.services import place_room
from tracks.models import Session
from tracks.services import session_delete


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "postal_code", "city", "arrondissement", "transport_notes",
                  "step_free", "accessibility_notes", "latitude", "longitude", "host"]  # fmt: skip

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = congress.partners.all()


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
        place_room(venue=venue)
    return venue


def activity_save(*, congress: Congress, form: ActivityForm, by) -> Session:
    with transaction.atomic():
        _check(by, congress)
        # Under the place's lock: venue_delete takes it too, so no activity lands in a place
        # being deleted.
        venue = Venue.objects.select_for_update().get(pk=form.cleaned_data["venue"].pk)
        room = place_room(venue=venue)
        session = form.save(commit=False)
        session.congress, session.room = congress, room
        session.full_clean()
        session.save()
    return session


def venue_delete(*, congress: Congress, venue: Venue, by) -> None:
    """Take a place off the edition; refused while activities take place there, or while what
    a higher sub-domain keeps there restricts it (partners' proposals waiting for a decision:
    tracks.activity_proposals.models.restrict_waiting), with that sub-domain's message."""
    with transaction.atomic():
        _check(by, congress)
        venue = Venue.objects.select_for_update().get(pk=venue.pk, congress=congress)
        if Session.objects.filter(room__venue=venue).exists():
            raise ValidationError(
                _("Des activités ont lieu dans ce lieu : supprimez-les ou déplacez-les d'abord.")
            )
        audit_record(
            actor=by, action="venue.deleted", congress=congress, target=venue,
            details={"name": venue.name, "address": venue.full_address},
        )  # fmt: skip
        try:
            venue.delete()  # the collector refuses before deleting anything
        except RestrictedError as error:
            texts = {
                str(getattr(obj, "restricted_message", "")) for obj in error.restricted_objects
            }
            raise ValidationError(
                sorted(text for text in texts if text)
                or _("D'autres éléments de l'édition dépendent de ce lieu : il est conservé.")
            ) from None


def activity_delete(*, congress: Congress, session: Session, by) -> None:
    """Take an activity off the programme (audited by session_delete); refused while people are
    registered: cancel it instead, they are told."""
    with transaction.atomic():
        _check(by, congress)
        Congress.objects.select_for_update().get(pk=congress.pk)  # registrations take this lock
        if ActivityRegistration.objects.filter(
            session=session, status__in=ACTIVE_STATUSES
        ).exists():
            raise ValidationError(
                _(
                    "Des personnes sont inscrites à cette activité : annulez-la plutôt, "
                    "elles seront prévenues par e-mail."
                )
            )
        session_delete(session=session, by=by)


def activity_cancel(*, congress: Congress, session: Session, by) -> int:
    """Cancel an activity: every registered or waiting person is told by e-mail; the activity
    stays on the programme marked « Annulée », closed to registration (audited). Cancelling
    twice changes nothing and tells nobody again. Returns how many people are told."""
    with transaction.atomic():
        _check(by, congress)
        Congress.objects.select_for_update().get(pk=congress.pk)
        session = Session.objects.select_for_update().get(pk=session.pk, congress=congress)
        if session.cancelled_at is not None:
            return 0
        registrations = list(
            ActivityRegistration.objects.filter(session=session, status__in=ACTIVE_STATUSES)
        )
        ActivityRegistration.objects.filter(pk__in=[r.pk for r in registrations]).update(
            status=ActivityRegistrationStatus.CANCELLED, cancelled_at=timezone.now()
        )
        audit_record(
            actor=by, action="activity.cancelled", congress=congress, target=session,
            details={"title": session.title, "starts_at": session.starts_at.isoformat(),
                     "people_told": len(registrations)},
        )  # fmt: skip
        for registration in registrations:
            registration.session = session
            send_after_commit(emails.send_activity_cancelled, registration)
        session.cancelled_at = timezone.now()
        session.save(update_fields=["cancelled_at"])
    return len(registrations)
