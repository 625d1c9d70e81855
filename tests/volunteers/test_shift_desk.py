"""A welcome-desk shift gives the edition's check-in role: granted on picking the shift, valid
during the person's desk shifts (30 minutes either side), taken back on leaving the last one
unless an organiser granted it (then valid the whole edition), both steps audited."""

from datetime import timedelta

import pytest

from congress.accounts.models import User
from congress.audit.models import AuditEntry
from congress.onsite import services as onsite_services
from congress.onsite.models import DeskRole
from congress.onsite.permissions import can_check_in
from tests.factories import CongressFactory, UserFactory
from tests.factories.volunteers import ShiftFactory
from volunteers.models import ShiftDeskGrant, ShiftSignup
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


def _desk(congress, hours=0, **kwargs):
    shift = ShiftFactory(congress=congress, grants_desk_role=True, **kwargs)
    if hours:
        shift.starts_at += timedelta(hours=hours)
        shift.ends_at += timedelta(hours=hours)
        shift.save()
    return shift


def checks_in_at(monkeypatch, user, congress, when) -> bool:
    """can_check_in for a fresh copy of `user` (the roles are cached per request) at `when`."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: when)
    return can_check_in(User.objects.get(pk=user.pk), congress)


def test_a_desk_shift_grants_the_check_in_role_and_leaving_it_takes_it_back(
    congress, volunteer, monkeypatch
):
    signup = services.shift_signup(shift=_desk(congress), user=volunteer)
    role = DeskRole.objects.get(congress=congress, user=volunteer)
    assert ShiftDeskGrant.objects.filter(role=role).count() == 1
    assert checks_in_at(monkeypatch, volunteer, congress, signup.shift.starts_at) is True
    monkeypatch.undo()
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


def test_the_role_is_for_the_shifts_edition_only(congress, volunteer, monkeypatch):
    other = CongressFactory()
    signup = services.shift_signup(shift=_desk(congress), user=volunteer)
    during = signup.shift.starts_at + timedelta(minutes=5)
    assert checks_in_at(monkeypatch, volunteer, congress, during) is True
    assert checks_in_at(monkeypatch, volunteer, other, during) is False


def test_the_shifts_role_checks_in_only_around_the_shifts_hours(congress, volunteer, monkeypatch):
    first = _desk(congress)  # 8:00–10:00 on the first day
    later = _desk(congress, hours=6)  # 14:00–16:00
    services.shift_signup(shift=first, user=volunteer)
    services.shift_signup(shift=later, user=volunteer)
    minute = timedelta(minutes=1)
    margin = timedelta(minutes=30)
    expected = {
        first.starts_at - margin - minute: False,
        first.starts_at - margin: True,
        first.starts_at + timedelta(hours=1): True,
        first.ends_at + margin: True,
        first.ends_at + margin + minute: False,  # between the two shifts
        later.starts_at - margin: True,
        later.ends_at + margin: True,
        later.ends_at + margin + minute: False,
    }
    seen = {when: checks_in_at(monkeypatch, volunteer, congress, when) for when in expected}
    assert seen == expected


def test_leaving_one_desk_shift_takes_its_hours_away(congress, volunteer, monkeypatch):
    first = services.shift_signup(shift=_desk(congress), user=volunteer)
    later = _desk(congress, hours=6)
    services.shift_signup(shift=later, user=volunteer)
    services.shift_leave(signup=first, by=volunteer)
    role = DeskRole.objects.get(congress=congress, user=volunteer)
    assert list(role.hours.values_list("starts_at", "ends_at")) == [
        (later.starts_at, later.ends_at)
    ]
    assert checks_in_at(monkeypatch, volunteer, congress, first.shift.starts_at) is False
    assert checks_in_at(monkeypatch, volunteer, congress, later.starts_at) is True


def test_an_organisers_grant_makes_the_shifts_role_valid_all_the_edition(
    congress, volunteer, monkeypatch
):
    organiser = UserFactory()
    congress.organisers.add(organiser)
    signup = services.shift_signup(shift=_desk(congress), user=volunteer)
    night = signup.shift.starts_at - timedelta(hours=6)
    assert checks_in_at(monkeypatch, volunteer, congress, night) is False
    monkeypatch.undo()
    onsite_services.desk_role_grant(congress=congress, email=volunteer.email, by=organiser)
    role = DeskRole.objects.get(congress=congress, user=volunteer)
    assert (role.granted_by, role.hours.count()) == (organiser, 0)
    assert checks_in_at(monkeypatch, volunteer, congress, night) is True
    monkeypatch.undo()
    services.shift_leave(signup=signup, by=volunteer)  # the organiser's role stays
    assert DeskRole.objects.filter(congress=congress, user=volunteer).count() == 1


def test_organisers_create_a_desk_shift(congress, volunteer):
    organiser = UserFactory()
    congress.organisers.add(organiser)
    start = ShiftFactory.build(congress=congress).starts_at
    shift = services.shift_create(
        congress=congress, by=organiser, title="Accueil", place="Hall", starts_at=start,
        ends_at=start + timedelta(hours=2), capacity=2, grants_desk_role=True,
    )  # fmt: skip
    assert shift.grants_desk_role is True
