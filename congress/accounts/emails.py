"""E-mails of the accounts sub-domain (templates under templates/congress/accounts/email/)."""

from django.urls import reverse

from congress.core.mail import send_templated, site_url


def send_sign_up_attempt(user) -> None:
    """Someone signed up with the address of this existing account: tell its owner only."""
    send_templated(
        to=user.email,
        template="congress/accounts/email/sign_up_attempt",
        context={
            "user": user,
            "login_url": site_url(reverse("login")),
            "reset_url": site_url(reverse("password_reset")),
        },
        language=user.preferred_language,
    )


def send_email_confirmation(user, token: str) -> None:
    send_templated(
        to=user.email,
        template="congress/accounts/email/confirm_email",
        context={"user": user, "url": site_url(reverse("confirm_email", args=[token]))},
        language=user.preferred_language,
    )
