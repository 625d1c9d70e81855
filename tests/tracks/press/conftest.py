"""An edition running today and tomorrow, its organiser and a volunteer of its welcome desk.

The services' rules and the pages (test_rules, test_views) keep their own undated edition: their
organiser is this one, of that edition. The press rules keep their own, named, organiser."""

import datetime

import pytest
from django.utils import timezone

from congress.onsite.models import DeskRole
from tests.factories import CongressFactory, UserFactory


@pytest.fixture
def edition():
    today = timezone.localdate()
    return CongressFactory(start_date=today, end_date=today + datetime.timedelta(days=1))


@pytest.fixture
def organiser(edition):
    user = UserFactory()
    edition.organisers.add(user)
    return user


@pytest.fixture
def volunteer(edition):
    user = UserFactory(full_name="Victor Bénévole")
    DeskRole.objects.create(congress=edition, user=user)
    return user
