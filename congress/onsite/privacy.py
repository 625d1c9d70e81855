"""Personal data on site: the person's arrivals at the congress and their welcome-desk roles."""

from congress.accounts.selectors import owned_by
from congress.onsite.models import CheckIn, DeskRole
from congress.registrations.models import Registration


def export(user) -> dict:
    arrivals = (
        CheckIn.objects.filter(registration__in=_registrations(user))
        .select_related("registration__congress")
        .order_by("day", "pk")
    )
    return {
        "arrivals": [
            {
                "congress": arrival.registration.congress.name,
                "day": arrival.day.isoformat(),
                "checked_in_at": arrival.checked_in_at.isoformat(),
            }
            for arrival in arrivals
        ],
        "welcome_desk": [
            role.congress.name for role in _desk_roles(user).select_related("congress")
        ],
    }


def _registrations(user):
    return Registration.objects.filter(owned_by(user)).values("pk")


def _desk_roles(user):
    return DeskRole.objects.filter(user=user).order_by("granted_at", "pk")


def erase(user) -> None:
    # Arrivals stay (attendance figures, certificates) with the anonymised registration; the
    # volunteer who recorded them is forgotten.
    CheckIn.objects.filter(by=user).update(by=None)
    _desk_roles(user).delete()
