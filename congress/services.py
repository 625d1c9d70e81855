"""Writes of the congress app: accounts, organisations, memberships and invitations."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from congress import emails
from congress.models import (
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    User,
)
from congress.permissions import can_manage_organisation, clear_permission_cache

EMAIL_CONFIRMATION_SALT = "congress.email-confirmation"
INVITATION_SALT = "congress.invitation"


# --- accounts -------------------------------------------------------------------------------


@transaction.atomic
def user_sign_up(
    *, email: str, full_name: str, password: str, phone: str = "", preferred_language: str = "fr"
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Un compte existe déjà avec cette adresse e-mail.")})
    user = User(
        email=email, full_name=full_name, phone=phone, preferred_language=preferred_language
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    emails.send_after_commit(emails.send_email_confirmation, user, email_confirmation_token(user))
    return user


def email_confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_CONFIRMATION_SALT)


@transaction.atomic
def user_confirm_email(*, token: str) -> User:
    try:
        payload = signing.loads(
            token, salt=EMAIL_CONFIRMATION_SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired:
        raise ValidationError(
            _("Ce lien de confirmation a expiré. Demandez-en un nouveau.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("Ce lien de confirmation n'est pas valide.")) from None
    user = User.objects.select_for_update().filter(pk=payload.get("u")).first()
    if user is None or user.email != payload.get("e"):
        raise ValidationError(_("Ce lien de confirmation n'est pas valide."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


def user_resend_confirmation(*, user: User) -> None:
    if not user.email_confirmed:
        emails.send_email_confirmation(user, email_confirmation_token(user))


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    user.full_name = full_name
    user.phone = phone
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user


# --- organisations --------------------------------------------------------------------------


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    existing = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while existing.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


ORGANISATION_FIELDS = (
    "kind", "name", "siret", "rna", "address", "postal_code", "commune", "insee_code",
    "departement", "website", "contact_email", "phone", "description", "public_listing",
)  # fmt: skip


def _save_organisation(organisation: Organisation) -> Organisation:
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Two requests raced past full_clean(): the unique constraint is the last word.
        raise ValidationError(
            {"siret": _("Une organisation avec ce SIRET ou ce RNA existe déjà.")}
        ) from None
    return organisation


@transaction.atomic
def organisation_create(*, by: User, **fields) -> Organisation:
    if not by.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour créer une organisation."))
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    organisation = Organisation(**fields)
    organisation.slug = _unique_slug(organisation.name)
    _save_organisation(organisation)
    Membership.objects.create(user=by, organisation=organisation, role=MembershipRole.MANAGER)
    clear_permission_cache(by)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields) -> Organisation:
    if not can_manage_organisation(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent modifier l'organisation."))
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    return _save_organisation(organisation)


# --- members and invitations ----------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str = MembershipRole.MEMBER, by: User
) -> Invitation:
    if not can_manage_organisation(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent inviter des membres."))
    email = User.objects.normalize_email(email).lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("Cette personne est déjà membre de l'organisation.")})
    pending = organisation.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    for stale in pending:
        stale.revoked_at = timezone.now()
        stale.save(update_fields=["revoked_at"])
    invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=by)
    invitation.full_clean()
    invitation.save()
    token = invitation_token(invitation)
    emails.send_after_commit(emails.send_invitation, invitation, token)
    return invitation


def invitation_from_token(token: str) -> Invitation:
    try:
        payload = signing.loads(
            token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE_DAYS * 24 * 3600
        )
    except signing.SignatureExpired:
        raise ValidationError(_("Cette invitation a expiré. Demandez-en une nouvelle.")) from None
    except signing.BadSignature:
        raise ValidationError(_("Ce lien d'invitation n'est pas valide.")) from None
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=payload.get("i")).first()
    )
    if invitation is None or not invitation.is_pending:
        raise ValidationError(_("Cette invitation a déjà été utilisée ou annulée."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, by: User) -> Membership:
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("Cette invitation a déjà été utilisée ou annulée."))
    if invitation.email.lower() != by.email.lower():
        raise PermissionDenied(
            _("Cette invitation a été envoyée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        user=by, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if by.email_confirmed_at is None:
        # The invitation link reached this mailbox: the address is confirmed.
        by.email_confirmed_at = timezone.now()
        by.save(update_fields=["email_confirmed_at"])
    clear_permission_cache(by)
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    if not can_manage_organisation(by, invitation.organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent annuler une invitation."))
    if invitation.is_pending:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    organisation = membership.organisation
    leaving = membership.user_id == by.pk  # anyone may leave; managers remove others
    if not (leaving or can_manage_organisation(by, organisation)):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent retirer un membre."))
    # Lock the organisation's memberships so two managers cannot remove each other at once.
    managers = list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=MembershipRole.MANAGER)
        .values_list("pk", flat=True)
    )
    if membership.role == MembershipRole.MANAGER and managers == [membership.pk]:
        raise ValidationError(
            _("L'organisation doit garder au moins un gestionnaire : nommez-en un autre d'abord.")
        )
    membership.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    organisation = membership.organisation
    if not can_manage_organisation(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent changer les rôles."))
    managers = list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=MembershipRole.MANAGER)
        .values_list("pk", flat=True)
    )
    if role != MembershipRole.MANAGER and managers == [membership.pk]:
        raise ValidationError(_("L'organisation doit garder au moins un gestionnaire."))
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


# Re-exported for the password reset views.
password_reset_token_generator = default_token_generator


# --- organisers -----------------------------------------------------------------------------

ORGANISER_GROUP = "Organisateurs"
ORGANISER_APPS = ("congress", "tracks", "proposals", "reports")
# Accounts are seen, never edited, by organisers: changing a user would let a staff member make
# themselves superuser or take over an account (superusers manage accounts and API tokens).
ORGANISER_EXCLUDED_PERMISSIONS = ("add_user", "change_user", "delete_user")


@transaction.atomic
def organiser_grant_admin(*, user: User, congress=None) -> User:
    """Give an organiser the admin site with every permission of the congress apps.

    The group is (re)synchronised each time, so permissions of models added later are included.
    """
    from django.contrib.auth.models import Group, Permission

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


# --- personal data (GDPR) -------------------------------------------------------------------


def _privacy_modules():
    from congress.core.discovery import domain_modules

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


@transaction.atomic
def user_delete_account(*, user: User, password: str) -> None:
    """Erase a person (right to erasure).

    Each app erases or anonymises what it holds; records the law requires us to keep (issued
    invoices, aggregate figures) stay, pointing to an anonymous account.
    """
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
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.organised_congresses.clear()


# --- audit log ------------------------------------------------------------------------------


def audit_record(*, actor, action: str, congress=None, target=None, details: dict | None = None):
    """Append an entry to the organisers' audit log (call it inside the action's transaction)."""
    from congress.models import AuditEntry

    return AuditEntry.objects.create(
        congress=congress,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        details=details or {},
    )


# === BEGIN registration, payment and invoicing (registration branch) ==========================
# Every action that takes or releases a place locks the edition's row first
# (`lock_congress`), so the capacity check and the write happen under one lock.

import logging  # noqa: E402
from datetime import timedelta  # noqa: E402
from decimal import Decimal  # noqa: E402

from congress import payments  # noqa: E402
from congress.models import (  # noqa: E402
    ACTIVE_REGISTRATION_STATUSES,
    Congress,
    Invoice,
    InvoiceCounter,
    InvoiceKind,
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    StripeEvent,
    Tariff,
    TariffAudience,
    WaitlistEntry,
    WaitlistState,
)
from congress.permissions import (  # noqa: E402
    can_cancel_order,
    can_register_for,
    is_organiser,
)

logger = logging.getLogger(__name__)

DELEGATE_FIELDS = (
    "full_name", "email", "function", "days", "needs_lsf", "needs_hearing_loop",
    "needs_step_free", "needs_easy_read", "dietary_needs", "other_needs", "photo_consent",
)  # fmt: skip


class PlacesUnavailable(ValidationError):
    """The edition or the tariff is full: the caller may offer the waitlist."""


def lock_congress(congress_pk: int) -> Congress:
    """Take the edition's row lock: every seat taken or released goes through it."""
    return Congress.objects.select_for_update().get(pk=congress_pk)


