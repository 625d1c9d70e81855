"""Permission predicates of registrations: participants, who registers whom, orders."""

from congress.accounts.selectors import owned_by
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.organisations.models import Organisation
from congress.organisations.permissions import is_manager
from congress.registrations.models import Registration, RegistrationStatus


def is_participant(user, congress: Congress) -> bool:
    """True iff the user holds a confirmed registration (paid, free, or awaiting an
    administrative mandate) for that edition."""
    if not user.is_authenticated or not user.is_active or congress is None:
        return False
    # Also those registered by their organisation for their (confirmed) address.
    return Registration.objects.filter(
        owned_by(user), congress=congress, status=RegistrationStatus.CONFIRMED
    ).exists()


def can_register_for(user, organisation: Organisation | None) -> bool:
    """Managers register their organisation's delegates; anyone signed in registers alone."""
    if not user.is_authenticated or not user.is_active:
        return False
    if organisation is None:
        return True
    return is_manager(user, organisation) or user.is_superuser


def can_view_order(user, order) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if order.placed_by_id == user.pk or is_organiser(user, order.congress):
        return True
    return order.organisation is not None and is_manager(user, order.organisation)


def can_cancel_order(user, order) -> bool:
    return can_view_order(user, order)
