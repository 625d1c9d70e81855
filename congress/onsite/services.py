"""Writes on site: the welcome-desk role, check-ins and their undoing, certificate settings,
registering at the desk a person who arrives without a registration (walk-in), and invoicing a
walk-in registered « à facturer »."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.validators import normalise_siret, validate_siret
from congress.editions.models import CongressStatus
from congress.onsite.models import CertificateSettings, CheckIn, DeskPayment, DeskRole
from congress.onsite.permissions import can_check_in, can_manage_desk
from congress.payments.models import Invoice, InvoiceKind
from congress.payments.permissions import can_manage_billing
from congress.payments.services import invoice_issue
from congress.registrations.models import (
    ACTIVE_REGISTRATION_STATUSES,
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    Tariff,
)
from congress.registrations.seats import PlacesUnavailable, lock_congress, places_left
from congress.registrations.services import confirmations_queue
from congress.registrations.sorting import order_sort_name


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


@dataclass
class WalkIn:
    registration: Registration
    check_in: CheckIn


def walk_in_register(
    *,
    congress,
    by,
    tariff: Tariff,
    full_name: str,
    day: date,
    payment: str,
    email: str = "",
    organisation_name: str = "",
    payment_reference: str = "",
) -> WalkIn:
    """Register at the welcome desk a person who arrives without a registration, take their
    payment (or note it is to be invoiced) and check them in for `day`, at once.

    The place is taken under the edition's lock, as every registration is: a full edition or
    tariff is refused. Only on editions that accept payment on site, up to their last day."""
    with transaction.atomic():
        if not can_check_in(by, congress):
            raise PermissionDenied(_("Vous ne faites pas partie de l'accueil de ce congrès."))
        _walk_in_check(congress, tariff=tariff, day=day, payment=payment)
        full_name = " ".join(full_name.split())
        if not full_name:
            raise ValidationError({"full_name": _("Indiquez le nom de la personne.")})
        email = get_user_model().objects.normalize_email(email.strip()).lower()
        congress = lock_congress(congress.pk)
        if (
            email
            and Registration.objects.filter(
                congress=congress, email=email, status__in=ACTIVE_REGISTRATION_STATUSES
            ).exists()
        ):
            raise ValidationError(
                {"email": _("Cette adresse est déjà inscrite : cherchez la personne par son nom.")}
            )
        if places_left(congress, tariff=tariff) == 0:
            raise PlacesUnavailable(
                _("Le congrès est complet : plus aucune place ne peut être attribuée.")
                if places_left(congress) == 0
                else _("Le tarif « %(tariff)s » est complet : choisissez-en un autre.")
                % {"tariff": tariff.name},
                code="full",
            )
        now = timezone.now()
        order = _walk_in_order(congress, by=by, tariff=tariff, payment=payment, now=now)
        order.payment_reference = " – ".join(
            part for part in (str(DeskPayment(payment).label), payment_reference.strip()) if part
        )[:120]
        order.full_clean()
        order.save()
        user = None
        if email:
            user = (
                get_user_model()
                .objects.filter(email__iexact=email, email_confirmed_at__isnull=False)
                .first()
            )
        registration = Registration(
            order=order,
            congress=congress,
            tariff=tariff,
            user=user,
            full_name=full_name,
            email=email,
            declared_organisation=" ".join(organisation_name.split()),
            days=[d.isoformat() for d in congress.days if d >= day],
            price=tariff.price,
            status=RegistrationStatus.CONFIRMED,
            created_at=now,
            sort_name=order_sort_name(order),
        )
        registration.full_clean()
        registration.save()
        check_in = CheckIn.objects.create(
            registration=registration, day=day, by=by, checked_in_at=now
        )
        audit_record(
            actor=by,
            action="order.walk_in",
            congress=congress,
            target=order,
            details={"payment": payment, "total": str(order.total), "day": day.isoformat()},
        )
        if email:
            confirmations_queue([registration.pk])
        return WalkIn(registration, check_in)


def _walk_in_check(congress, *, tariff: Tariff, day: date, payment: str) -> None:
    if congress.status != CongressStatus.PUBLISHED:
        raise ValidationError(_("Les inscriptions à cette édition sont closes."))
    if not congress.accepts_on_site:
        raise ValidationError(
            _("Cette édition n'accepte pas d'inscription ni de paiement sur place.")
        )
    if timezone.localdate() > congress.end_date:
        raise ValidationError(_("Le congrès est terminé : plus d'inscription sur place."))
    if day not in congress.days:
        raise ValidationError(_("Ce jour n'est pas un jour du congrès."))
    if tariff.congress_id != congress.pk:
        raise ValidationError({"tariff": _("Ce tarif n'appartient pas à cette édition.")})
    if payment not in DeskPayment.values:
        raise ValidationError({"payment": _("Choisissez comment la personne règle.")})


def _walk_in_order(congress, *, by, tariff: Tariff, payment: str, now) -> Order:
    """The order of one person registered at the desk: free, paid there, or to invoice."""
    order = Order(
        congress=congress,
        placed_by=by,
        total=tariff.price,
        created_at=now,
        confirmed_at=now,
        walk_in=True,
    )
    if tariff.price == 0:
        order.payment_method, order.state = PaymentMethod.FREE, OrderState.FREE
    elif payment == DeskPayment.TO_INVOICE:
        order.payment_method, order.state = PaymentMethod.INVOICE, OrderState.AWAITING_MANDATE
    else:
        order.payment_method, order.state = PaymentMethod.ON_SITE, OrderState.PAID
        order.paid_at = timezone.localdate(now)
    return order


PAYER_FIELDS = ("name", "address", "postal_code", "commune", "siret")


def walk_in_invoice_issue(
    *, order: Order, by, payer: dict, code_service: str = "", engagement_number: str = ""
) -> Invoice:
    """Issue the invoice of a walk-in registered « à facturer », to the payer the organisers
    typed (name and address required; the SIRET, code service and engagement number that a
    public body's invoice needs on Chorus Pro). Numbered like every invoice: the order's
    row, then the edition's, then the counter's (the lock order of every order's service:
    cancel, expiry, Stripe's webhook); once per order."""
    with transaction.atomic():
        if not can_manage_billing(by, order.congress):
            raise PermissionDenied(_("Seuls les organisateurs émettent les factures."))
        payer = {key: " ".join(str(payer.get(key, "")).split()) for key in PAYER_FIELDS}
        errors = {
            key: _("Ce champ est obligatoire.")
            for key in ("name", "address", "postal_code", "commune")
            if not payer[key]
        }
        if payer["siret"]:
            payer["siret"] = normalise_siret(payer["siret"])
            try:
                validate_siret(payer["siret"])
            except ValidationError as error:
                errors["siret"] = error.messages[0]
        if errors:
            raise ValidationError(errors)
        order = Order.objects.select_for_update().get(pk=order.pk)
        congress = lock_congress(order.congress_id)
        if not order.walk_in or order.payment_method != PaymentMethod.INVOICE:
            raise ValidationError(
                _("Cette commande n'est pas une inscription sur place à facturer.")
            )
        if order.state != OrderState.AWAITING_MANDATE:
            raise ValidationError(_("Cette commande n'attend plus de facture."))
        if order.invoices.filter(kind=InvoiceKind.INVOICE).exists():
            raise ValidationError(_("Cette commande a déjà une facture."))
        order.code_service = code_service.strip()[:100]
        order.engagement_number = engagement_number.strip()[:100]
        order.save(update_fields=["code_service", "engagement_number"])
        order.congress = congress
        invoice = invoice_issue(order=order, buyer=payer)
        audit_record(
            actor=by,
            action="order.walk_in_invoiced",
            congress=congress,
            target=order,
            details={"reference": invoice.reference, "total": str(invoice.total)},
        )
        return invoice
