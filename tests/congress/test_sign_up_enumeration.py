"""Sign-up tells nobody whether an address has an account (review issue 10, finding 5)."""

import re

import pytest
from django.urls import reverse

from congress.accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

EXISTING = "louise@example.org"
NEW = "karim@example.org"


def sign_up(client, email, next_url=""):
    url = reverse("sign_up") + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        {"full_name": "Quelqu'un", "email": email, "preferred_language": "fr",
         "password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
    )  # fmt: skip


def normalised(response, email: str) -> str:
    text = response.content.decode().replace(email, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_sign_up_answers_the_same_for_a_new_and_an_existing_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email=EXISTING, full_name="Louise Martin")
    with django_capture_on_commit_callbacks(execute=True):
        existing = sign_up(client, EXISTING)
    existing_session = dict(client.session)
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(client, NEW)

    assert existing.status_code == new.status_code == 200
    assert normalised(existing, EXISTING) == normalised(new, NEW)
    assert "_auth_user_id" not in existing_session and "_auth_user_id" not in client.session
    assert User.objects.filter(email=EXISTING).get() == owner  # untouched

    # The owner of the existing account is told; the new address gets its confirmation link.
    by_address = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_address) == [NEW, EXISTING]
    warning = by_address[EXISTING].body
    assert "créer un compte avec votre adresse" in warning
    assert reverse("login") in warning and reverse("password_reset") in warning
    assert "/account/confirm/" in by_address[NEW].body


def test_a_deactivated_accounts_address_gets_the_same_answer_and_no_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """An address whose account the organisers deactivated: the same page as a new address
    (no « already used » error telling the visitor an account exists), no account made, the
    closed account untouched and not mailed."""
    closed = UserFactory(email=EXISTING, full_name="Louise Martin", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        answer = sign_up(client, EXISTING)
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(client, NEW)
    assert answer.status_code == new.status_code == 200
    assert normalised(answer, EXISTING) == normalised(new, NEW)
    assert list(User.objects.filter(email__iexact=EXISTING)) == [closed]
    closed.refresh_from_db()
    assert (closed.is_active, closed.full_name) == (False, "Louise Martin")
    assert [m.to for m in mailoutbox] == [[NEW]]


def test_confirmation_link_sends_to_the_login_page_with_the_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, NEW, next_url="/organisations/new/")
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    response = client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 302
    assert response.url == (
        reverse("login") + "?email=karim%40example.org&next=%2Forganisations%2Fnew%2F"
    )
    assert "_auth_user_id" not in client.session
    assert User.objects.get(email=NEW).email_confirmed
    login = client.get(response.url)
    assert login.context["form"]["username"].value() == NEW

    response = client.post(response.url, {"username": NEW, "password": TEST_PASSWORD})
    assert response.url == "/organisations/new/"


def test_confirmation_link_never_carries_an_off_site_next(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, NEW, next_url="https://evil.example/")
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    response = client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.url == reverse("login") + "?email=karim%40example.org"
