"""Writes of the tracks app: programme sessions, track roles and workshop sign-ups."""

from datetime import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.audit.services import audit_record
from congress.core.french import format_date
from congress.editions.models import Congress, Room
from congress.registrations.permissions import is_participant
from congress.registrations.selectors import attendance_days
from tracks.models import Session, SessionType, Track, TrackRole, WorkshopSignup
from tracks.permissions import can_manage_programme, clear_track_roles_cache

CALENDAR_SALT = "tracks.personal-calendar"


# --- track roles ------------------------------------------------------------------------------


def track_role_add(*, track: Track, user: User, role: str, by: User) -> TrackRole:
    with transaction.atomic():
        if not can_manage_programme(by, track.congress):
            raise PermissionDenied(_("Seuls les organisateurs attribuent les rôles."))
        track_role, _created = TrackRole.objects.get_or_create(track=track, user=user, role=role)
        clear_track_roles_cache(user)
        return track_role


def track_role_remove(*, track_role: TrackRole, by: User) -> None:
    with transaction.atomic():
        if not can_manage_programme(by, track_role.track.congress):
            raise PermissionDenied(_("Seuls les organisateurs attribuent les rôles."))
        track_role.delete()


# --- sessions ---------------------------------------------------------------------------------


def _local(value: datetime) -> str:
    return formats.time_format(timezone.localtime(value), "H:i")


def _check_conflicts(session: Session, moderators: list[User]) -> None:
    """Refuse a room used twice at once, a moderator in two places, too many seats."""
    if session.room.venue.congress_id != session.congress_id:
        raise ValidationError({"room": _("Cette salle n'appartient pas à cette édition.")})
    if session.capacity > session.room.capacity:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "La séance ne peut pas accueillir plus de %(max)d personne : c'est la "
                    "capacité de « %(room)s ».",
                    "La séance ne peut pas accueillir plus de %(max)d personnes : c'est la "
                    "capacité de « %(room)s ».",
                    session.room.capacity,
                )
                % {"room": session.room.name, "max": session.room.capacity}
            }
        )
    others = Session.objects.overlapping(session.starts_at, session.ends_at).exclude(pk=session.pk)
    clash = others.filter(room=session.room).first()
    if clash is not None:
        raise ValidationError(
            {
                "room": _(
                    "La salle %(room)s est déjà occupée de %(start)s à %(end)s par « %(title)s »."
                )
                % {
                    "room": session.room.name,
                    "start": _local(clash.starts_at),
                    "end": _local(clash.ends_at),
                    "title": clash.title,
                }
            }
        )
    busy = (
        Session.moderators.through.objects.filter(
            user_id__in=[m.pk for m in moderators], session__in=others
        )
        .select_related("user", "session")
        .first()
    )
    if busy is not None:
        raise ValidationError(
            {
                "moderators": _("%(name)s anime déjà « %(title)s » à ce moment-là.")
                % {"name": busy.user.full_name, "title": busy.session.title}
            }
        )


SESSION_FIELDS = ("session_type", "track", "title", "description", "speakers", "room",
                  "starts_at", "ends_at", "capacity", "lsf_interpretation",
                  "easy_read_material")  # fmt: skip


