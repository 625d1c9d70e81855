"""Permission predicates of the funded projects' follow-up."""

from congress.organisations.permissions import is_manager, is_member
from funding.models import Application, ApplicationState
from funding.permissions import can_follow_up


def can_send_report(user, application: Application) -> bool:
    """The managers of a funded (granted) project send its reports."""
    return application.state == ApplicationState.GRANTED and is_manager(
        user, application.organisation
    )


def can_view_reports(user, application: Application) -> bool:
    """A funded project's reports: its members, the organisers and the call's funder."""
    if application.state != ApplicationState.GRANTED:
        return False
    return is_member(user, application.organisation) or can_follow_up(user, application.call)
