"""Permission predicates of the payments sub-domain."""

from congress.editions.models import Congress
from congress.editions.permissions import is_organiser


def can_manage_billing(user, congress: Congress) -> bool:
    """The seller's identity, VAT situation and invoice numbering: the edition's organisers."""
    return is_organiser(user, congress)