def session_save(
    *,
    congress: Congress,
    by: User | None,
    session: Session | None = None,
    moderators: list[User] | None = None,
    organisations=None,
    **fields,
) -> Session:
    """Create (session=None) or update a session of the programme, refusing conflicts.

    `by=None` is for trusted callers (demo seed); views always pass the user.
    """
    with transaction.atomic():
        if by is not None and not can_manage_programme(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs construisent le programme."))
        unknown = set(fields) - set(SESSION_FIELDS)
        if unknown:
            raise TypeError(f"Unknown session fields: {sorted(unknown)}")
        # Lock the room: two organisers scheduling the same room at once are serialised.
        room = fields.get("room") or (session.room if session else None)
        if room is not None:
            Room.objects.select_for_update().filter(pk=room.pk).first()
        session = session or Session(congress=congress)
        for name, value in fields.items():
            setattr(session, name, value)
        if session.room_id and not session.capacity:
            session.capacity = session.room.capacity
        if session.session_type_id and session.session_type.congress_id != congress.pk:
            raise ValidationError(
                {"session_type": _("Type de session inconnu pour cette édition.")}
            )
        if session.track_id and session.track.congress_id != congress.pk:
            raise ValidationError({"track": _("Thème inconnu pour cette édition.")})
        session.full_clean()
        moderators = (
            list(moderators)
            if moderators is not None
            else (list(session.moderators.all()) if session.pk else [])
        )
        _check_conflicts(session, moderators)
        if session.pk and session.signups.count() > session.capacity:
            raise ValidationError(
                {"capacity": _("Il y a déjà plus d'inscrits que cette capacité.")}
            )
        session.save()
        session.moderators.set(moderators)
        if organisations is not None:
            session.organisations.set(organisations)
        return session


def session_delete(*, session: Session, by: User) -> None:
    """Take a session off the programme. Refused once people signed up (they would lose their
    seat without a word: change the session instead) and once its outcome is recorded (policy
    proposals cite the workshop as their source). A proposal scheduled in it goes back to the
    accepted proposals waiting for a slot (its `session` link is set to null)."""
    with transaction.atomic():
        if not can_manage_programme(by, session.congress):
            raise PermissionDenied(_("Seuls les organisateurs construisent le programme."))
        # Under the session's lock: sign-ups take the same lock (signup_create), so none slips in.
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.signups.exists():
            raise ValidationError(
                _("Des personnes sont inscrites à cette session : elle ne peut pas être supprimée.")
            )
        # The outcome belongs to a higher layer (proposals.outcomes): asked by relation name only.
        if Session.objects.filter(pk=session.pk, outcome__isnull=False).exists():
            raise ValidationError(
                _(
                    "Le compte rendu de cette session est enregistré : elle ne peut pas être supprimée."
                )
            )
        audit_record(
            actor=by,
            action="session.deleted",
            congress=session.congress,
            target=session,
            details={"title": session.title, "starts_at": session.starts_at.isoformat()},
        )
        session.delete()


def workshop_session_type(congress: Congress, slug: str = "") -> SessionType:
    types = SessionType.objects.filter(congress=congress, is_workshop=True).order_by("order")
    chosen = types.filter(slug=slug).first() if slug else None
    chosen = chosen or types.first()
    if chosen is None:
        raise ValidationError(_("Aucun type de session « atelier » n'est défini pour l'édition."))
    return chosen


# --- workshop sign-up -------------------------------------------------------------------------


def lock_person(user_pk: int) -> None:
    """Take the row lock on the person until the transaction ends: one person's sign-ups run
    one after the other, so two simultaneous sign-ups cannot both pass the overlap check."""
    User.objects.select_for_update().filter(pk=user_pk).values_list("pk", flat=True).get()


def _after_overlap_check() -> None:
    """Nothing; a test widens the window here to show what the person's lock prevents."""


def deadline_text(value: datetime) -> str:
    """« vendredi 1er février 2024, 18:00 »: the local date and time, French ordinal on the 1st."""
    local = timezone.localtime(value)
    if local.day == 1 and (get_language() or "fr").startswith("fr"):
        return f"{date_format(local, 'l')} 1er {date_format(local, 'F Y, H:i')}"
    return date_format(local, "l j F Y, H:i")


def _check_signup_window(congress: Congress, by: User) -> None:
    """After the edition's sign-up deadline only its organisers sign people up or out."""
    if congress.signup_is_open or can_manage_programme(by, congress):
        return
    raise ValidationError(
        _(
            "Les inscriptions aux ateliers sont closes depuis le %(date)s : "
            "adressez-vous aux organisateurs."
        )
        % {"date": deadline_text(congress.signup_deadline)}
    )


def _check_attendance_day(session: Session, user: User) -> None:
    """A person is signed up only to sessions on the days of their registration."""
    day = timezone.localdate(session.starts_at)
    days = attendance_days(user, session.congress)
    if day.isoformat() not in days:
        raise ValidationError(
            _(
                "Votre inscription au congrès ne couvre pas le %(day)s : "
                "vous ne pouvez pas vous inscrire à une session ce jour-là."
            )
            % {"day": format_date(day, "l j F Y")}
        )


def signup_create(*, session: Session, user: User, by: User | None = None) -> WorkshopSignup:
    """Sign `user` up to a workshop; `by` is who acts (the person, or an organiser)."""
    with transaction.atomic():
        by = by or user
        if by.pk != user.pk and not can_manage_programme(by, session.congress):
            raise PermissionDenied(_("Vous ne pouvez pas inscrire cette personne."))
        if not is_participant(user, session.congress):
            raise PermissionDenied(
                _("Seules les personnes inscrites au congrès peuvent s'inscrire aux ateliers.")
            )
        _check_signup_window(session.congress, by)
        # Locks, always in this order: the person (their sign-ups to other workshops at the same
        # time), then the session (its seats: the count and the new seat are in one transaction,
        # so the workshop is never oversold).
        lock_person(user.pk)
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("session_type", "congress")
            .get(pk=session.pk)
        )
        if not session.session_type.is_workshop:
            raise ValidationError(_("Cette session est ouverte à tous, sans inscription."))
        if WorkshopSignup.objects.filter(session=session, user=user).exists():
            raise ValidationError(_("Vous êtes déjà inscrit·e à cet atelier."))
        _check_attendance_day(session, user)
        if session.signups.count() >= session.capacity:
            raise ValidationError(_("Cet atelier est complet."))
        clash = (
            WorkshopSignup.objects.filter(user=user, session__congress=session.congress)
            .filter(session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at)
            .select_related("session")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _("Vous êtes déjà inscrit·e à « %(title)s » au même moment.")
                % {"title": clash.session.title}
            )
        _after_overlap_check()
        signup = WorkshopSignup(session=session, user=user)
        signup.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                signup.save()
        except IntegrityError:
            raise ValidationError(_("Vous êtes déjà inscrit·e à cet atelier.")) from None
        return signup


def signup_cancel(*, signup: WorkshopSignup, by: User) -> None:
    with transaction.atomic():
        if signup.user_id != by.pk and not can_manage_programme(by, signup.session.congress):
            raise PermissionDenied(_("Vous ne pouvez pas annuler cette inscription."))
        _check_signup_window(signup.session.congress, by)
        signup.delete()


# --- personal calendar ------------------------------------------------------------------------


def calendar_token(user: User, congress: Congress) -> str:
    return signing.Signer(salt=CALENDAR_SALT).sign(f"{user.pk}.{congress.pk}").split(":", 1)[1]


def user_from_calendar_token(token: str, user_pk: int, congress: Congress) -> User | None:
    expected = calendar_token(User(pk=user_pk), congress)
    if not signing.constant_time_compare(expected, token):
        return None
    return User.objects.filter(pk=user_pk, is_active=True).first()
