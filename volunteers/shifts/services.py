"""Writes of shifts at an edition: defining them, picking them, leaving them."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.editions.models import Congress
from volunteers.models import Shift, ShiftSignup
from volunteers.permissions import can_volunteer
from volunteers.services import lock_person
from volunteers.shifts.desk import desk_role_follow_leave, desk_role_follow_signup
from volunteers.shifts.permissions import can_manage_shifts


def shift_create(
    *,
    congress: Congress,
    by: User,
    title: str,
    place: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    grants_desk_role: bool = False,
) -> Shift:
    with transaction.atomic():
        if not can_manage_shifts(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs définissent les créneaux."))
        if ends_at <= starts_at:
            raise ValidationError({"end": _("La fin du créneau doit suivre son début.")})
        shift = Shift(
            congress=congress,
            title=title,
            place=place,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            grants_desk_role=grants_desk_role,
        )
        shift.full_clean()
        shift.save()
        return shift


def shift_signup(*, shift: Shift, user: User) -> ShiftSignup:
    """Pick a shift: a place must be left and it must not overlap one's other shifts (both
    checked under locks: the shift's and the person's)."""
    with transaction.atomic():
        if not can_volunteer(user):
            raise PermissionDenied(_("Inscrivez-vous comme bénévole avant de choisir un créneau."))
        lock_person(user)
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        if shift.starts_at <= timezone.now():
            raise ValidationError(_("Ce créneau est passé."))
        mine = ShiftSignup.objects.filter(user=user)
        if mine.filter(shift=shift).exists():
            raise ValidationError(_("Vous avez déjà choisi ce créneau."))
        clash = (
            mine.filter(shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at)
            .select_related("shift")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _("Ce créneau chevauche un autre de vos créneaux : « %(title)s ».")
                % {"title": clash.shift.title}
            )
        if shift.signups.count() >= shift.capacity:
            raise ValidationError(_("Ce créneau est complet."))
        signup = ShiftSignup.objects.create(shift=shift, user=user)
        desk_role_follow_signup(signup=signup)
        return signup


def shift_leave(*, signup: ShiftSignup, by: User) -> None:
    with transaction.atomic():
        if signup.user_id != by.pk:
            raise PermissionDenied(_("Vous ne pouvez quitter que vos propres créneaux."))
        if signup.shift.starts_at <= timezone.now():
            raise ValidationError(_("Ce créneau est passé."))
        lock_person(by)
        shift = signup.shift
        signup.delete()
        desk_role_follow_leave(user=by, shift=shift)
