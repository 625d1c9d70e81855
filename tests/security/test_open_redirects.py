"""No view sends anyone off-site (review issue 10, finding 4).

Two nets: the code (every read of a `next`-like parameter or of the Referer goes through
`congress.core.redirects.safe_next`), and the site (every URL of the permission matrix, with
every role that can reach it, asked with off-site `next`/`redirect_to`/`return` values and an
off-site Referer, never answers with an off-site redirect).
"""

import logging
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from congress.payments import card
from tests.factories import TEST_PASSWORD
from tests.security.test_permission_matrix import MATRIX, session_cookies

ROOT = Path(__file__).resolve().parents[2]
EVIL = ["https://evil.example/", "//evil.example", "/\\evil.example", "https:evil.example"]
NEXT_NAMES = ("next", "redirect_to", "return", "return_to", "return_url", "continue")
ROLES = ("anonymous", "participant", "manager_a", "organiser")

# A body that gets past each form to its redirect (the generic walk posts empty forms).
VALID_BODIES = {
    "sign_up": lambda n: {
        "full_name": "Eve", "email": f"eve{n}@example.org", "preferred_language": "fr",
        "password1": TEST_PASSWORD, "password2": TEST_PASSWORD,
    },
    "login": lambda n: {"username": "", "password": TEST_PASSWORD},
}  # fmt: skip

NEXT_READ = re.compile(
    r"""(GET|POST|query_params|data|headers|META)(\.get\(|\[)\s*["'](next|redirect_to|return|"""
    r"""return_to|return_url|continue|Referer|HTTP_REFERER)["']""",
    re.IGNORECASE,
)


def test_every_read_of_a_next_parameter_goes_through_safe_next():
    offenders = []
    for folder in (
        "congress",
        "tracks",
        "proposals",
        "funding",
        "volunteers",
        "messaging",
        "reports",
    ):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or path.name == "redirects.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if NEXT_READ.search(line) and "safe_next(" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "redirect targets read without safe_next():\n" + "\n".join(offenders)


def _off_site(location: str) -> bool:
    if location.startswith(card.checkout_origin()):
        return False  # Stripe Checkout: the site's own payment page
    parsed = urlparse(location.replace("\\", "/"))
    if parsed.scheme and (parsed.scheme not in ("http", "https") or not parsed.netloc):
        return True  # javascript:..., or https:evil.example (browsers read it as a host)
    return bool(parsed.netloc) and parsed.netloc != "testserver"


@pytest.fixture
def cookies(world):
    return session_cookies(world)


# Walked in slices, each with its own world, so that the workers share it.
SLICES = 4


@pytest.mark.parametrize("part", range(SLICES))
def test_no_url_redirects_off_site(world, cookies, caplog, part):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    # The login page also follows `next` once the password is right.
    VALID_BODIES["login"] = lambda n: {
        "username": world.users["participant"].email, "password": TEST_PASSWORD,
    }  # fmt: skip
    offending = []
    counter = 0
    for case in MATRIX[part::SLICES]:
        url = reverse(case.name, kwargs=case.kwargs(world))
        for role in ROLES if not case.api else ("anonymous",):
            if role != "anonymous" and case.name == "login":
                continue
            for evil in EVIL:
                counter += 1
                client = Client(headers={"referer": evil})
                if role != "anonymous":
                    client.cookies[settings.SESSION_COOKIE_NAME] = cookies[role]
                query = "&".join(f"{name}={evil}" for name in NEXT_NAMES)
                data = dict.fromkeys(NEXT_NAMES, evil)
                if case.name in VALID_BODIES and role == "anonymous":
                    data.update(VALID_BODIES[case.name](counter))
                methods = {case.method if case.method != "delete" else "post"}
                if case.name in VALID_BODIES:
                    methods.add("post")
                for method in sorted(methods):
                    with transaction.atomic():
                        try:
                            if method == "get":
                                response = client.get(f"{url}?{query}")
                            else:
                                response = getattr(client, method)(f"{url}?{query}", data)
                        finally:
                            transaction.set_rollback(True)
                    location = response.get("Location", "")
                    if response.status_code in (301, 302, 303, 307, 308) and _off_site(location):
                        offending.append(f"{method.upper()} {url} as {role} ({evil}) → {location}")
    assert offending == [], "off-site redirects:\n" + "\n".join(offending)
