"""Permission predicates of the funder meetings."""

from congress.editions.permissions import is_organiser
from congress.organisations.permissions import is_manager, is_member
from funding.models import Application, ApplicationState, Funder


def can_register_funder(user, organisation) -> bool:
    return is_manager(user, organisation)


def can_act_for_funder(user, funder: Funder) -> bool:
    """Members of the funder's organisation mark projects and see its schedule."""
    return is_member(user, funder.organisation)


def can_wish_for(user, application: Application) -> bool:
    """Managers of a project holder that has applied (submitted) choose funders to meet."""
    return application.state != ApplicationState.DRAFT and is_manager(
        user, application.organisation
    )


def can_manage_meetings(user, congress) -> bool:
    return is_organiser(user, congress)


def meeting_side(user, meeting) -> str | None:
    """Which party of the meeting the user records for: "funder", "holder" or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if is_member(user, meeting.funder.organisation):
        return "funder"
    if is_member(user, meeting.application.organisation):
        return "holder"
    return None
