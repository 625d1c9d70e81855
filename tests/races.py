"""Helpers for the race tests: take a protection away to show the race it prevents."""

import contextlib
import time

from django.db import connection
from django.db.models import QuerySet


@contextlib.contextmanager
def without_constraint(model, name: str):
    """Drop a unique constraint for the block (PostgreSQL, transaction=True tests), then put it
    back: the schema is shared by the whole run."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    with connection.schema_editor() as editor:
        editor.remove_constraint(model, constraint)
    try:
        yield
    finally:
        model.objects.all().delete()  # the duplicates would stop the constraint coming back
        with connection.schema_editor() as editor:
            editor.add_constraint(model, constraint)


def without_row_locks(monkeypatch):
    """SELECT ... FOR UPDATE becomes a plain read."""
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, *args, **kwargs: self)


def widen(monkeypatch, owner, name: str, seconds: float = 0.3):
    """Sleep before `owner.name` runs, so that concurrent callers all read before any writes."""
    original = getattr(owner, name)

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, slow)
