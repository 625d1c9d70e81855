"""A welcome-desk shift gives the edition's check-in role: granted on picking the shift, taken
back on leaving the last one unless an organiser granted it, both steps audited."""

from datetime import timedelta

import pytest

from congress.audit.models import AuditEntry
from congress.onsite.models import DeskRole
from congress.onsite.permissions import can_check_in
from tests.factories import CongressFactory, UserFactory
from tests.factories.volunteers import ShiftFactory
from volunteers.models import ShiftDeskGrant, ShiftSignup
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress():
    return CongressFactory()


def _desk(congress, hours=0, **kwargs):
    shift = ShiftFactory(congress=congress, grants_desk_role=True, **kwargs)
    if hours:
        shift.starts_at += timedelta(hours=hours)
        shift.ends_at += timedelta(hours=hours)
        shift.save()
    return shift


def test_a_desk_shift_grants_the_check_in_role_and_leaving_it_takes_it_back(congress, volunteer):
    signup = services.shift_signup(shift=_desk(congress), user=volunteer)
    role = DeskRole.objects.get(congress=congress, user=volunteer)
    assert ShiftDeskGrant.objects.filter(role=role).count() == 1
    assert can_check_in(volunteer, congress) is True
    services.shift_leave(signup=signup, by=volunteer)
    assert DeskRole.objects.filter(user=volunteer).count() == 0
    entries = AuditEntry.objects.filter(congress=congress).order_by("pk")
    assert [(e.action, e.actor_id, e.details["shift"]) for e in entries] == [
        ("desk.grant", volunteer.pk, signup.shift_id),
        ("desk.revoke", volunteer.pk, signup.shift_id),
    ]


def test_another_shift_grants_nothing(congress, volunteer):
    services.shift_signup(shift=ShiftFactory(congress=congress), user=volunteer)
    assert DeskRole.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_role_stays_while_another_desk_shift_of_the_edition_is_kept(congress, volunteer):
    first = services.shift_signup(shift=_desk(congress), user=volunteer)
    second = services.shift_signup(shift=_desk(congress, hours=3), user=volunteer)
    services.shift_leave(signup=first, by=volunteer)
    assert DeskRole.objects.filter(congress=congress, user=volunteer).count() == 1
    services.shift_leave(signup=second, by=volunteer)
    assert DeskRole.objects.filter(congress=congress, user=volunteer).count() == 0
    assert ShiftSignup.objects.count() == 0


def test_a_role_granted_by_an_organiser_stays_after_the_shift(congress, volunteer):
    organiser = UserFactory()
    DeskRole.objects.create(congress=congress, user=volunteer, granted_by=organiser)
    signup = services.shift_signup(shift=_desk(congress), user=volunteer)
    services.shift_leave(signup=signup, by=volunteer)
    role = DeskRole.objects.get(congress=congress, user=volunteer)
    assert role.granted_by == organiser
    assert ShiftDeskGrant.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_role_is_for_the_shifts_edition_only(congress, volunteer):
    other = CongressFactory()
    services.shift_signup(shift=_desk(congress), user=volunteer)
    assert can_check_in(volunteer, congress) is True
    assert can_check_in(volunteer, other) is False


def test_organisers_create_a_desk_shift(congress, volunteer):
    organiser = UserFactory()
    congress.organisers.add(organiser)
    start = ShiftFactory.build(congress=congress).starts_at
    shift = services.shift_create(
        congress=congress, by=organiser, title="Accueil", place="Hall", starts_at=start,
        ends_at=start + timedelta(hours=2), capacity=2, grants_desk_role=True,
    )  # fmt: skip
    assert shift.grants_desk_role is True
