"""An edition running today and tomorrow, and a volunteer of its welcome desk (the press rules
and the desk; the services' rules and the pages keep their own undated edition)."""

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
def volunteer(edition):
    user = UserFactory(full_name="Victor Bénévole")
    DeskRole.objects.create(congress=edition, user=user)
    return user
