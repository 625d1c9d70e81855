"""Writes of the accounts sub-domain: sign-up, e-mail confirmation, profile, consents."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts import emails
from congress.accounts.models import Consent, User
from congress.core import mail

EMAIL_CONFIRMATION_SALT = "congress.email-confirmation"


def user_sign_up(
    *,
    email: str,
    full_name: str,
    password: str,
    phone: str = "",
    preferred_language: str = "fr",
    next_url: str = "",
) -> User | None:
    """Create an account and mail its confirmation link; for an address that already has an
    account, mail its owner instead (an active account's; a deactivated one is not mailed: the
    organisers closed it) and return None. The caller answers both the same way, so sign-up
    tells nobody which addresses have an account; nobody is logged in by it."""
    with transaction.atomic():
        email = User.objects.normalize_email(email).lower()
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            make_password(password)  # the same work as a real sign-up: no timing difference
            if existing.is_active:
                mail.send_after_commit(emails.send_sign_up_attempt, existing)
            return None
        user = User(
            email=email, full_name=full_name, phone=phone, preferred_language=preferred_language
        )
        user.set_password(password)
        user.full_clean()
        user.save()
        token = email_confirmation_token(user, next_url=next_url)
        mail.send_after_commit(emails.send_email_confirmation, user, token)
        return user


def email_confirmation_token(user: User, next_url: str = "") -> str:
    """Signed: the user, their address and where to go after logging in (a path on this
    site, checked again when followed)."""
    payload = {"u": user.pk, "e": user.email}
    if next_url:
        payload["n"] = next_url
    return signing.dumps(payload, salt=EMAIL_CONFIRMATION_SALT)


def confirmation_next_url(token: str) -> str:
    """The `next` carried by a confirmation link ("" if none or the token is not valid)."""
    try:
        return signing.loads(token, salt=EMAIL_CONFIRMATION_SALT).get("n", "")
    except signing.BadSignature:
        return ""


def user_confirm_email(*, token: str) -> User:
    with transaction.atomic():
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


def user_update_profile(*, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    with transaction.atomic():
        user.full_name = full_name
        user.phone = phone
        user.preferred_language = preferred_language
        user.full_clean()
        user.save(update_fields=["full_name", "phone", "preferred_language"])
        return user


# Re-exported for the password reset views.
password_reset_token_generator = default_token_generator


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
