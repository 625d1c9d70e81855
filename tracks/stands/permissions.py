"""Who may apply for a stand and who decides (issue 15)."""

from congress.editions.models import VISIBLE_STATUSES
from congress.editions.permissions import is_organiser


def can_manage_stands(user, congress) -> bool:
    return is_organiser(user, congress)


def can_apply_for_stand(user, congress) -> bool:
    """A signed-in person applies for a published evening with stands that has not ended."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        congress.status in VISIBLE_STATUSES
        and not congress.has_ended
        and congress.feature_on("stands")
    )


def can_withdraw_stand_application(user, application) -> bool:
    """Its applicant withdraws an application until it is accepted, and an accepted one until
    the evening (the day before the first day included)."""
    if not user.is_authenticated or not user.is_active or application.applicant_id != user.pk:
        return False
    if application.status in ("submitted", "waitlisted"):
        return not application.congress.has_ended
    return application.status == "accepted" and application.congress.is_upcoming


def can_see_hall_plan(user, hall) -> bool:
    """The hall plan's image is private until the organisers publish it: they may upload a draft
    and check it first; once published, whoever sees the edition sees it."""
    if not hall.plan_image:
        return False
    return hall.plan_published or can_manage_stands(user, hall.congress)
