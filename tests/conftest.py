import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the live server runs Django in
# another thread. Django refuses ORM calls from a thread with a running loop unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _french_by_default(settings):
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture
def password():
    return "un-mot-de-passe-solide-2024"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling counters live in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
