"""The place's managers keep its rooms outside the admin (issue 17): add a room, change its
rules, withdraw it from lending and lend it again; every change audited."""

import html
from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from congress.audit.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import LentRoomFactory
from tests.spaces import plain
from volunteers.rooms import services
from volunteers.rooms.models import LentRoom, RoomBooking

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(db):
    return OrganisationFactory(name="La Fabrique de la Solidarité", slug="fabrique")


@pytest.fixture
def keeper(place):
    return MembershipFactory(organisation=place, role="manager").user


RULES = dict(capacity=10, opens_at=time(9), closes_at=time(18), open_days=[0, 2, 4])


def test_a_manager_adds_a_room_and_changes_its_rules_audited(place, keeper):
    room = services.lent_room_save(place=place, by=keeper, name=" Salle Loire ", **RULES)
    assert (room.name, room.open_days, room.is_active) == ("Salle Loire", [0, 2, 4], True)
    created = AuditEntry.objects.get(action="lent_room.create")
    assert (created.actor, created.target_id) == (keeper, str(room.pk))
    services.lent_room_save(
        place=place, by=keeper, room=room, name="Salle Loire", description="",
        **{**RULES, "capacity": 14, "open_days": [4, 0]},
    )  # fmt: skip
    room.refresh_from_db()
    assert (room.capacity, room.open_days) == (14, [0, 4])
    updated = AuditEntry.objects.get(action="lent_room.update")
    assert updated.details["changed"] == {"capacity": [10, 14], "open_days": [[0, 2, 4], [0, 4]]}


def test_the_rooms_rules_are_checked(place, keeper):
    services.lent_room_save(place=place, by=keeper, name="Salle Loire", **RULES)
    with pytest.raises(ValidationError, match="déjà une salle de ce nom"):
        services.lent_room_save(place=place, by=keeper, name="salle loire", **RULES)
    with pytest.raises(ValidationError, match="La fermeture doit suivre"):
        services.lent_room_save(
            place=place, by=keeper, name="Salle Sarthe", **{**RULES, "closes_at": time(9)}
        )
    with pytest.raises(ValidationError, match="au moins un jour"):
        services.lent_room_save(
            place=place, by=keeper, name="Salle Sarthe", **{**RULES, "open_days": []}
        )
    with pytest.raises(ValidationError, match="au moins un jour"):
        services.lent_room_save(
            place=place, by=keeper, name="Salle Sarthe", **{**RULES, "open_days": [7]}
        )
    assert LentRoom.objects.count() == 1


def test_only_the_places_managers_keep_its_rooms(place, keeper):
    other = OrganisationFactory(name="Maraudes du 10e")
    other_manager = MembershipFactory(organisation=other, role="manager").user
    with pytest.raises(PermissionDenied):
        services.lent_room_save(place=place, by=other_manager, name="Salle Loire", **RULES)
    room = LentRoomFactory(place=place)
    with pytest.raises(PermissionDenied):  # a room of another place under one's own name
        services.lent_room_save(place=other, by=other_manager, room=room, name="X", **RULES)
    with pytest.raises(PermissionDenied):
        services.lent_room_set_active(room=room, by=other_manager, active=False)
    keeper.is_active = False
    keeper.save()
    with pytest.raises(PermissionDenied):
        services.lent_room_set_active(room=room, by=keeper, active=False)
    room.refresh_from_db()
    assert room.is_active is True
    assert AuditEntry.objects.count() == 0


def test_a_withdrawn_room_takes_no_request_and_keeps_its_bookings(place, keeper):
    room = LentRoomFactory(place=place, name="Salle Loire")
    day = timezone.localdate() + timedelta(days=10)
    kept = RoomBooking.objects.create(
        room=room, organisation=place, title="Gardée", attendees=3, is_public=True,
        first_date=day, last_date=day, start_time=time(10), end_time=time(11), state="approved",
    )  # fmt: skip
    services.lent_room_set_active(room=room, by=keeper, active=False)
    services.lent_room_set_active(room=room, by=keeper, active=False)  # twice: one entry
    assert [e.action for e in AuditEntry.objects.all()] == ["lent_room.withdraw"]
    room.refresh_from_db()
    assert room.is_active is False
    assert RoomBooking.objects.filter(pk=kept.pk).exists()
    services.lent_room_set_active(room=room, by=keeper, active=True)
    room.refresh_from_db()
    assert room.is_active is True
    assert AuditEntry.objects.filter(action="lent_room.restore").count() == 1


def test_the_staff_pages_add_edit_and_withdraw(client, place, keeper):
    client.force_login(keeper)
    url = reverse("place_rooms_staff", args=[place.slug])
    data = {"name": "Salle Loire", "capacity": "10", "opens_at": "09:00", "closes_at": "18:00",
            "open_days": ["0", "2"], "description": "Au rez-de-chaussée."}  # fmt: skip
    response = client.post(url, {**data, "closes_at": "08:00"})
    assert response.status_code == 400
    assert "La fermeture doit suivre l'ouverture." in html.unescape(response.content.decode())
    assert LentRoom.objects.count() == 0
    assert client.post(url, data).status_code == 302
    room = LentRoom.objects.get()
    assert room.open_days == [0, 2]
    edit = reverse("lent_room_edit", args=[room.pk])
    page = client.get(edit).content.decode()
    assert 'value="Salle Loire"' in page
    response = client.post(edit, {**data, "capacity": "20", "action": "save"})
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.capacity == 20
    response = client.post(edit, {"action": "withdraw"}, follow=True)
    assert "est retirée" in plain(html.unescape(response.content.decode()))
    room.refresh_from_db()
    assert room.is_active is False
    page = html.unescape(client.get(url).content.decode())
    assert "Salle Loire" in page and "retirée" in page
    # withdrawn: no longer offered on the public rooms page's booking form
    assert (
        "Salle Loire" not in client.get(reverse("place_rooms", args=[place.slug])).content.decode()
    )


def test_the_staff_pages_are_for_the_places_managers(client, place, keeper):
    room = LentRoomFactory(place=place)
    other = MembershipFactory(organisation=OrganisationFactory(), role="manager").user
    client.force_login(other)
    assert client.get(reverse("place_rooms_staff", args=[place.slug])).status_code == 403
    assert client.get(reverse("lent_room_edit", args=[room.pk])).status_code == 403
    assert (
        client.post(reverse("lent_room_edit", args=[room.pk]), {"action": "withdraw"}).status_code
        == 403
    )
    room.refresh_from_db()
    assert room.is_active is True


@pytest.fixture(params=[1, 3])
def n(request):
    return request.param


def test_place_rooms_staff_query_count(client, place, keeper, n, django_assert_num_queries):
    rooms = [LentRoomFactory(place=place, name=f"Salle {i}") for i in range(n)]
    client.force_login(keeper)
    with django_assert_num_queries(7):
        response = client.get(reverse("place_rooms_staff", args=[place.slug]))
    body = response.content.decode()
    assert all(r.name in body for r in rooms)
