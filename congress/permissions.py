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


# === BEGIN registration (registration branch) =================================================


def is_participant(user, congress: Congress) -> bool:
    """True iff the user holds a confirmed registration (paid, free, or awaiting an
    administrative mandate) for that edition."""
    if not user.is_authenticated or congress is None:
        return False
    from django.db.models import Q

    from congress.models import Registration, RegistrationStatus

    mine = Q(user=user)
    if user.email_confirmed_at is not None:
        # Registered by their organisation before they had an account, with this address.
        mine |= Q(user__isnull=True, email__iexact=user.email)
    return Registration.objects.filter(
        mine, congress=congress, status=RegistrationStatus.CONFIRMED
    ).exists()


def can_register_for(user, organisation: Organisation | None) -> bool:
    """Managers register their organisation's delegates; anyone signed in registers alone."""
    if not user.is_authenticated or not user.is_active:
        return False
    if organisation is None:
        return True
    return is_manager(user, organisation) or user.is_superuser


def can_view_order(user, order) -> bool:
    if not user.is_authenticated:
        return False
    if order.placed_by_id == user.pk or is_organiser(user, order.congress):
        return True
    return order.organisation is not None and is_manager(user, order.organisation)


def can_cancel_order(user, order) -> bool:
    return can_view_order(user, order)


# === END registration =========================================================================
