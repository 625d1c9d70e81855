"""Writes and reads of the editions sub-domain (issue 19)."""

import pytest
from django.contrib.auth.models import Group

from congress.editions import selectors, services
from tests.factories import CongressFactory, RoomFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_granting_the_admin_to_a_staff_member_keeps_them_staff_and_adds_the_group():
    user = UserFactory(is_staff=True)
    services.organiser_grant_admin(user=user)
    user.refresh_from_db()
    assert user.is_staff is True
    assert list(user.groups.values_list("name", flat=True)) == [services.ORGANISER_GROUP]
    assert user.organised_congresses.count() == 0  # no edition given: none added
    group = Group.objects.get(name=services.ORGANISER_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "change_organisation" in codenames
    assert not codenames & set(services.ORGANISER_EXCLUDED_PERMISSIONS)


def test_venues_list_their_rooms_in_order():
    congress = CongressFactory()
    venue = VenueFactory(congress=congress)
    RoomFactory(venue=venue, name="Salle B", order=1)
    RoomFactory(venue=venue, name="Salle A", order=2)
    RoomFactory(venue=venue, name="Auditorium", order=1)
    VenueFactory(congress=CongressFactory())
    venues = list(selectors.venues_with_rooms(congress))
    assert venues == [venue]
    assert [r.name for r in venues[0].rooms.all()] == ["Auditorium", "Salle B", "Salle A"]
