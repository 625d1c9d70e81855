"""Writes on site: the welcome-desk role, check-ins and their undoing, certificate settings."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.onsite.models import CertificateSettings, CheckIn, DeskRole
from congress.onsite.permissions import can_check_in, can_manage_desk
from congress.registrations.models import Registration, RegistrationStatus


def desk_role_grant(*, congress, email: str, by) -> DeskRole:
    with transaction.atomic():
        if not can_manage_desk(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs gèrent l'équipe d'accueil."))
        user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise ValidationError(
                {"email": _("Aucun compte actif n'utilise cette adresse : la personne doit d'abord "
                            "créer son compte.")}
            )  # fmt: skip
        role, created = DeskRole.objects.get_or_create(
            congress=congress, user=user, defaults={"granted_by": by}
        )
        if not created and role.granted_by_id is None and role.hours.exists():
            # A volunteer's role limited to their desk shifts: the organiser's grant makes it
            # valid the whole edition.
            role.granted_by = by
            role.save(update_fields=["granted_by"])
            role.hours.all().delete()
        elif not created:
            raise ValidationError({"email": _("Cette personne fait déjà partie de l'accueil.")})
        audit_record(actor=by, action="desk.grant", congress=congress, target=role)
        return role


def desk_role_revoke(*, role: DeskRole, by) -> None:
    with transaction.atomic():
        if not can_manage_desk(by, role.congress):
            raise PermissionDenied(_("Seuls les organisateurs gèrent l'équipe d'accueil."))
        audit_record(actor=by, action="desk.revoke", congress=role.congress, target=role)
        role.delete()


@dataclass
class Arrival:
    check_in: CheckIn
    created: bool  # False: already checked in that day (a second scan), nothing recorded


def checkin_record(*, registration: Registration, day: date, by) -> Arrival:
    """Record the delegate's arrival on `day`, once: a second scan, or two desks scanning the
    same ticket at the same moment, find the first record (the unique constraint decides).

    The usual case (a first scan) costs one INSERT in its own short transaction, no read before
    it and no row lock: the unique (registration, day) constraint is the only lock needed. A
    second scan's INSERT fails and the first arrival is read back."""
    congress = registration.congress
    if not can_check_in(by, congress):  # cached for the request: no query after the view's
        raise PermissionDenied(_("Vous ne faites pas partie de l'accueil de ce congrès."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Cette inscription n'est pas confirmée."))
    if day not in congress.days:
        raise ValidationError(_("Ce jour n'est pas un jour du congrès."))
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(
                registration=registration, day=day, by=by, checked_in_at=timezone.now()
            )
    except IntegrityError:
        # Already recorded, by this desk or another one a moment ago: theirs is the arrival.
        return Arrival(
            CheckIn.objects.select_related("by").get(registration=registration, day=day), False
        )
    return Arrival(check_in, True)


def checkin_undo(*, check_in: CheckIn, by) -> None:
    """Undo a mistaken check-in (kept in the audit log: who, whom, which day)."""
    with transaction.atomic():
        congress = check_in.registration.congress
        if not can_check_in(by, congress):
            raise PermissionDenied(_("Vous ne faites pas partie de l'accueil de ce congrès."))
        audit_record(
            actor=by,
            action="checkin.undo",
            congress=congress,
            target=check_in.registration,
            details={"day": check_in.day.isoformat()},
        )
        check_in.delete()


def certificate_settings_update(
    *, congress, by, issuer: str, signatory_name: str, signatory_title: str, signature=None
) -> CertificateSettings:
    with transaction.atomic():
        if not can_manage_desk(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs règlent les attestations."))
        current = CertificateSettings.objects.filter(congress=congress).first()
        settings = current or CertificateSettings(congress=congress)
        settings.issuer = issuer
        settings.signatory_name = signatory_name
        settings.signatory_title = signatory_title
        if signature is not None:
            settings.signature = signature
        settings.full_clean()
        settings.save()
        audit_record(actor=by, action="certificates.settings", congress=congress, target=settings)
        return settings
