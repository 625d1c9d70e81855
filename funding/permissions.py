"""Permission predicates of calls for projects: applicants, jurors, organisers."""

from congress.editions.permissions import is_organiser
from congress.organisations.permissions import is_manager, is_member
from funding.models import SUBMITTED_STATES, Application, ApplicationState, FundingCall
from proposals.permissions import user_organisation_ids


def is_juror(user, call: FundingCall) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cache = getattr(user, "_juror_of", None)
    if cache is None:
        cache = set(user.funding_juries.values_list("pk", flat=True))
        user._juror_of = cache
    return call.pk in cache


def can_manage_call(user, call: FundingCall) -> bool:
    return is_organiser(user, call.congress)


def can_create_call(user, congress) -> bool:
    """The edition's organisers create and edit its calls (not only the admin)."""
    return is_organiser(user, congress)


def is_call_funder(user, call: FundingCall) -> bool:
    """Members of the organisation that funds the call (when the call names one)."""
    if not user.is_authenticated or not user.is_active or call.funder_organisation_id is None:
        return False
    return call.funder_organisation_id in user_organisation_ids(user)


def can_follow_up(user, call: FundingCall) -> bool:
    """The funded projects' reports: the organisers and the call's funder."""
    return can_manage_call(user, call) or is_call_funder(user, call)


def can_apply_for(user, organisation) -> bool:
    """Managers of the organisation write its applications."""
    return is_manager(user, organisation)


def can_edit_application(user, application: Application) -> bool:
    return application.state == ApplicationState.DRAFT and is_manager(
        user, application.organisation
    )


def has_conflict_of_interest(user, application: Application) -> bool:
    """A juror from the applying organisation never assesses it."""
    return application.organisation_id in user_organisation_ids(user)


def can_assess(user, application: Application) -> bool:
    return (
        application.state in SUBMITTED_STATES
        and is_juror(user, application.call)
        and not has_conflict_of_interest(user, application)
    )


def can_view_application(user, application: Application) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_member(user, application.organisation) or can_manage_call(user, application.call):
        return True
    if application.state in SUBMITTED_STATES and is_call_funder(user, application.call):
        return True
    return can_assess(user, application)


def can_view_letter(user, application: Application) -> bool:
    """The decision letter: the organisers and the applicant's members, once decided."""
    if not hasattr(application, "decision"):
        return False
    return can_manage_call(user, application.call) or is_member(user, application.organisation)
