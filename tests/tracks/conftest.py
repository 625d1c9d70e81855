"""An edition and its organiser, for the programme's tests (a file or a sub-domain's folder that
needs another edition or organiser defines its own, which wins)."""

import pytest

from tests.factories import CongressFactory, UserFactory


@pytest.fixture
def congress():
    return CongressFactory()


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user
