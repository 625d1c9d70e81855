"""Shifts at an edition: organisers define them, volunteers pick them without overlaps."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.volunteers import ShiftFactory, VolunteerProfileFactory
from volunteers.models import Shift, ShiftSignup
from volunteers.shifts import selectors, services

pytestmark = pytest.mark.django_db


def test_organisers_define_shifts_and_others_cannot(congress, organiser, volunteer):
    start = timezone.now() + timedelta(days=30)
    fields = dict(title="Steward", place="Salle Loire", starts_at=start, capacity=2)
    shift = services.shift_create(
        congress=congress, by=organiser, ends_at=start + timedelta(hours=2), **fields
    )
    assert (shift.congress_id, shift.capacity) == (congress.pk, 2)
    with pytest.raises(PermissionDenied):
        services.shift_create(
            congress=congress, by=volunteer, ends_at=start + timedelta(hours=2), **fields
        )
    with pytest.raises(ValidationError) as error:
        services.shift_create(congress=congress, by=organiser, ends_at=start, **fields)
    assert "end" in error.value.error_dict
    assert Shift.objects.count() == 1


def test_picking_two_shifts_and_an_overlapping_third_is_refused(congress, volunteer):
    desk = ShiftFactory(congress=congress, title="Accueil et badges")
    later = ShiftFactory(
        congress=congress, title="Steward Salle Loire", starts_at=desk.ends_at,
        ends_at=desk.ends_at + timedelta(hours=2),
    )  # fmt: skip
    overlapping = ShiftFactory(
        congress=congress, title="Orientation", starts_at=desk.starts_at + timedelta(hours=1),
        ends_at=desk.ends_at + timedelta(hours=1),
    )  # fmt: skip
    services.shift_signup(shift=desk, user=volunteer)
    services.shift_signup(shift=later, user=volunteer)
    with pytest.raises(ValidationError, match="chevauche.*Accueil et badges"):
        services.shift_signup(shift=overlapping, user=volunteer)
    assert sorted(ShiftSignup.objects.values_list("shift__title", flat=True)) == [
        "Accueil et badges", "Steward Salle Loire",
    ]  # fmt: skip


def test_a_full_shift_the_same_shift_twice_and_a_past_shift_are_refused(congress, volunteer):
    shift = ShiftFactory(congress=congress, capacity=1)
    services.shift_signup(shift=shift, user=volunteer)
    with pytest.raises(ValidationError, match="déjà choisi"):
        services.shift_signup(shift=shift, user=volunteer)
    with pytest.raises(ValidationError, match="complet"):
        services.shift_signup(shift=shift, user=VolunteerProfileFactory().user)
    past = ShiftFactory(congress=congress, starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="passé"):
        services.shift_signup(shift=past, user=volunteer)
    assert ShiftSignup.objects.count() == 1


def test_picking_a_shift_needs_a_volunteer_profile(congress):
    with pytest.raises(PermissionDenied):
        services.shift_signup(shift=ShiftFactory(congress=congress), user=UserFactory())


def test_leaving_a_shift_only_ones_own_and_not_once_passed(congress, volunteer):
    shift = ShiftFactory(congress=congress)
    signup = services.shift_signup(shift=shift, user=volunteer)
    with pytest.raises(PermissionDenied):
        services.shift_leave(signup=signup, by=UserFactory())
    Shift.objects.filter(pk=shift.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    signup.refresh_from_db()
    signup.shift.refresh_from_db()
    with pytest.raises(ValidationError):
        services.shift_leave(signup=signup, by=volunteer)
    Shift.objects.filter(pk=shift.pk).update(starts_at=timezone.now() + timedelta(days=5))
    signup.shift.refresh_from_db()
    services.shift_leave(signup=signup, by=volunteer)
    assert ShiftSignup.objects.count() == 0


def test_gaps_are_the_shifts_under_capacity(congress, volunteer):
    full = ShiftFactory(congress=congress, title="Complet", capacity=1)
    short = ShiftFactory(
        congress=congress, title="Manque", capacity=3, starts_at=full.ends_at,
        ends_at=full.ends_at + timedelta(hours=1),
    )  # fmt: skip
    services.shift_signup(shift=full, user=volunteer)
    services.shift_signup(shift=short, user=VolunteerProfileFactory().user)
    rows = [(s.title, s.taken, s.missing) for s in selectors.shifts_of(congress)]
    assert rows == [("Complet", 1, 0), ("Manque", 1, 2)]
    assert selectors.my_shift_ids(volunteer, congress) == {full.pk}
    assert list(selectors.volunteers_by_shift(congress)[full.pk]) == [volunteer]
