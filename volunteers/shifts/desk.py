"""The welcome-desk role that comes with a welcome-desk shift (the check-in tool of
`congress.onsite`): granted when a volunteer picks such a shift, taken back when they leave
their last one, unless an organiser had granted it. Both steps go to the audit log. Called
inside the shift services' transactions."""

from congress.audit.services import audit_record
from congress.onsite.models import DeskRole
from volunteers.models import ShiftDeskGrant, ShiftSignup


def desk_role_follow_signup(*, signup: ShiftSignup) -> DeskRole | None:
    """After picking `signup.shift`: a welcome-desk shift gives its edition's check-in role
    (kept as it is when the person already holds it). Returns the role granted, if any."""
    shift = signup.shift
    if not shift.grants_desk_role:
        return None
    role, created = DeskRole.objects.get_or_create(congress=shift.congress, user=signup.user)
    if not created:
        return None
    ShiftDeskGrant.objects.create(role=role)
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
    still = ShiftSignup.objects.filter(
        user=user, shift__congress=shift.congress_id, shift__grants_desk_role=True
    ).exists()
    if still:
        return False
    role = (
        DeskRole.objects.select_for_update()
        .filter(congress=shift.congress_id, user=user, shift_grant__isnull=False)
        .first()
    )
    if role is None:
        return False
    audit_record(
        actor=user, action="desk.revoke", congress=shift.congress, target=role,
        details={"shift": shift.pk, "shift_title": shift.title},
    )  # fmt: skip
    role.delete()
    return True
