"""The person's own data: export (right of access) and erasure of the account."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.core.discovery import domain_modules
from congress.organisations.models import MembershipRole


def _privacy_modules():

    return domain_modules("privacy")


def user_export_data(*, user: User) -> dict:
    """Everything the site holds about a person, as JSON-ready data (right of access)."""
    data = {
        "format": "congres-solidarites/personal-data/1",
        "exported_at": timezone.now().isoformat(),
    }
    for label, module in _privacy_modules():
        data.setdefault(label, {}).update(module.export(user))
    return data


def user_delete_account(*, user: User, password: str) -> None:
    """Erase a person (right to erasure).

    Each app erases or anonymises what it holds; records the law requires us to keep (issued
    invoices, aggregate figures) stay, pointing to an anonymous account.
    """
    with transaction.atomic():
        if not user.check_password(password):
            raise ValidationError({"password": _("Mot de passe incorrect.")})
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.memberships.filter(role=MembershipRole.MANAGER).exists():
            for membership in user.memberships.filter(role=MembershipRole.MANAGER).select_related(
                "organisation"
            ):
                others = membership.organisation.memberships.exclude(user=user)
                if others.exists() and not others.filter(role=MembershipRole.MANAGER).exists():
                    raise ValidationError(
                        _(
                            "Vous êtes le seul gestionnaire de « %(name)s » : nommez un autre gestionnaire avant de supprimer votre compte."
                        )
                        % {"name": membership.organisation.name}
                    )
        for _label, module in reversed(list(_privacy_modules())):
            module.erase(user)
        user.email = f"supprime-{user.pk}@invalid.invalid"
        user.full_name = _("Compte supprimé")
        user.phone = ""
        user.preferred_language = "fr"
        user.last_login = None
        user.email_confirmed_at = None
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        user.organised_congresses.clear()
