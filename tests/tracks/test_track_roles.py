"""Track roles and session permissions (issue 19): reviewers and moderators act on their own
tracks only, and only while their account is active; who sees a workshop's attendees; the
organisers' grid flags only sessions that really overlap in a room."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import (
    SessionFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
)
from tracks import permissions, selectors, services
from tracks.models import TrackRoleKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracks(congress):
    return TrackFactory(congress=congress), TrackFactory(congress=congress)


def test_a_reviewer_reviews_their_own_track_only(tracks):
    mine, other = tracks
    reviewer = TrackRoleFactory(track=mine, role=TrackRoleKind.REVIEWER).user
    assert (permissions.is_reviewer(reviewer, mine), permissions.is_reviewer(reviewer, other),
            permissions.is_moderator(reviewer, mine)) == (True, False, False)  # fmt: skip
    assert (permissions.reviewer_track_ids(reviewer),
            permissions.moderator_track_ids(reviewer)) == ({mine.pk}, set())  # fmt: skip


def test_a_moderator_moderates_their_own_track_and_organisers_every_track(congress, tracks):
    mine, other = tracks
    moderator = TrackRoleFactory(track=mine, role=TrackRoleKind.MODERATOR).user
    organiser = UserFactory()
    congress.organisers.add(organiser)
    assert (permissions.can_moderate(moderator, mine),
            permissions.can_moderate(moderator, other),
            permissions.is_reviewer(moderator, mine)) == (True, False, False)  # fmt: skip
    assert permissions.moderator_track_ids(moderator) == {mine.pk}
    assert (permissions.can_moderate(organiser, mine), permissions.can_moderate(organiser, other),
            permissions.is_moderator(organiser, mine)) == (True, True, False)  # fmt: skip


@pytest.mark.parametrize("person", ["anonymous", "inactive"])
def test_anonymous_and_deactivated_accounts_hold_no_track_role(tracks, person):
    track, _other = tracks
    user = AnonymousUser()
    if person == "inactive":
        user = UserFactory(is_active=False)
        for role in TrackRoleKind.values:
            TrackRoleFactory(track=track, user=user, role=role)
    assert (permissions.is_reviewer(user, track), permissions.is_moderator(user, track),
            permissions.can_moderate(user, track), permissions.reviewer_track_ids(user),
            permissions.moderator_track_ids(user)) == (False, False, False, set(), set())  # fmt: skip


def test_a_role_given_or_taken_back_applies_at_once_to_the_same_user_object(congress, tracks):
    track, _other = tracks
    organiser, reviewer = UserFactory(), UserFactory()
    congress.organisers.add(organiser)
    assert permissions.is_reviewer(reviewer, track) is False  # roles now cached on the object
    role = services.track_role_add(
        track=track, user=reviewer, role=TrackRoleKind.REVIEWER, by=organiser
    )
    assert permissions.is_reviewer(reviewer, track) is True
    services.track_role_remove(track_role=role, by=organiser)
    permissions.clear_track_roles_cache(reviewer)
    assert permissions.is_reviewer(reviewer, track) is False
    permissions.clear_track_roles_cache(reviewer)  # nothing cached: nothing to clear
    assert not hasattr(reviewer, "_track_roles")


def test_attendees_are_seen_by_organisers_and_the_sessions_moderators_only(congress):
    session = SessionFactory(congress=congress)
    organiser, moderator, participant = UserFactory(), UserFactory(), UserFactory()
    congress.organisers.add(organiser)
    session.moderators.add(moderator)
    inactive = UserFactory(is_active=False)
    congress.organisers.add(inactive)
    seen = {
        name: permissions.can_see_attendees(user, session)
        for name, user in [
            ("organiser", organiser),
            ("moderator", moderator),
            ("participant", participant),
            ("inactive organiser", inactive),
            ("anonymous", AnonymousUser()),
        ]  # fmt: skip
    }
    assert seen == {"organiser": True, "moderator": True, "participant": False,
                    "inactive organiser": False, "anonymous": False}  # fmt: skip


def test_the_grid_flags_only_the_sessions_that_overlap_in_their_room(congress):
    first = SessionFactory(congress=congress, title="Premier")
    overlapping = SessionFactory(
        congress=congress, title="Chevauche", room=first.room,
        starts_at=first.ends_at - timedelta(minutes=30), ends_at=first.ends_at + timedelta(hours=1),
    )  # fmt: skip
    SessionFactory(
        congress=congress, title="Après", room=first.room,
        starts_at=overlapping.ends_at, ends_at=overlapping.ends_at + timedelta(hours=1),
    )  # fmt: skip
    SessionFactory(congress=congress, title="Ailleurs", starts_at=first.starts_at)
    days = selectors.scheduling_grid(congress)
    flags = {
        s.title: s.overlaps
        for day in days for row in day.rows for cell in row.cells for s in cell
    }  # fmt: skip
    assert flags == {"Premier": True, "Chevauche": True, "Après": False, "Ailleurs": False}
