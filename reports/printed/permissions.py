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


def is_public(congress: Congress) -> bool:
    """The printed programme and the share page, like the programme page: public once the
    edition is published."""
    return congress.status != "draft"


def can_preview_printed_programme(user, congress: Congress) -> bool:
    """Before publication, the edition's organisers see what will be printed."""
    return is_organiser(user, congress)
