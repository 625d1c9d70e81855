"""Demo data of shifts: the upcoming edition's welcome-desk shifts (created with the base's
demo) give their volunteers the check-in role, as picking them on the site does."""

from datetime import timedelta

from congress.audit.models import AuditEntry
from congress.core.seeding import moment
from congress.onsite.models import DeskRole
from volunteers.models import Shift
from volunteers.shifts.desk import desk_role_follow_signup


def seed(ctx) -> None:
    edition = ctx.upcoming
    if edition is None:
        return
    desk = Shift.objects.filter(congress=edition, title="Accueil et badges", grants_desk_role=False)
    granted = []
    for shift in desk:
        shift.grants_desk_role = True
        shift.save(update_fields=["grants_desk_role"])
        for signup in shift.signups.select_related("shift__congress", "user"):
            if desk_role_follow_signup(signup=signup) is not None:
                granted.append(signup.user_id)
    # Granted three weeks before the edition, not on the day the seed ran.
    when = moment(edition.start_date - timedelta(days=21))
    DeskRole.objects.filter(congress=edition, user__in=granted, granted_by=None).update(
        granted_at=when
    )
    AuditEntry.objects.filter(congress=edition, action="desk.grant").update(at=when)