def _after_capacity_check() -> None:
    """Hook between the capacity check and the write (tests widen the race window here)."""


def seats_held(congress: Congress, *, tariff: Tariff | None = None, exclude_offer=None) -> int:
    """Places held: active registrations plus live waitlist offers."""
    registrations = Registration.objects.filter(
        congress=congress, status__in=ACTIVE_REGISTRATION_STATUSES
    )
    offers = WaitlistEntry.objects.filter(
        congress=congress, state=WaitlistState.OFFERED, offered_until__gt=timezone.now()
    )
    if tariff is not None:
        registrations = registrations.filter(tariff=tariff)
        offers = offers.filter(tariff=tariff)
    if exclude_offer is not None:
        offers = offers.exclude(pk=exclude_offer.pk)
    return registrations.count() + offers.count()


def places_left(congress: Congress, *, tariff: Tariff | None = None, exclude_offer=None):
    """Free places (None = unlimited), for the edition and, if given, the tariff's quota."""
    lefts = []
    if congress.capacity is not None:
        lefts.append(congress.capacity - seats_held(congress, exclude_offer=exclude_offer))
    if tariff is not None and tariff.quota is not None:
        lefts.append(
            tariff.quota - seats_held(congress, tariff=tariff, exclude_offer=exclude_offer)
        )
    return max(0, min(lefts)) if lefts else None


