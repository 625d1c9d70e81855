"""Permission predicates of the funder meetings."""

from congress.editions.permissions import is_organiser
from congress.organisations.permissions import is_manager, is_member
from funding.models import Application, ApplicationState, Funder, Meeting


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


def can_record_meeting_outcome(user, meeting: Meeting) -> bool:
    """The two parties of a meeting (members of the funder or of the project holder)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_member(user, meeting.funder.organisation) or is_member(
        user, meeting.application.organisation
    )


def meeting_side(user, meeting: Meeting) -> str:
    """Which party a user allowed by ``can_record_meeting_outcome`` records for."""
    return "funder" if is_member(user, meeting.funder.organisation) else "holder"
