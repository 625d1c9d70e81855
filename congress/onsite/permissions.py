"""Permission predicates on site: the welcome desk, tickets and certificates."""

from congress.accounts.selectors import owned_by
from congress.editions.permissions import is_organiser
from congress.onsite.models import DeskRole
from congress.organisations.permissions import is_manager
from congress.registrations.models import Registration


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def can_check_in(user, congress) -> bool:
    """The edition's welcome-desk volunteers and its organisers check delegates in."""
    if not _active(user) or congress is None:
        return False
    if is_organiser(user, congress):
        return True
    cache = getattr(user, "_desk_of", None)  # once per request, like is_organiser's
    if cache is None:
        cache = set(DeskRole.objects.filter(user=user).values_list("congress_id", flat=True))
        user._desk_of = cache
    return congress.pk in cache


def can_manage_desk(user, congress) -> bool:
    """Organisers grant and revoke the welcome-desk role, set certificates, see the figures."""
    return _active(user) and is_organiser(user, congress)


def can_view_ticket(user, registration: Registration) -> bool:
    """The delegate, the manager of the organisation that registered them, the organisers."""
    if not _active(user):
        return False
    if is_organiser(user, registration.congress):
        return True
    organisation = registration.order.organisation
    if organisation is not None and is_manager(user, organisation):
        return True
    return Registration.objects.filter(owned_by(user), pk=registration.pk).exists()


def can_view_certificate(user, registration: Registration) -> bool:
    return can_view_ticket(user, registration)


def can_view_organisation_tickets(user, organisation, congress) -> bool:
    if not _active(user):
        return False
    return is_organiser(user, congress) or is_manager(user, organisation)
