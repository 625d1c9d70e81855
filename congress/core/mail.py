"""Sending templated e-mails in the recipient's language, after commit, never failing a request."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_after_commit(send, *args, **kwargs) -> None:
    """Send an email once the transaction has committed, without ever failing the request.

    The action is already saved when the email goes out: an unreachable mail server is logged
    (with the traceback) instead of turning a completed registration into a server error.
    Organisers can resend confirmations from the registrations board.
    """

    def deliver():
        try:
            send(*args, **kwargs)
        except Exception:
            logger.exception("Email %s could not be sent", getattr(send, "__name__", send))

    transaction.on_commit(deliver)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_templated(*, to: str, template: str, context: dict, language: str = "fr") -> None:
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_text(*, to: str, subject: str, body: str, headers: dict | None = None) -> None:
    """Send one plain-text e-mail written elsewhere (organisers' messages). The subject is put on
    one line first: a value carrying a newline can never add a header."""
    subject = " ".join(subject.split())
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers).send()
