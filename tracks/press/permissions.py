"""Who asks for a press accreditation, who decides (issue 15)."""

from congress.editions.models import VISIBLE_STATUSES
from congress.editions.permissions import is_organiser


def can_manage_press(user, congress) -> bool:
    return is_organiser(user, congress)


def press_requests_open(congress) -> bool:
    """Anyone (no account needed) asks while the edition is published and not over."""
    return congress.status in VISIBLE_STATUSES and not congress.has_ended