def tariff_is_allowed(tariff: Tariff, *, organisation, invitation_code: str = "") -> bool:
    if tariff.audience == TariffAudience.INVITED:
        return bool(invitation_code) and invitation_code.strip() == tariff.invitation_code
    if tariff.audience == TariffAudience.INDIVIDUAL:
        return organisation is None
    if tariff.audience == TariffAudience.PUBLIC_BODY:
        return organisation is not None and organisation.is_public_body
    return organisation is not None and not organisation.is_public_body


def _live_offer(congress: Congress, user) -> WaitlistEntry | None:
    return (
        WaitlistEntry.objects.select_for_update()
        .filter(
            congress=congress,
            user=user,
            state=WaitlistState.OFFERED,
            offered_until__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def order_create(
    *,
    congress: Congress,
    by: User,
    tariff: Tariff,
    delegates: list[dict],
    organisation: Organisation | None = None,
    invitation_code: str = "",
    code_service: str = "",
    engagement_number: str = "",
) -> Order:
    """Register delegates in one order, taking their places under the edition's lock."""
    if not can_register_for(by, organisation):
        raise PermissionDenied(
            _("Seuls les gestionnaires de l'organisation peuvent inscrire ses délégué·es.")
        )
    if tariff.congress_id != congress.pk:
        raise ValidationError({"tariff": _("Ce tarif n'appartient pas à cette édition.")})
    if congress.status != "published":
        raise ValidationError(_("Les inscriptions à cette édition sont closes."))
    if not delegates:
        raise ValidationError(_("Inscrivez au moins une personne."))
    if organisation is None:
        if len(delegates) != 1:
            raise ValidationError(_("Une inscription individuelle ne concerne qu'une personne."))
        delegates = [{**delegates[0], "full_name": by.full_name, "email": by.email}]
    if not tariff_is_allowed(tariff, organisation=organisation, invitation_code=invitation_code):
        raise ValidationError({"tariff": _("Ce tarif ne vous est pas ouvert.")})
    if not tariff.on_sale():
        raise ValidationError({"tariff": _("Ce tarif n'est pas en vente actuellement.")})
    emails_seen = set()
    all_days = [day.isoformat() for day in congress.days]
    delegates = [dict(delegate) for delegate in delegates]
    for delegate in delegates:
        unknown = set(delegate) - set(DELEGATE_FIELDS)
        if unknown:
            raise TypeError(f"Unknown delegate fields: {sorted(unknown)}")
        delegate["days"] = sorted(delegate.get("days") or all_days)
        if not set(delegate["days"]) <= set(all_days):
            raise ValidationError({"days": _("Ces jours ne font pas partie du congrès.")})
        if not delegate.get("email"):
            raise ValidationError({"email": _("Indiquez l'adresse e-mail de chaque personne.")})
        email = User.objects.normalize_email(delegate["email"]).lower()
        if email in emails_seen:
            raise ValidationError(_("La même adresse e-mail figure deux fois dans la commande."))
        emails_seen.add(email)
        delegate["email"] = email
    total = tariff.price * len(delegates)
    if total == 0:
        method = PaymentMethod.FREE
    elif organisation is not None and organisation.is_public_body:
        method = PaymentMethod.INVOICE
        if not organisation.siret:
            raise ValidationError(_("Le SIRET de l'organisme est nécessaire pour la facture."))
    else:
        method = PaymentMethod.CARD
        if not payments.card_payment_available():
            raise ValidationError(payments.card_unavailable_reason())

    congress = lock_congress(congress.pk)
    offer = _live_offer(congress, by)
    already = set(
        Registration.objects.filter(
            congress=congress, email__in=emails_seen, status__in=ACTIVE_REGISTRATION_STATUSES
        ).values_list("email", flat=True)
    )
    if already:
        raise ValidationError(
            _("Déjà inscrit·e à cette édition : %(emails)s.")
            % {"emails": ", ".join(sorted(already))}
        )
    left = places_left(congress, tariff=tariff, exclude_offer=offer)
    if left is not None and left < len(delegates):
        raise PlacesUnavailable(
            _("Il ne reste que %(n)s place(s) : vous pouvez vous inscrire sur la liste d'attente.")
            % {"n": left},
            code="full",
        )
    _after_capacity_check()

    now = timezone.now()
    order = Order(
        congress=congress,
        organisation=organisation,
        placed_by=by,
        payment_method=method,
        state=OrderState.PENDING_PAYMENT,
        total=total,
        created_at=now,
        code_service=code_service.strip(),
        engagement_number=engagement_number.strip(),
    )
    if method == PaymentMethod.CARD:
        order.expires_at = now + timedelta(minutes=settings.ORDER_PAYMENT_DELAY_MINUTES)
    order.full_clean()
    order.save()
    users = {u.email: u for u in User.objects.filter(email__in=emails_seen)}
    registrations = []
    for delegate in delegates:
        registration = Registration(
            order=order,
            congress=congress,
            tariff=tariff,
            user=by if organisation is None else users.get(delegate["email"]),
            price=tariff.price,
            **delegate,
        )
        registration.full_clean(exclude=["order"])
        registrations.append(registration)
    Registration.objects.bulk_create(registrations)
    for registration in registrations:
        consent_record(
            kind="photo",
            given=registration.photo_consent,
            email=registration.email,
            user=registration.user,
            congress=congress,
            source=f"order:{order.pk}",
            recorded_by=by,
        )
    if offer is not None:
        offer.state = WaitlistState.ACCEPTED
        offer.save(update_fields=["state"])
    if method == PaymentMethod.FREE:
        _order_confirm(order, OrderState.FREE)
    elif method == PaymentMethod.INVOICE:
        _order_confirm(order, OrderState.AWAITING_MANDATE)
        invoice_issue(order=order)
    return order


def _order_confirm(order: Order, state: str) -> None:
    order.state = state
    order.confirmed_at = timezone.now()
    order.expires_at = None
    order.save(update_fields=["state", "confirmed_at", "expires_at", "stripe_payment_intent_id"])
    order.registrations.update(status=RegistrationStatus.CONFIRMED)
    pks = list(order.registrations.values_list("pk", flat=True))
    emails.send_after_commit(_send_confirmations, pks)


def _send_confirmations(pks) -> None:
    for registration in Registration.objects.filter(pk__in=pks).select_related("congress"):
        emails.send_registration_confirmation(registration)


def registration_resend_confirmation(*, registration: Registration, by: User) -> None:
    if not (is_organiser(by, registration.congress) or can_cancel_order(by, registration.order)):
        raise PermissionDenied(_("Vous ne pouvez pas renvoyer cette confirmation."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Seule une inscription confirmée a une confirmation."))
    emails.send_registration_confirmation(registration)


# --- card payment ---------------------------------------------------------------------------


def order_start_checkout(*, order: Order, by: User, success_url: str, cancel_url: str) -> str:
    """Open (or reopen) the Stripe Checkout page of an unpaid card order; returns its URL."""
    import stripe

    if not can_cancel_order(by, order):
        raise PermissionDenied(_("Cette commande n'est pas la vôtre."))
    if order.state != OrderState.PENDING_PAYMENT or order.payment_method != PaymentMethod.CARD:
        raise ValidationError(_("Cette commande n'attend pas de paiement par carte."))
    if not payments.card_payment_available():
        raise ValidationError(payments.card_unavailable_reason())
    try:
        previous = order.stripe_checkout_session_id
        if previous:
            session = payments.retrieve_checkout_session(previous)
            if session.status == "open":
                return session.url
            if session.status == "complete":
                # Paid, the webhook is late: confirm now rather than open a second payment.
                order_confirm_card_payment(session_id=previous)
                return success_url
        session = payments.create_checkout_session(
            order=order, success_url=success_url, cancel_url=cancel_url, attempt=previous or "1"
        )
    except stripe.StripeError:
        logger.exception("Stripe checkout failed for order %s", order.pk)
        raise ValidationError(
            _("Le paiement par carte est momentanément indisponible. Réessayez dans un instant.")
        ) from None
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.state != OrderState.PENDING_PAYMENT:
            raise ValidationError(_("Cette commande n'attend plus de paiement."))
        locked.stripe_checkout_session_id = session.id
        locked.save(update_fields=["stripe_checkout_session_id"])
    return session.url


@transaction.atomic
def stripe_event_process(*, event) -> str:
    """Handle one verified webhook event, at most once. Returns what was done (for logs)."""
    created = StripeEvent.objects.get_or_create(
        event_id=event["id"], defaults={"type": event["type"]}
    )[1]
    if not created:
        return "duplicate"
    obj = event["data"]["object"]
    if event["type"] in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        return order_confirm_card_payment(session_id=obj["id"])
    if event["type"] == "checkout.session.expired":
        return order_checkout_expired(session_id=obj["id"])
    return "ignored"


@transaction.atomic
def order_confirm_card_payment(*, session_id: str) -> str:
    """Confirm a card order from Stripe's own record of the session (never from the event)."""
    if not Order.objects.filter(stripe_checkout_session_id=session_id).exists():
        return "unknown session"
    session = payments.retrieve_checkout_session(session_id)
    order = Order.objects.select_for_update().get(stripe_checkout_session_id=session_id)
    if session.status != "complete" or session.payment_status != "paid":
        return "not paid"
    if order.state in (OrderState.PAID, OrderState.CANCELLED) and order.stripe_payment_intent_id:
        return "already processed"
    if session.amount_total != int(order.total * 100) or session.currency != "eur":
        logger.error("Amount mismatch for order %s (session %s)", order.pk, session_id)
        return "amount mismatch"
    order.stripe_payment_intent_id = session.payment_intent
    if order.state in (OrderState.EXPIRED, OrderState.CANCELLED):
        # Paid after its places were released: take them again if still free, else refund.
        congress = lock_congress(order.congress_id)
        registrations = list(order.registrations.all())
        tariff = registrations[0].tariff
        left = places_left(congress, tariff=tariff)
        if left is not None and left < len(registrations):
            order.save(update_fields=["stripe_payment_intent_id"])
            refund = payments.refund_payment(order=order)
            order.stripe_refund_id = refund.id
            order.refunded_at = timezone.now()
            order.save(update_fields=["stripe_refund_id", "refunded_at"])
            return "late payment refunded"
        order.cancelled_at = None
        order.save(update_fields=["cancelled_at"])
    _order_confirm(order, OrderState.PAID)
    return "paid"


@transaction.atomic
def order_checkout_expired(*, session_id: str) -> str:
    if not Order.objects.filter(stripe_checkout_session_id=session_id).exists():
        return "unknown session"
    session = payments.retrieve_checkout_session(session_id)
    if session.status != "expired":
        return "session not expired"
    order = Order.objects.select_for_update().get(stripe_checkout_session_id=session_id)
    if order.state != OrderState.PENDING_PAYMENT:
        return "nothing to do"
    order_expire(order=order)
    return "expired"


# --- releasing places -----------------------------------------------------------------------


def _release(order: Order, *, state: str, registration_status: str) -> None:
    lock_congress(order.congress_id)
    order.state = state
    if state == OrderState.CANCELLED:
        order.cancelled_at = timezone.now()
    order.save(update_fields=["state", "cancelled_at"])
    order.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES).update(
        status=registration_status
    )
    waitlist_advance(congress=order.congress)


@transaction.atomic
def order_expire(*, order: Order) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.state != OrderState.PENDING_PAYMENT:
        return order
    _release(order, state=OrderState.EXPIRED, registration_status=RegistrationStatus.EXPIRED)
    return order


@transaction.atomic
def order_cancel(*, order: Order, by: User) -> Order:
    """Cancel an order: refund a card payment, credit an invoice, free the places."""
    import stripe

    if not can_cancel_order(by, order):
        raise PermissionDenied(_("Vous ne pouvez pas annuler cette commande."))
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.state in (OrderState.CANCELLED, OrderState.EXPIRED):
        raise ValidationError(_("Cette commande est déjà annulée."))
    if order.state == OrderState.PAID and order.stripe_payment_intent_id:
        try:
            refund = payments.refund_payment(order=order)
        except stripe.StripeError:
            logger.exception("Refund failed for order %s", order.pk)
            raise ValidationError(
                _("Le remboursement n'a pas pu être fait : rien n'est annulé, réessayez.")
            ) from None
        order.stripe_refund_id = refund.id
        order.refunded_at = timezone.now()
        order.save(update_fields=["stripe_refund_id", "refunded_at"])
    invoice = order.invoices.filter(kind=InvoiceKind.INVOICE).first()
    credit_note = credit_note_issue(invoice=invoice) if invoice is not None else None
    _release(order, state=OrderState.CANCELLED, registration_status=RegistrationStatus.CANCELLED)
    audit_record(
        actor=by,
        action="order.cancelled",
        congress=order.congress,
        target=order,
        details={
            "refund": order.stripe_refund_id or "",
            "credit_note": credit_note.reference if credit_note else "",
        },
    )
    return order


def orders_expire_due(*, now=None) -> int:
    """Expire unpaid card orders past their delay; returns how many."""
    now = now or timezone.now()
    due = Order.objects.filter(state=OrderState.PENDING_PAYMENT, expires_at__lte=now)
    count = 0
    for order in due.only("pk"):
        if order_expire(order=order).state == OrderState.EXPIRED:
            count += 1
    return count


@transaction.atomic
def order_record_payment(*, order: Order, by: User, paid_on, reference: str) -> Order:
    """Organisers record a payment received outside Stripe (administrative mandate, transfer)."""
    if not is_organiser(by, order.congress):
        raise PermissionDenied(_("Seuls les organisateurs enregistrent les paiements."))
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.state not in (OrderState.AWAITING_MANDATE, OrderState.PENDING_PAYMENT):
        raise ValidationError(_("Cette commande n'attend pas de paiement."))
    if order.state == OrderState.PENDING_PAYMENT:
        _order_confirm(order, OrderState.PAID)
    order.state = OrderState.PAID
    order.paid_at = paid_on
    order.payment_reference = reference
    order.full_clean()
    order.save(update_fields=["state", "paid_at", "payment_reference"])
    audit_record(
        actor=by,
        action="payment.recorded",
        congress=order.congress,
        target=order,
        details={"paid_on": str(paid_on), "reference": reference, "total": str(order.total)},
    )
    return order


# --- invoices -------------------------------------------------------------------------------


def _next_number(congress: Congress, kind: str) -> int:
    counter, _created = InvoiceCounter.objects.get_or_create(congress=congress, kind=kind)
    counter = InvoiceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _seller(congress: Congress) -> dict:
    return {
        "name": congress.billing_name or congress.organiser_name or congress.name,
        "address": congress.billing_address,
        "siret": congress.billing_siret,
        "iban": congress.billing_iban or settings.BILLING_IBAN,
        "bic": congress.billing_bic or settings.BILLING_BIC,
        "email": congress.contact_email,
    }


@transaction.atomic
def invoice_issue(*, order: Order) -> Invoice:
    """Issue the numbered invoice of an order (numbers follow each other without gaps)."""
    if order.invoices.filter(kind=InvoiceKind.INVOICE).exists():
        raise ValidationError(_("Cette commande a déjà une facture."))
    congress = order.congress
    organisation = order.organisation
    number = _next_number(congress, InvoiceKind.INVOICE)
    lines = {}
    for registration in order.registrations.select_related("tariff").order_by("pk"):
        line = lines.setdefault(
            registration.tariff_id,
            {
                "label": f"{congress.name} – {registration.tariff.name}",
                "quantity": 0,
                "unit_price": _money(registration.price),
                "people": [],
            },
        )
        line["quantity"] += 1
        line["people"].append(registration.full_name)
    for line in lines.values():
        line["amount"] = _money(Decimal(line["unit_price"]) * line["quantity"])
    today = timezone.localdate()
    invoice = Invoice(
        congress=congress,
        order=order,
        kind=InvoiceKind.INVOICE,
        number=number,
        reference=f"F-{congress.start_date.year}-{number:04d}",
        issued_on=today,
        due_on=today + timedelta(days=congress.payment_terms_days),
        seller=_seller(congress),
        buyer={
            "name": organisation.name if organisation else order.placed_by.full_name,
            "address": organisation.address if organisation else "",
            "postal_code": organisation.postal_code if organisation else "",
            "commune": organisation.commune if organisation else "",
            "siret": organisation.siret if organisation else "",
            "code_service": order.code_service,
            "engagement_number": order.engagement_number,
            "email": organisation.contact_email if organisation else order.placed_by.email,
        },
        lines=list(lines.values()),
        total=order.total,
        vat_mention=congress.billing_vat_mention,
    )
    invoice.full_clean()
    invoice.save()
    return invoice


@transaction.atomic
def credit_note_issue(*, invoice: Invoice) -> Invoice:
    """Cancel an invoice the only lawful way: a credit note (avoir) with its own numbers."""
    if invoice.kind != InvoiceKind.INVOICE:
        raise ValidationError(_("Seule une facture peut être annulée par un avoir."))
    if Invoice.objects.filter(credited_invoice=invoice).exists():
        raise ValidationError(_("Cette facture a déjà un avoir."))
    number = _next_number(invoice.congress, InvoiceKind.CREDIT_NOTE)
    today = timezone.localdate()
    credit = Invoice(
        congress=invoice.congress,
        order=invoice.order,
        kind=InvoiceKind.CREDIT_NOTE,
        number=number,
        reference=f"AV-{invoice.congress.start_date.year}-{number:04d}",
        issued_on=today,
        due_on=today,
        credited_invoice=invoice,
        seller=invoice.seller,
        buyer=invoice.buyer,
        lines=[{**line, "amount": _money(-Decimal(line["amount"]))} for line in invoice.lines],
        total=-invoice.total,
        vat_mention=invoice.vat_mention,
    )
    credit.full_clean()
    credit.save()
    return credit


# --- waitlist -------------------------------------------------------------------------------


@transaction.atomic
def waitlist_join(
    *, congress: Congress, by: User, tariff: Tariff | None = None, organisation=None
) -> WaitlistEntry:
    if not by.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour rejoindre la liste d'attente."))
    congress = lock_congress(congress.pk)
    if WaitlistEntry.objects.filter(
        congress=congress, user=by, state__in=[WaitlistState.WAITING, WaitlistState.OFFERED]
    ).exists():
        raise ValidationError(_("Vous êtes déjà sur la liste d'attente."))
    if places_left(congress, tariff=tariff) != 0:
        raise ValidationError(_("Des places sont disponibles : inscrivez-vous directement."))
    entry = WaitlistEntry(congress=congress, user=by, tariff=tariff, organisation=organisation)
    entry.full_clean()
    entry.save()
    return entry


def waitlist_advance(*, congress: Congress) -> list[WaitlistEntry]:
    """Offer freed places to the next people waiting (caller holds the edition's lock)."""
    now = timezone.now()
    lapsed = WaitlistEntry.objects.filter(
        congress=congress, state=WaitlistState.OFFERED, offered_until__lte=now
    )
    lapsed.update(state=WaitlistState.LAPSED)
    offered = []
    for entry in (
        WaitlistEntry.objects.filter(congress=congress, state=WaitlistState.WAITING)
        .select_related("tariff", "user")
        .order_by("created_at", "pk")
    ):
        if places_left(congress, tariff=entry.tariff) == 0:
            if places_left(congress) == 0:
                break
            continue
        entry.state = WaitlistState.OFFERED
        entry.offered_at = now
        entry.offered_until = now + timedelta(hours=settings.WAITLIST_OFFER_HOURS)
        entry.save(update_fields=["state", "offered_at", "offered_until"])
        offered.append(entry)
    for entry in offered:
        emails.send_after_commit(emails.send_waitlist_offer, entry)
    return offered


@transaction.atomic
def waitlist_offers_move_on(*, congress: Congress) -> list[WaitlistEntry]:
    """Lapse offers past their time and pass the places on."""
    congress = lock_congress(congress.pk)
    return waitlist_advance(congress=congress)


@transaction.atomic
def waitlist_leave(*, entry: WaitlistEntry, by: User) -> WaitlistEntry:
    if entry.user_id != by.pk and not is_organiser(by, entry.congress):
        raise PermissionDenied(_("Cette inscription en liste d'attente n'est pas la vôtre."))
    lock_congress(entry.congress_id)
    was_offered = entry.state == WaitlistState.OFFERED
    entry.state = WaitlistState.CANCELLED
    entry.save(update_fields=["state"])
    if was_offered:
        waitlist_advance(congress=entry.congress)
    return entry


# === END registration, payment and invoicing ==================================================


# --- consents and retention (GDPR) ----------------------------------------------------------

CONSENT_WORDING = {
    "photo": "J'accepte d'être photographié·e ou filmé·e pendant le congrès.",
    "publication": "J'accepte que cette proposition soit publiée sur le site du congrès.",
    "accessibility_data": (
        "J'accepte que mes besoins d'accessibilité et mon régime alimentaire soient utilisés "
        "pour m'accueillir, puis effacés après le congrès."
    ),
}


def consent_record(
    *, kind: str, given: bool, email: str, source: str, congress=None, user=None, recorded_by=None
):
    from congress.models import Consent

    return Consent.objects.create(
        congress=congress,
        user=user,
        email=email,
        kind=kind,
        given=given,
        wording=CONSENT_WORDING[kind],
        source=source,
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
    )


SENSITIVE_REGISTRATION_FIELDS = {
    "needs_lsf": False,
    "needs_hearing_loop": False,
    "needs_step_free": False,
    "needs_easy_read": False,
    "dietary_needs": "",
    "other_needs": "",
}


def personal_data_purge(*, congress, now=None, dry_run: bool = False) -> dict:
    """Apply the retention rule to one edition (see README, "Personal data").

    1. RETENTION_SENSITIVE_DAYS after the last day: accessibility needs and dietary data go.
    2. RETENTION_PERSONAL_DAYS after the last day: delegates' names, emails and functions are
       anonymised, waitlist entries deleted. Invoices (legal: 10 years) keep their snapshot;
       counts, prices and statuses stay for the figures.
    Returns how many registrations were touched at each stage.
    """
    from datetime import timedelta

    from django.db.models import Q

    from congress.models import Registration, WaitlistEntry

    today = (now or timezone.now()).date()
    done = {"sensitive": 0, "personal": 0, "waitlist": 0}
    registrations = Registration.objects.filter(congress=congress)
    if today >= congress.end_date + timedelta(days=settings.RETENTION_SENSITIVE_DAYS):
        holding = registrations.filter(
            Q(needs_lsf=True) | Q(needs_hearing_loop=True) | Q(needs_step_free=True)
            | Q(needs_easy_read=True) | ~Q(dietary_needs="") | ~Q(other_needs="")
        )  # fmt: skip
        done["sensitive"] = holding.count()
        if not dry_run:
            holding.update(**SENSITIVE_REGISTRATION_FIELDS)
    if today >= congress.end_date + timedelta(days=settings.RETENTION_PERSONAL_DAYS):
        named = registrations.exclude(email__endswith="@invalid.invalid")
        done["personal"] = named.count()
        waitlist = WaitlistEntry.objects.filter(congress=congress)
        done["waitlist"] = waitlist.count()
        if not dry_run:
            for registration in named.only("pk"):
                Registration.objects.filter(pk=registration.pk).update(
                    full_name=_("Participant·e (données effacées)"),
                    email=f"efface-{registration.pk}@invalid.invalid",
                    function="",
                    user=None,
                )
            waitlist.delete()
    if not dry_run and any(done.values()):
        audit_record(actor=None, action="retention.purged", congress=congress, details=done)
    return done
