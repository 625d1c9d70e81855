"""Permission predicates of editions: organisers and the staff area."""

from congress.editions.models import Congress


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


def can_access_staff_area(user) -> bool:
    return is_organiser_of_any(user)
