"""Writes of the editions sub-domain: organisers and their admin rights."""

from functools import partial

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.core.mail import send_after_commit
from congress.editions import emails, tasks
from congress.editions.alerts import ProgrammeAlert, alert_token
from congress.editions.kinds import FEATURES
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser, is_organiser_of_any
from congress.organisations.models import Invitation, MembershipRole, Organisation
from congress.organisations.services import invitation_send

ORGANISER_GROUP = "Organisateurs"


ORGANISER_APPS = ("congress", "tracks", "proposals", "reports")


# Accounts are seen, never edited, by organisers: changing a user would let a staff member make
# themselves superuser or take over an account (superusers manage accounts and API tokens).
ORGANISER_EXCLUDED_PERMISSIONS = ("add_user", "change_user", "delete_user")


def organiser_grant_admin(*, user: User, congress=None) -> User:
    """Give an organiser the admin site with every permission of the congress apps.

    The group is (re)synchronised each time, so permissions of models added later are included.
    """

    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=ORGANISER_GROUP)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS).exclude(
                codename__in=ORGANISER_EXCLUDED_PERMISSIONS
            )
        )
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if congress is not None:
            congress.organisers.add(user)
        return user


def orphaned_organisation_invite(*, organisation: Organisation, email: str, by: User) -> Invitation:
    """Organisers invite a new manager for an organisation whose last manager erased their
    account (only then: otherwise its own managers invite)."""
    with transaction.atomic():
        if not is_organiser_of_any(by):
            raise PermissionDenied(
                _("Seuls les organisateurs peuvent inviter pour cette organisation.")
            )
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.orphaned_at is None:
            raise PermissionDenied(
                _(
                    "Cette organisation a un gestionnaire : c'est à lui d'inviter de nouveaux membres."
                )
            )
        return invitation_send(
            organisation=organisation, email=email, role=MembershipRole.MANAGER, by=by
        )


def edition_features_set(
    *, congress, features: dict[str, bool], programme_published: bool, by: User
):
    """The organisers switch the features of their edition on or off (issue 15)."""
    with transaction.atomic():
        if not is_organiser(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition changent ses réglages."))
        was_published = (
            Congress.objects.select_for_update().values_list("programme_published", flat=True)
        ).get(pk=congress.pk)
        congress.features = {code: bool(features.get(code)) for code in FEATURES}
        congress.programme_published = programme_published
        fields = ["features", "programme_published"]
        congress.clean_fields(
            exclude=[f.name for f in Congress._meta.fields if f.name not in fields]
        )
        congress.save(update_fields=fields)
        if programme_published and not was_published:
            _programme_alerts_send(congress)
        return congress


def _programme_alerts_send(congress) -> int:
    """The programme is out: one message to each confirmed address (queued for the task worker),
    then every address of the edition is forgotten (the alert has done its job; none can fire twice)."""
    alerts = ProgrammeAlert.objects.filter(congress=congress)
    emails_to = list(alerts.exclude(confirmed_at=None).values_list("email", flat=True))
    if emails_to:  # sent by the task worker, in batches, once the publication is committed
        transaction.on_commit(partial(tasks.enqueue_programme_published, congress.pk, emails_to))
    alerts.delete()
    return len(emails_to)


def programme_alert_subscribe(*, congress, email: str) -> ProgrammeAlert:
    """An address asks to be told when the programme is published: a confirmation link is sent
    (again, if it is not confirmed yet); nothing else until it is followed."""
    with transaction.atomic():
        if congress.programme_published:
            raise ValidationError(_("Le programme est déjà publié : vous pouvez le consulter."))
        alert, _created = ProgrammeAlert.objects.get_or_create(
            congress=congress, email=email.strip().lower()
        )
        if alert.confirmed_at is None:
            send_after_commit(
                emails.send_programme_alert_confirm, congress, alert.email, alert_token(alert)
            )
    return alert


def programme_alert_confirm(*, alert: ProgrammeAlert) -> ProgrammeAlert:
    with transaction.atomic():
        alert = ProgrammeAlert.objects.select_for_update().get(pk=alert.pk)
        if alert.confirmed_at is None:
            alert.confirmed_at = timezone.now()
            alert.save(update_fields=["confirmed_at"])
    return alert


def programme_alert_erase(*, alert: ProgrammeAlert) -> None:
    with transaction.atomic():
        ProgrammeAlert.objects.filter(pk=alert.pk).delete()
