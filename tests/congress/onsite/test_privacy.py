"""The personal-data export shows a person's arrivals and desk roles; erasure forgets the
volunteer who recorded arrivals and their role, and keeps the arrivals for the figures."""

import pytest

from congress.onsite import privacy
from congress.onsite.models import CheckIn, DeskRole

pytestmark = pytest.mark.django_db


def test_export_and_erase(edition, volunteer, helene, today):
    arrival = CheckIn.objects.create(registration=helene, day=today, by=volunteer)
    exported = privacy.export(helene.user)
    assert exported["arrivals"] == [
        {
            "congress": edition.name,
            "day": today.isoformat(),
            "checked_in_at": arrival.checked_in_at.isoformat(),
        }
    ]
    assert exported["welcome_desk"] == []
    assert privacy.export(volunteer) == {"arrivals": [], "welcome_desk": [edition.name]}
    privacy.erase(volunteer)
    arrival.refresh_from_db()
    assert arrival.by is None
    assert DeskRole.objects.count() == 0
    assert CheckIn.objects.count() == 1
