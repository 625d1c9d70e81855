"""Writes of public sign-up: register for one activity (or the evening), cancel.

Every write takes the edition's row lock first: the count of places, the per-person limit and
the new row are read and written in one transaction, so an activity is never oversold and one
address cannot exceed its limit with simultaneous requests."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.core.mail import send_after_commit
from congress.editions.models import Congress, Room, Venue
from tracks.activities import emails
from tracks.activities.models import (
    ACTIVE_STATUSES,
    ONLINE_LINK_LEAD_TIME,
    PER_PERSON_LIMIT,
    ActivityRegistration,
    ActivityRegistrationStatus,
)
from tracks.activities.permissions import online_link_given, public_signup_open
from tracks.models import Session

SIGNING_SALT = "tracks.activities.registration"  # a namespace, not a secret
DEFAULT_ROOM_CAPACITY = 80


def place_room(*, venue: Venue) -> Room:
    """The room of a place of a public programme, where its activities take place: the place's
    first room, created as « Accueil » (80 places, step-free as the place) when it has none.

    Called inside the caller's transaction; the caller holds the place's lock when two requests
    could create the room at once (activity_save locks the venue, a decision the edition)."""
    return venue.rooms.order_by("order", "pk").first() or Room.objects.create(
        venue=venue, name="Accueil", capacity=DEFAULT_ROOM_CAPACITY, step_free=venue.step_free
    )


def registration_token(registration: ActivityRegistration) -> str:
    return signing.dumps(registration.pk, salt=SIGNING_SALT)


def registration_from_token(token: str) -> ActivityRegistration | None:
    try:
        pk = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    return (
        ActivityRegistration.objects.select_related("congress", "session__room__venue")
        .filter(pk=pk)
        .first()
    )


def _link_in_confirmation(registration: ActivityRegistration) -> None:
    """One e-mail carries an online activity's link, never two: a place confirmed within the
    lead time gets it in its confirmation (marked sent, so send_online_links skips it); an
    earlier one gets it from send_online_links, shortly before the start."""
    now = timezone.now()
    if (
        online_link_given(registration)
        and registration.online_link_sent_at is None
        and registration.session.starts_at <= now + ONLINE_LINK_LEAD_TIME
    ):
        registration.online_link_sent_at = now


def _capacity_and_taken(congress: Congress, session: Session | None) -> tuple[int | None, int]:
    confirmed = ActivityRegistration.objects.filter(
        congress=congress, session=session, status=ActivityRegistrationStatus.CONFIRMED
    ).count()
    capacity = session.capacity if session is not None else congress.capacity
    return capacity, confirmed


def activity_register(
    *, congress: Congress, session: Session | None, full_name: str, email: str, user=None
) -> ActivityRegistration:
    """A member of the public takes a place in ``session`` (None: the whole evening)."""
    with transaction.atomic():
        congress = Congress.objects.select_for_update().get(pk=congress.pk)
        if session is not None:
            session = Session.objects.select_related("room__venue").get(pk=session.pk)
        if not public_signup_open(congress, session):
            raise ValidationError(_("Les inscriptions à cette activité ne sont pas ouvertes."))
        email = email.strip().lower()
        active = ActivityRegistration.objects.filter(
            congress=congress, email=email, status__in=ACTIVE_STATUSES
        )
        if active.filter(session=session).exists():
            raise ValidationError(
                _("Cette adresse e-mail est déjà inscrite : voyez le message de confirmation reçu.")
            )
        if session is not None and active.exclude(session=None).count() >= PER_PERSON_LIMIT:
            raise ValidationError(
                ngettext(
                    "Une même adresse e-mail peut s'inscrire à %(n)d activité au plus.",
                    "Une même adresse e-mail peut s'inscrire à %(n)d activités au plus.",
                    PER_PERSON_LIMIT,
                )
                % {"n": PER_PERSON_LIMIT}
            )
        capacity, taken = _capacity_and_taken(congress, session)
        status = ActivityRegistrationStatus.CONFIRMED
        if capacity is not None and taken >= capacity:
            if session is not None and not session.has_waitlist:
                raise ValidationError(_("Complet : il ne reste plus de place."))
            status = ActivityRegistrationStatus.WAITLISTED
        registration = ActivityRegistration(
            congress=congress,
            session=session,
            full_name=full_name.strip(),
            email=email,
            user=user if user is not None and user.is_authenticated else None,
            status=status,
        )
        _link_in_confirmation(registration)
        registration.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise ValidationError(_("Cette adresse e-mail est déjà inscrite.")) from None
        send_after_commit(emails.send_confirmation, registration, registration_token(registration))
        return registration


def activity_registration_cancel(*, registration: ActivityRegistration) -> ActivityRegistration:
    """Cancel a place; the first person waiting gets it and is told by e-mail."""
    with transaction.atomic():
        congress = Congress.objects.select_for_update().get(pk=registration.congress_id)
        registration = ActivityRegistration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise ValidationError(_("Cette inscription est déjà annulée."))
        was_confirmed = registration.status == ActivityRegistrationStatus.CONFIRMED
        registration.status = ActivityRegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            waiting = (
                ActivityRegistration.objects.filter(
                    congress=congress,
                    session_id=registration.session_id,
                    status=ActivityRegistrationStatus.WAITLISTED,
                )
                .order_by("created_at", "pk")
                .first()
            )
            if waiting is not None:
                waiting.status = ActivityRegistrationStatus.CONFIRMED
                _link_in_confirmation(waiting)
                waiting.save(update_fields=["status", "online_link_sent_at"])
                send_after_commit(emails.send_confirmation, waiting, registration_token(waiting))
        return registration
