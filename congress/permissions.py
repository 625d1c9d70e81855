"""Permission predicates for the congress app: used by views, the API and templates alike."""

from congress.models import Congress, Membership, MembershipRole, Organisation


def is_organiser(user, congress: Congress | None) -> bool:
    """Organisers of an edition (and superusers) manage everything of that edition."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if congress is None:
        return False
    cache = getattr(user, "_organiser_of", None)
    if cache is None:
        cache = set(user.organised_congresses.values_list("pk", flat=True))
        user._organiser_of = cache
    return congress.pk in cache


def is_organiser_of_any(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.organised_congresses.exists()


def _membership(user, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated or not user.is_active:
        return None
    cache = getattr(user, "_memberships_by_org", None)
    if cache is None:
        cache = {m.organisation_id: m for m in user.memberships.all()}
        user._memberships_by_org = cache
    return cache.get(organisation.pk)


def is_member(user, organisation: Organisation) -> bool:
    return _membership(user, organisation) is not None


def is_manager(user, organisation: Organisation) -> bool:
    membership = _membership(user, organisation)
    return membership is not None and membership.role == MembershipRole.MANAGER


def can_view_organisation_private(user, organisation: Organisation) -> bool:
    """Members see their organisation's members, invitations and contact details."""
    return is_member(user, organisation) or user.is_authenticated and user.is_superuser


def can_view_organisation(user, organisation: Organisation) -> bool:
    return organisation.public_listing or can_view_organisation_private(user, organisation)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    return is_manager(user, organisation) or user.is_authenticated and user.is_superuser


def can_access_staff_area(user) -> bool:
    return is_organiser_of_any(user)


def clear_permission_cache(user) -> None:
    for attr in ("_organiser_of", "_memberships_by_org"):
        if hasattr(user, attr):
            delattr(user, attr)


# --- BEGIN TEMPORARY is_participant (replaced by registration branch) ---
def is_participant(user, congress: Congress) -> bool:
    """TEMPORARY stand-in until registrations exist: an active, confirmed account that belongs
    to an organisation (or organises the edition) counts as a participant."""
    if not user.is_authenticated or not user.is_active or congress is None:
        return False
    if not user.email_confirmed:
        return False
    return is_organiser(user, congress) or user.memberships.exists()


# --- END TEMPORARY is_participant ---
