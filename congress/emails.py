"""Emails of the congress app, rendered from templates/congress/email/ in the user's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_templated(*, to: str, template: str, context: dict, language: str = "fr") -> None:
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_email_confirmation(user, token: str) -> None:
    send_templated(
        to=user.email,
        template="congress/email/confirm_email",
        context={"user": user, "url": site_url(reverse("confirm_email", args=[token]))},
        language=user.preferred_language,
    )


def send_invitation(invitation, token: str) -> None:
    send_templated(
        to=invitation.email,
        template="congress/email/invitation",
        context={
            "invitation": invitation,
            "url": site_url(reverse("invitation_accept", args=[token])),
        },
    )
