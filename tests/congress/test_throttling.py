import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_blocked_after_repeated_failures_even_with_the_right_password(client):
    user = UserFactory(email="louise@example.org")
    for _ in range(8):
        response = client.post(reverse("login"), {"username": user.email, "password": "mauvais"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.text
    assert "_auth_user_id" not in client.session


def test_login_success_resets_the_counter(client):
    user = UserFactory(email="louise@example.org")
    for _ in range(7):
        client.post(reverse("login"), {"username": user.email, "password": "mauvais"})
    assert (
        client.post(
            reverse("login"), {"username": user.email, "password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    client.post(reverse("logout"))
    for _ in range(7):
        client.post(reverse("login"), {"username": user.email, "password": "mauvais"})
    assert (
        client.post(
            reverse("login"), {"username": user.email, "password": TEST_PASSWORD}
        ).status_code
        == 302
    )


def test_password_reset_sends_at_most_three_emails_an_hour(client, mailoutbox):
    UserFactory(email="louise@example.org")
    codes = [
        client.post(reverse("password_reset"), {"email": "louise@example.org"}).status_code
        for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert len(mailoutbox) == 3


def test_api_anonymous_throttle(client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    codes = [client.get("/api/v1/congresses/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
