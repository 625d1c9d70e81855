"""Permission predicates of shifts: the edition's organisers define them."""

from congress.editions.permissions import is_organiser


def can_manage_shifts(user, congress) -> bool:
    return is_organiser(user, congress)
