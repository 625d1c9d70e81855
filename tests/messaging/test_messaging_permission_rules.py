"""Who writes to people and who chooses to receive information messages, stated exactly."""

import pytest
from django.contrib.auth.models import AnonymousUser

from messaging.permissions import can_manage_opt_out, can_message
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_the_editions_active_organisers_write_to_people(world):
    assert can_message(world.organiser, world.congress)
    for user in (world.manager, world.moderator, AnonymousUser()):
        assert not can_message(user, world.congress)
    assert not can_message(world.organiser, CongressFactory())
    world.organiser.is_active = False
    assert not can_message(world.organiser, world.congress)


def test_only_an_active_account_chooses_to_receive_information_messages():
    assert can_manage_opt_out(UserFactory())
    assert not can_manage_opt_out(UserFactory(is_active=False))
    assert not can_manage_opt_out(AnonymousUser())
