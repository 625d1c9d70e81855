"""Permission predicates of volunteering: the person's own profile, trainings' organisers."""

from congress.organisations.models import MembershipRole
from congress.organisations.permissions import can_manage_organisation


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def can_volunteer(user) -> bool:
    """Signed-in people with a volunteer profile book trainings, apply and pick shifts."""
    if not _active(user):
        return False
    return hasattr(user, "volunteer_profile")


def can_manage_training(user, training) -> bool:
    """The trainer and the managers of the organisation giving it record attendance."""
    if not _active(user):
        return False
    return training.trainer_id == user.pk or can_manage_organisation(user, training.organisation)


def can_run_trainings(user, organisation) -> bool:
    """The managers of an organisation create its trainings and schedule their sessions."""
    if not _active(user):
        return False
    return can_manage_organisation(user, organisation)


def _managed_organisations(user) -> set[int]:
    return {m.organisation_id for m in user.memberships.all() if m.role == MembershipRole.MANAGER}


def can_view_volunteer(user, person) -> bool:
    """A person sees their own profile; a manager sees the profile of a person who applied to
    one of their organisation's missions; nobody else does."""
    if not _active(user):
        return False
    if user.pk == person.pk or user.is_superuser:
        return True
    return person.mission_applications.filter(
        mission__organisation__in=_managed_organisations(user)
    ).exists()


def can_see_volunteer_needs(user, person) -> bool:
    """A volunteer's accessibility needs: themself, and the associations that accepted them."""
    if not _active(user):
        return False
    if user.pk == person.pk or user.is_superuser:
        return True
    return person.mission_applications.filter(
        mission__organisation__in=_managed_organisations(user), status="accepted"
    ).exists()
