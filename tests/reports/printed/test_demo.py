"""The demo's editions give the welcome desk something to print."""

import pytest

from congress.editions.models import Congress
from reports.printed.models import BadgeRole
from reports.printed.selectors import badge_people, door_signs


@pytest.mark.django_db
def test_demo_editions_have_badges_of_each_programme_role_and_door_signs(seeded_demo):
    congress = Congress.objects.get(slug="congres-solidarites-2024")
    roles = {person.role for person in badge_people(congress)}
    assert {
        BadgeRole.DELEGATE,
        BadgeRole.SPEAKER,
        BadgeRole.MODERATOR,
        BadgeRole.ORGANISER,
    } <= roles
    assert len(door_signs(congress)) >= len(congress.days)
    current = Congress.objects.current()
    assert badge_people(current) and door_signs(current)
