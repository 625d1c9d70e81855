"""Emails: plain-text parts are not HTML-escaped and leave from the configured sender."""

import html
from pathlib import Path

import pytest

from congress.accounts import emails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
NAME = 'Louise <"Dupont & fils">'


def test_confirmation_email_text_is_clean_and_comes_from_the_configured_sender(
    settings, mailoutbox
):
    settings.DEFAULT_FROM_EMAIL = "Congrès des Solidarités <congres@example.org>"
    user = UserFactory(full_name=NAME, email="louise@example.org")
    emails.send_email_confirmation(user, "jeton")
    (message,) = mailoutbox
    assert message.from_email == "Congrès des Solidarités <congres@example.org>"
    assert f"Bonjour {NAME}," in message.body
    for entity in ("&lt;", "&gt;", "&quot;", "&amp;", "&#x27;", "&#34;"):
        assert entity not in message.body
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":  # an HTML part, if any, stays escaped
            assert NAME not in content
            assert html.escape(NAME) in content


def test_password_reset_email_text_is_clean(client, mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Congrès des Solidarités <congres@example.org>"
    UserFactory(email="louise@example.org")
    client.post("/account/password-reset/", {"email": "louise@example.org"})
    (message,) = mailoutbox
    assert message.from_email == "Congrès des Solidarités <congres@example.org>"
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    assert "Si vous n'avez rien demandé" in message.body


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("**/email/*.txt")), ids=lambda p: p.name)
def test_every_text_email_template_turns_autoescape_off(template):
    text = template.read_text()
    body = text.removeprefix("{% load i18n %}")
    assert body.startswith("{% autoescape off %}"), template
    assert body.rstrip("\n").endswith("{% endautoescape %}"), template
