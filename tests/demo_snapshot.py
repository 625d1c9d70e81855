"""The demo of `seed_demo`, seeded once per test process and copied back for each test using it.

`seed_demo` takes several seconds (tens of thousands of queries); many browser journeys and the
accessibility crawl only need its data as it stands after seeding. On PostgreSQL the first test
asking for the `seeded_demo` fixture seeds the demo inside a transaction, copies every table
(`COPY ... TO STDOUT`) into memory and rolls the transaction back, so the database stays as it
was for the other tests. Each test asking for the fixture then gets exactly that state again:
every table emptied and copied back (`COPY ... FROM STDIN`), sequences moved past the copied ids,
in one transaction (~0.2 s instead of seeding again). Whatever the test writes is removed
afterwards as before (rollback or flush). Elsewhere (SQLite) the fixture runs `seed_demo` itself.

Tests whose subject is `seed_demo` itself (its output, its idempotency, `--scale`) keep calling
the command.
"""

import io
from datetime import datetime

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from proposals.outcomes.models import ensure_addressees


def seed() -> tuple[datetime, datetime]:
    """Run `seed_demo`; the moments it started and ended."""
    started = timezone.now()
    # Transactional tests truncate the tables: put back the addressees of the migration.
    ensure_addressees()
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    return started, timezone.now()


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


class Snapshot:
    def __init__(self, tables: dict[str, bytes], seeded: tuple[datetime, datetime]):
        self.tables = tables  # table -> its rows in COPY's text format
        self.seeded = seeded  # when seed_demo ran (started, ended)


def take() -> Snapshot:
    """Seed the demo, copy every table's rows, roll everything back."""
    quote = connection.ops.quote_name
    copied = {}
    with transaction.atomic():
        seeded = seed()
        with connection.cursor() as cursor:
            for table in _tables():
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    copied[table] = b"".join(bytes(block) for block in copy)
        transaction.set_rollback(True)
    cache.clear()
    ContentType.objects.clear_cache()
    return Snapshot(copied, seeded)


def restore(copied: dict[str, bytes]) -> None:
    """Put the database back in the state `take` copied (in one transaction)."""
    quote = connection.ops.quote_name
    models = apps.get_models(include_auto_created=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in copied))
        for table, rows in copied.items():
            if rows:
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(rows)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    # Content types are cached by id: the flush of a transactional test recreated them.
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The worker's copy of the seeded demo (None when the database is not PostgreSQL)."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            yield None
            return
        # The same settings as every test's (tests/conftest.py autouse fixtures).
        with override_settings(
            LANGUAGE_CODE="fr",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            PRIVATE_MEDIA_ROOT=tmp_path_factory.getbasetemp() / "private",
        ):
            snapshot = take()
    yield snapshot


@pytest.fixture
def seeded_demo(demo_snapshot) -> tuple[datetime, datetime]:
    """The database as `seed_demo` leaves it (the test must be marked `django_db`); gives the
    moments that seeding started and ended."""
    if demo_snapshot is None:
        return seed()
    restore(demo_snapshot.tables)
    return demo_snapshot.seeded
