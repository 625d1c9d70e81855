"""Permission predicates of bank-transfer reconciliation."""

from congress.editions.models import Congress
from congress.editions.permissions import is_organiser


def can_reconcile_transfers(user, congress: Congress) -> bool:
    """Reading the bank statement and marking orders paid: the edition's organisers."""
    return is_organiser(user, congress)
