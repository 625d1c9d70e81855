import pytest

from tests.factories import CongressFactory, SessionFactory, SessionTypeFactory


@pytest.fixture
def week(db):
    return CongressFactory(slug="semaine", kind="programme")


def make_activity(week, **fields):
    defaults = dict(
        congress=week,
        session_type=SessionTypeFactory(congress=week, is_workshop=False),
        registration_required=True,
        capacity=2,
    )
    defaults.update(fields)
    return SessionFactory(**defaults)


@pytest.fixture
def activity(week):
    return make_activity(week)
