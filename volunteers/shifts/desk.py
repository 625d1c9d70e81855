"""The welcome-desk role that comes with a welcome-desk shift (the check-in tool of
`congress.onsite`): granted when a volunteer picks such a shift, valid only during their desk
shifts (the role's hours, kept equal to them), taken back when they leave their last one,
unless an organiser had granted it (then valid the whole edition). Both steps go to the audit
log. Called inside the shift services' transactions."""

from congress.audit.services import audit_record
from congress.onsite.models import DeskRole, DeskRoleHours
from volunteers.models import ShiftDeskGrant, ShiftSignup


def _shift_made(role: DeskRole) -> bool:
    return role.granted_by_id is None and ShiftDeskGrant.objects.filter(role=role).exists()


def desk_role_hours_sync(*, role: DeskRole) -> None:
    """The role's hours become the holder's desk shifts of the edition."""
    role.hours.all().delete()
    shifts = ShiftSignup.objects.filter(
        user=role.user_id, shift__congress=role.congress_id, shift__grants_desk_role=True
    ).values_list("shift__starts_at", "shift__ends_at")
    DeskRoleHours.objects.bulk_create(
        DeskRoleHours(role=role, starts_at=start, ends_at=end) for start, end in shifts
    )


def desk_role_follow_signup(*, signup: ShiftSignup) -> DeskRole | None:
    """After picking `signup.shift`: a welcome-desk shift gives its edition's check-in role
    (kept as it is when the person already holds it). Returns the role granted, if any."""
    shift = signup.shift
    if not shift.grants_desk_role:
        return None
    role, created = DeskRole.objects.get_or_create(congress=shift.congress, user=signup.user)
    if not created:
        if _shift_made(role):
            desk_role_hours_sync(role=role)
        return None
    ShiftDeskGrant.objects.create(role=role)
    desk_role_hours_sync(role=role)
    audit_record(
        actor=signup.user, action="desk.grant", congress=shift.congress, target=role,
        details={"shift": shift.pk, "shift_title": shift.title},
    )  # fmt: skip
    return role


def desk_role_follow_leave(*, user, shift) -> bool:
    """After leaving `shift`: when it was a welcome-desk shift, no other one of the edition is
    left and the role came from the shifts, the role goes. Returns True when it went."""
    if not shift.grants_desk_role:
        return False
    role = (
        DeskRole.objects.select_for_update()
        .filter(
            congress=shift.congress_id, user=user, shift_grant__isnull=False,
            granted_by__isnull=True,
        )
        .first()
    )  # fmt: skip
    if role is None:
        return False
    still = ShiftSignup.objects.filter(
        user=user, shift__congress=shift.congress_id, shift__grants_desk_role=True
    ).exists()
    if still:
        desk_role_hours_sync(role=role)
        return False
    audit_record(
        actor=user, action="desk.revoke", congress=shift.congress, target=role,
        details={"shift": shift.pk, "shift_title": shift.title},
    )  # fmt: skip
    role.delete()
    return True
