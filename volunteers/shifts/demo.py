"""Demo data of shifts: the upcoming edition's welcome-desk shifts (created with the base's
demo) give their volunteers the check-in role, as picking them on the site does."""

from volunteers.models import Shift
from volunteers.shifts.desk import desk_role_follow_signup


def seed(ctx) -> None:
    edition = ctx.upcoming
    if edition is None:
        return
    desk = Shift.objects.filter(congress=edition, title="Accueil et badges", grants_desk_role=False)
    for shift in desk:
        shift.grants_desk_role = True
        shift.save(update_fields=["grants_desk_role"])
        for signup in shift.signups.select_related("shift__congress", "user"):
            desk_role_follow_signup(signup=signup)
