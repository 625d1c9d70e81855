"""Permission predicates on site: the welcome desk, tickets and certificates."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Value
from django.utils import timezone

from congress.accounts.selectors import owned_by
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.onsite.models import DeskRole, DeskRoleHours
from congress.organisations.permissions import is_manager
from congress.registrations.models import Registration

# A desk role given for a shift opens this long before the shift and stays this long after.
DESK_MARGIN = timedelta(minutes=30)


def _desk_roles_now(user):
    """The person's desk roles valid now: an organiser's (no hours) the whole edition, a
    shift's during its hours and the margin around them."""
    now = timezone.now()
    hours = DeskRoleHours.objects.filter(role=OuterRef("pk"))
    current = hours.filter(starts_at__lte=now + DESK_MARGIN, ends_at__gte=now - DESK_MARGIN)
    return DeskRole.objects.filter(user=user).filter(~Exists(hours) | Exists(current)).order_by()


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def can_check_in(user, congress) -> bool:
    """The edition's welcome-desk volunteers and its organisers check delegates in (a
    volunteer whose role came with a desk shift: during the shift, give or take DESK_MARGIN)."""
    if not _active(user) or congress is None:
        return False
    if user.is_superuser:
        return True
    _load_roles(user)
    return congress.pk in user._organiser_of or congress.pk in user._desk_of


def _load_roles(user) -> None:
    """Fill, once per request, the editions the user organises and those whose desk they help
    at: one query for both (is_organiser reads the same cache)."""
    if getattr(user, "_desk_of", None) is not None:
        return
    if getattr(user, "_organiser_of", None) is not None:
        desk = _desk_roles_now(user).values_list("congress_id", flat=True)
        user._desk_of = set(desk)
        return
    organised = (
        Congress.organisers.through.objects.filter(user=user)
        .order_by()
        .values_list("congress_id", Value("organiser"))
    )
    desk = _desk_roles_now(user).values_list("congress_id", Value("desk"))
    rows = list(organised.union(desk, all=True))
    user._organiser_of = {pk for pk, role in rows if role == "organiser"}
    user._desk_of = {pk for pk, role in rows if role == "desk"}


def can_manage_desk(user, congress) -> bool:
    """Organisers grant and revoke the welcome-desk role, set certificates, see the figures."""
    return _active(user) and is_organiser(user, congress)


def can_view_ticket(user, registration: Registration) -> bool:
    """The delegate, the manager of the organisation that registered them, the organisers and
    the edition's welcome desk (it hands a ticket to a person registered there, or reprints a
    forgotten one)."""
    if not _active(user):
        return False
    return can_check_in(user, registration.congress) or _own_or_managed(user, registration)


def _own_or_managed(user, registration: Registration) -> bool:
    if is_organiser(user, registration.congress):
        return True
    organisation = registration.order.organisation
    if organisation is not None and is_manager(user, organisation):
        return True
    return Registration.objects.filter(owned_by(user), pk=registration.pk).exists()


def can_view_certificate(user, registration: Registration) -> bool:
    """The delegate, their organisation's manager, the organisers (not the desk)."""
    return _active(user) and _own_or_managed(user, registration)


def can_view_organisation_tickets(user, organisation, congress) -> bool:
    if not _active(user):
        return False
    return is_organiser(user, congress) or is_manager(user, organisation)
