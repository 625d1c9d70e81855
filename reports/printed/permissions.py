"""Permission predicates of printed matter."""

from congress.editions.models import Congress
from congress.editions.permissions import is_organiser


def can_print_badges(user, congress: Congress) -> bool:
    """Badges carry names and organisations of everyone: the edition's organisers only."""
    return is_organiser(user, congress)


def can_print_signs(user, congress: Congress) -> bool:
    return is_organiser(user, congress)


def can_edit_invitation(user, congress: Congress) -> bool:
    return is_organiser(user, congress)


def can_read_programme(user, congress: Congress) -> bool:
    """The printed programme, like the programme page: public once the edition is published,
    before that for its organisers only."""
    return congress.status != "draft" or is_organiser(user, congress)
