"""Rules of shifts (volunteers/shifts/services.py), each stated with its exact outcome:
organisers define them; volunteers pick them (a place left, no overlap) and leave them; a
welcome-desk shift brings the check-in role and takes it back."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.onsite.models import DeskRole
from tests.factories import CongressFactory, UserFactory
from tests.factories.volunteers import ShiftFactory, VolunteerProfileFactory
from tests.spaces import plain
from volunteers.models import Shift, ShiftSignup
from volunteers.shifts import services

pytestmark = pytest.mark.django_db

PASSED = "Ce créneau est passé."


def later(days=30, hours=0):
    return timezone.now() + timedelta(days=days, hours=hours)


def test_a_shift_keeps_every_field(congress, organiser):
    start = later()
    shift = services.shift_create(
        congress=congress, by=organiser, title="Accueil", place="Hall A",
        starts_at=start, ends_at=start + timedelta(hours=2), capacity=4, grants_desk_role=True,
    )  # fmt: skip
    stored = Shift.objects.get(pk=shift.pk)
    assert (
        stored.congress,
        stored.title,
        stored.place,
        stored.starts_at,
        stored.ends_at,
        stored.capacity,
        stored.grants_desk_role,
    ) == (congress, "Accueil", "Hall A", start, start + timedelta(hours=2), 4, True)


def test_a_shift_gives_no_desk_role_unless_said(congress, organiser):
    shift = services.shift_create(
        congress=congress, by=organiser, title="Steward", place="",
        starts_at=later(), ends_at=later(hours=1), capacity=1,
    )  # fmt: skip
    assert Shift.objects.get(pk=shift.pk).grants_desk_role is False


def test_defining_refusals_say_why(congress, organiser, volunteer):
    start = later()
    fields = dict(title="Steward", place="", starts_at=start, capacity=1)
    with pytest.raises(ValidationError) as refused:
        services.shift_create(congress=congress, by=organiser, ends_at=start, **fields)
    assert refused.value.message_dict == {"end": ["La fin du créneau doit suivre son début."]}
    with pytest.raises(PermissionDenied) as refused:
        services.shift_create(
            congress=congress, by=volunteer, ends_at=start + timedelta(hours=1), **fields
        )
    assert str(refused.value) == "Seuls les organisateurs définissent les créneaux."
    other_edition = CongressFactory()
    other_edition.organisers.add(volunteer)
    with pytest.raises(PermissionDenied):
        services.shift_create(
            congress=congress, by=volunteer, ends_at=start + timedelta(hours=1), **fields
        )
    assert not Shift.objects.exists()


def test_a_shift_fills_exactly_to_its_capacity(congress):
    shift = ShiftFactory(congress=congress, capacity=2)
    first = services.shift_signup(shift=shift, user=VolunteerProfileFactory().user)
    services.shift_signup(shift=shift, user=VolunteerProfileFactory().user)
    with pytest.raises(ValidationError) as refused:
        services.shift_signup(shift=shift, user=VolunteerProfileFactory().user)
    assert refused.value.messages == ["Ce créneau est complet."]
    assert ShiftSignup.objects.filter(shift=shift).count() == 2
    assert ShiftSignup.objects.get(pk=first.pk).shift == shift


def test_picking_refusals_say_why(congress, volunteer):
    shift = ShiftFactory(congress=congress)
    with pytest.raises(PermissionDenied) as refused:
        services.shift_signup(shift=shift, user=UserFactory())
    assert str(refused.value) == "Inscrivez-vous comme bénévole avant de choisir un créneau."
    services.shift_signup(shift=shift, user=volunteer)
    with pytest.raises(ValidationError) as refused:
        services.shift_signup(shift=shift, user=volunteer)
    assert refused.value.messages == ["Vous avez déjà choisi ce créneau."]
    past = ShiftFactory(congress=congress, starts_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError) as refused:
        services.shift_signup(shift=past, user=volunteer)
    assert refused.value.messages == [PASSED]


def test_the_overlap_names_my_other_shift(congress, volunteer):
    mine = ShiftFactory(congress=congress, title="Vestiaire du matin")
    services.shift_signup(shift=mine, user=volunteer)
    inside = ShiftFactory(
        congress=congress, title="Orientation",
        starts_at=mine.starts_at + timedelta(minutes=30), ends_at=mine.ends_at - timedelta(minutes=30),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.shift_signup(shift=inside, user=volunteer)
    assert plain(refused.value.messages) == [
        "Ce créneau chevauche un autre de vos créneaux : « Vestiaire du matin »."
    ]
    assert not ShiftSignup.objects.filter(shift=inside).exists()


def test_a_shift_ending_when_mine_starts_is_no_overlap(congress, volunteer):
    mine = ShiftFactory(congress=congress)
    services.shift_signup(shift=mine, user=volunteer)
    before = ShiftFactory(
        congress=congress, title="Installation",
        starts_at=mine.starts_at - timedelta(hours=1), ends_at=mine.starts_at,
    )  # fmt: skip
    assert services.shift_signup(shift=before, user=volunteer).shift == before


def test_the_shifts_of_others_do_not_overlap_mine(congress, volunteer):
    shift = ShiftFactory(congress=congress, capacity=3)
    other = ShiftFactory(congress=congress, starts_at=shift.starts_at, ends_at=shift.ends_at)
    services.shift_signup(shift=other, user=VolunteerProfileFactory().user)
    services.shift_signup(shift=shift, user=VolunteerProfileFactory().user)
    assert services.shift_signup(shift=shift, user=volunteer).user == volunteer


def test_a_welcome_desk_shift_brings_the_check_in_role_and_leaving_takes_it_back(
    congress, volunteer
):
    desk = ShiftFactory(congress=congress, grants_desk_role=True)
    signup = services.shift_signup(shift=desk, user=volunteer)
    assert DeskRole.objects.filter(congress=congress, user=volunteer).exists()
    services.shift_leave(signup=signup, by=volunteer)
    assert not ShiftSignup.objects.filter(pk=signup.pk).exists()
    assert not DeskRole.objects.filter(congress=congress, user=volunteer).exists()


def test_leaving_refusals_say_why(congress, volunteer):
    shift = ShiftFactory(congress=congress)
    signup = services.shift_signup(shift=shift, user=volunteer)
    with pytest.raises(PermissionDenied) as refused:
        services.shift_leave(signup=signup, by=VolunteerProfileFactory().user)
    assert str(refused.value) == "Vous ne pouvez quitter que vos propres créneaux."
    signup.shift.starts_at = timezone.now() - timedelta(minutes=1)
    with pytest.raises(ValidationError) as refused:
        services.shift_leave(signup=signup, by=volunteer)
    assert refused.value.messages == [PASSED]
    assert ShiftSignup.objects.filter(pk=signup.pk).exists()


@pytest.fixture
def frozen(monkeypatch):
    """Time stands still: `timezone.now()` is this instant for the whole test."""
    now = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def test_a_shift_starting_this_very_moment_is_neither_picked_nor_left(congress, volunteer, frozen):
    shift = ShiftFactory(congress=congress, starts_at=frozen, ends_at=frozen + timedelta(hours=2))
    signup = ShiftSignup.objects.create(shift=shift, user=volunteer)
    with pytest.raises(ValidationError, match=PASSED):
        services.shift_signup(shift=shift, user=VolunteerProfileFactory().user)
    with pytest.raises(ValidationError, match=PASSED):
        services.shift_leave(signup=signup, by=volunteer)
    assert list(ShiftSignup.objects.values_list("pk", flat=True)) == [signup.pk]
