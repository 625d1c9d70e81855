import pytest
from django.test import RequestFactory
from django.urls import reverse

from congress.core import throttling
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"
PROXY = "10.0.0.2"


def login(client, email, password, address=OWNER, **headers):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


@pytest.fixture
def clock(monkeypatch):
    now = [1_700_000_000.0]
    monkeypatch.setattr(throttling, "_now", lambda: now[0])
    return now


def test_attacker_hammering_an_account_does_not_lock_out_its_owner(client):
    user = UserFactory(email="louise@example.org")
    for _ in range(40):
        login(client, user.email, "mauvais", address=ATTACKER)
    assert login(client, user.email, "mauvais", address=ATTACKER).status_code == 429
    assert login(client, user.email, TEST_PASSWORD, address=OWNER).status_code == 302


def test_failures_from_one_client_back_off_exponentially(client, clock):
    user = UserFactory(email="louise@example.org")
    for _ in range(throttling.LOGIN_FREE_FAILURES):
        assert login(client, user.email, "mauvais").status_code == 200
    assert login(client, user.email, "mauvais").status_code == 200  # 6th: 30 s to wait
    blocked = login(client, user.email, TEST_PASSWORD)
    assert blocked.status_code == 429
    assert "Réessayez dans 1 minute" in blocked.text
    assert "_auth_user_id" not in client.session
    clock[0] += 31
    assert login(client, user.email, "mauvais").status_code == 200  # 7th: 60 s
    clock[0] += 31
    assert login(client, user.email, TEST_PASSWORD).status_code == 429
    clock[0] += 30
    assert login(client, user.email, TEST_PASSWORD).status_code == 302


def test_wait_is_capped(clock):
    for _ in range(60):
        throttling.login_failed("louise@example.org", OWNER)
    assert throttling.login_wait_seconds("louise@example.org", OWNER) == 15 * 60


def test_login_success_resets_the_counter(client):
    user = UserFactory(email="louise@example.org")
    for _ in range(5):
        login(client, user.email, "mauvais")
    assert login(client, user.email, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(5):
        login(client, user.email, "mauvais")
    assert login(client, user.email, TEST_PASSWORD).status_code == 302


def test_one_client_trying_many_accounts_is_stopped(client):
    user = UserFactory(email="louise@example.org")
    for n in range(throttling.LOGIN_PER_CLIENT.attempts):
        login(client, f"personne{n}@example.org", "mauvais", address=ATTACKER)
    assert login(client, user.email, TEST_PASSWORD, address=ATTACKER).status_code == 429
    assert login(client, user.email, TEST_PASSWORD, address=OWNER).status_code == 302


def test_behind_a_proxy_clients_are_told_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory(email="louise@example.org")
    for _ in range(throttling.LOGIN_PER_CLIENT.attempts + 5):
        login(client, user.email, "mauvais", address=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    response = login(client, user.email, TEST_PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    assert response.status_code == 302


def test_spoofed_forwarded_entries_do_not_escape_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory(email="louise@example.org")
    for n in range(10):
        login(
            client, user.email, "mauvais", address=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )  # fmt: skip
    response = login(
        client,
        user.email,
        TEST_PASSWORD,
        address=PROXY,
        HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}",
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "203.0.113.9", "198.51.100.7"),  # no proxy: header ignored
        (1, PROXY, "1.1.1.1, 203.0.113.9", "203.0.113.9"),  # left entry spoofed, ignored
        (2, PROXY, "1.1.1.1, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, PROXY, "203.0.113.9", PROXY),  # fewer entries than proxies: the peer
        (1, PROXY, "", PROXY),
        (0, "2001:db8:1:2:3:4:5:6", "", "2001:db8:1:2::/64"),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert throttling.client_address(request) == expected


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


def test_api_anonymous_throttle_ignores_a_spoofed_forwarded_header(client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    codes = [
        client.get("/api/v1/congresses/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 200, 429]
