"""is_organiser reads the person's editions once and answers from its cache afterwards
(mutation testing, issue 19: a mutant that bypasses the cache gives the same answers, one query
more each time; pages call the predicate once per row)."""

import pytest

from congress.editions.permissions import is_organiser
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_is_organiser_queries_the_organised_editions_once(django_assert_num_queries):
    organised, other = CongressFactory(), CongressFactory()
    user = UserFactory()
    organised.organisers.add(user)
    with django_assert_num_queries(1):
        assert is_organiser(user, organised) is True
    with django_assert_num_queries(0):
        assert is_organiser(user, other) is False
        assert is_organiser(user, organised) is True
    assert user._organiser_of == {organised.pk}


def test_no_edition_makes_no_one_but_a_superuser_an_organiser():
    user = UserFactory()
    CongressFactory().organisers.add(user)
    assert is_organiser(user, None) is False
    assert is_organiser(UserFactory(is_superuser=True), None) is True
