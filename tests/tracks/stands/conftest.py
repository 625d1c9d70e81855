"""An evening with room for 100 and its organiser; an association's stand application (the stand
rules apply with their own fields, a municipal holder)."""

import pytest

from tests.factories import CongressFactory, UserFactory
from tracks.stands import services

FIELDS = dict(holder_kind="association", contact_email="asso@example.org",
              description="Nos actions de quartier", surface="small")  # fmt: skip


@pytest.fixture
def evening(db):
    return CongressFactory(kind="evening", capacity=100)


@pytest.fixture
def organiser(evening):
    user = UserFactory()
    evening.organisers.add(user)
    return user


def apply(evening, name="Les Amis du Quartier", by=None):
    return services.stand_application_submit(
        congress=evening, by=by or UserFactory(), name=name, **FIELDS
    )
