"""Writes of printed matter: badges marked as printed, the invitation letter."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.editions.models import Congress
from reports.printed.models import BadgeGuest, BadgePrint, InvitationLetter
from reports.printed.permissions import can_edit_invitation, can_print_badges

INVITATION_MAX_LENGTH = 8000


def badges_mark_printed(*, congress: Congress, person_keys: list[str], by) -> int:
    """Record that these badges were printed now (a batch, or one reprinted): "not yet
    printed" then leaves them out. Returns how many were marked."""
    with transaction.atomic():
        if not can_print_badges(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition impriment les badges."))
        keys = sorted(set(person_keys))
        if not keys:
            return 0
        now = timezone.now()
        existing = set(
            BadgePrint.objects.select_for_update()
            .filter(congress=congress, person_key__in=keys)
            .values_list("person_key", flat=True)
        )
        BadgePrint.objects.filter(congress=congress, person_key__in=existing).update(
            printed_at=now, printed_by=by
        )
        BadgePrint.objects.bulk_create(
            BadgePrint(congress=congress, person_key=key, printed_at=now, printed_by=by)
            for key in keys
            if key not in existing
        )
        return len(keys)


def invitation_letter_update(*, congress: Congress, body: str, by) -> InvitationLetter | None:
    """Save the organisers' letter; an empty text goes back to the default letter."""
    with transaction.atomic():
        if not can_edit_invitation(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition modifient la lettre."))
        body = body.strip()
        if len(body) > INVITATION_MAX_LENGTH:
            raise ValidationError(
                _("La lettre ne peut dépasser %(n)s caractères.") % {"n": INVITATION_MAX_LENGTH},
                code="too_long",
            )
        if not body:
            InvitationLetter.objects.filter(congress=congress).delete()
            return None
        letter, _created = InvitationLetter.objects.get_or_create(
            congress=congress, defaults={"body": body, "updated_by": by}
        )
        letter.body = body
        letter.updated_by = by
        letter.full_clean()
        letter.save()
        return letter


def badge_guest_add(
    *, congress: Congress, full_name: str, organisation: str, role: str, by
) -> BadgeGuest:
    """A press or volunteer badge for someone neither registered nor on the programme."""
    with transaction.atomic():
        if not can_print_badges(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition impriment les badges."))
        guest = BadgeGuest(
            congress=congress,
            full_name=full_name.strip(),
            organisation=organisation.strip(),
            role=role,
        )
        guest.full_clean()
        guest.save()
        return guest


def badge_guest_remove(*, guest: BadgeGuest, by) -> None:
    with transaction.atomic():
        if not can_print_badges(by, guest.congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition impriment les badges."))
        BadgePrint.objects.filter(congress=guest.congress, person_key=f"guest:{guest.pk}").delete()
        guest.delete()
