"""Permission predicates of the messaging app: only an edition's organisers write to people."""

from congress.editions.permissions import is_organiser


def can_message(user, congress) -> bool:
    """Write, preview, send and follow messages, edit the reminder texts."""
    return is_organiser(user, congress)


def can_manage_opt_out(user) -> bool:
    """Choose, on one's own account, whether to receive information messages."""
    return user.is_authenticated and user.is_active
