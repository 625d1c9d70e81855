"""Per-request permission caches kept on the user object; the confirmed-address rule."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

EMAIL_UNCONFIRMED_MESSAGE = _(
    "Confirmez d'abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé, ou "
    "demandez-en un nouveau."
)


def has_confirmed_email(user) -> bool:
    """The person proved they receive mail at their address (sign-up link or invitation), and
    their account is active (a deactivated account takes no place)."""
    return bool(user.is_authenticated and user.is_active and user.email_confirmed_at is not None)


def require_confirmed_email(user) -> None:
    """Creating organisations and orders is for accounts whose address is proven."""
    if not has_confirmed_email(user):
        raise PermissionDenied(str(EMAIL_UNCONFIRMED_MESSAGE))


def clear_permission_cache(user) -> None:
    for attr in ("_organiser_of", "_desk_of", "_memberships_by_org"):
        if hasattr(user, attr):
            delattr(user, attr)
