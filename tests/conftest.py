import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation import trans_real

# Playwright's sync API runs an event loop in the test thread; the live server runs Django in
# another thread. Django refuses ORM calls from a thread with a running loop unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[1]

# `seeded_demo`: the demo seeded once per worker and copied back for each test that uses it.
pytest_plugins = ["tests.demo_snapshot"]


def compile_translations() -> list[Path]:
    """Compile each locale/*/LC_MESSAGES/*.po to its .mo when missing or older (the .mo files are
    not committed), so that `pytest` alone on a fresh checkout tests the translations, as
    scripts/test.sh does. Without gettext's msgfmt nothing is compiled: the catalogues that are
    still missing are returned, and the tests that need them skip saying so."""
    missing = []
    msgfmt = shutil.which("msgfmt")
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        if msgfmt is None:
            missing.append(mo)
            continue
        subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)  # noqa: S603
    return missing


def pytest_sessionstart(session):
    # Before any test: Django caches a catalogue the first time a language is used.
    session.config.missing_translations = compile_translations()
    # Django is set up before this hook and may already have read a catalogue that was just
    # recompiled: Python's gettext caches each .mo by path, so forget what was read.
    gettext._translations.clear()
    trans_real._translations = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, each worker's test database can be a copy of a database migrated once
    (`CREATE DATABASE ... TEMPLATE`, named by TEST_DATABASE_TEMPLATE: scripts/test.sh migrates it
    while the static checks run) instead of running every migration per worker (~19 s of CPU
    each). `migrate` still runs on the copy and finds nothing to apply, or applies what the
    template lacks."""
    template = os.environ.get("TEST_DATABASE_TEMPLATE")
    if not template:
        return
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("TEST", {})["TEMPLATE"] = template


@pytest.fixture(autouse=True)
def _same_generated_data_for_each_test(request):
    """Factories' generated names, e-mails and texts (Faker) are seeded by the test's own id: a
    test sees the same people whatever ran before it, on whichever worker, so a run on CI sees
    what a run here saw (a generated « Paulette » once made an « absent "Paul" » check fail on
    CI only)."""
    import factory.random

    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _french_by_default(settings):
    settings.LANGUAGE_CODE = "fr"
    # Hashing a password the production way costs ~0.4 s per user: far too slow for factories.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks (confirmation e-mails, messages, reports) run when queued: a test sees
    their effect; a test of the queueing itself swaps in another backend."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_folder(settings, tmp_path_factory):
    """Reports and uploaded documents go to PRIVATE_MEDIA_ROOT: never the checkout's var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.getbasetemp() / "private"


@pytest.fixture
def password():
    return "un-mot-de-passe-solide-2024"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling counters and cached pages live in the cache: each test starts from zero."""
    from django.core.cache import cache

    from congress.core import keptpages, pagecache

    cache.clear()
    pagecache.clear_local()
    keptpages.clear()
    yield
    cache.clear()
    pagecache.clear_local()
    keptpages.clear()


# --- registration branch: the local fake Stripe API ---


@pytest.fixture(scope="session")
def fake_stripe():
    """One fake Stripe server for the whole run (reset by `stripe_settings` per test)."""
    from tests.fakes.stripe_server import FakeStripe

    with FakeStripe() as fake:
        yield fake


STRIPE_TEST_SECRET = "sk_test_registration"  # noqa: S105 - fake server only
STRIPE_TEST_WEBHOOK_SECRET = "whsec_test_registration"  # noqa: S105 - fake server only


@pytest.fixture
def stripe_settings(settings, fake_stripe):
    """Point the app's Stripe settings at the fake; forget earlier tests' objects."""
    fake_stripe.reset()
    fake_stripe.webhook_url = None
    fake_stripe.webhook_secret = STRIPE_TEST_WEBHOOK_SECRET
    settings.STRIPE_SECRET_KEY = STRIPE_TEST_SECRET
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake_stripe.url
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    yield fake_stripe
    fake_stripe.webhook_url = None


# --- end registration branch ---


POSTGRES_ONLY = (
    "needs PostgreSQL: row locks (SELECT ... FOR UPDATE) and truly concurrent transactions do "
    "not exist on SQLite; scripts/test.sh runs it on a throwaway PostgreSQL"
)


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked `postgres` run on PostgreSQL only; in CI a skip would hide them, so it fails."""
    if request.node.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the PostgreSQL tests: set DATABASE_URL (scripts/test.sh does)")
        pytest.skip(POSTGRES_ONLY)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """With --nomigrations (the mutation runs, scripts/mutation.sh) the test database is made
    from the models, without the rows the data migrations write: the addressees of the policy
    proposals (proposals 0002) are written here instead, as that migration does."""
    if request.config.getoption("nomigrations", default=False):
        with django_db_blocker.unblock():
            from proposals.outcomes.models import ADDRESSEES
            from proposals.outcomes.recording.models import Addressee

            for order, (slug, name) in enumerate(ADDRESSEES):
                Addressee.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
