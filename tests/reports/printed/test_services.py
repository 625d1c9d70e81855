"""Badges marked as printed; the invitation letter saved, reset and refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reports.printed import services
from reports.printed.models import BadgePrint, InvitationLetter
from tests.factories import UserFactory


def test_mark_printed_records_then_updates(printed):
    congress, organiser = printed.congress, printed.organiser
    assert (
        services.badges_mark_printed(
            congress=congress, person_keys=["user:1", "speaker:2", "user:1"], by=organiser
        )
        == 2
    )
    first = dict(BadgePrint.objects.values_list("person_key", "printed_at"))
    assert sorted(first) == ["speaker:2", "user:1"]
    services.badges_mark_printed(congress=congress, person_keys=["user:1"], by=organiser)
    again = dict(BadgePrint.objects.values_list("person_key", "printed_at"))
    assert again["user:1"] > first["user:1"]
    assert again["speaker:2"] == first["speaker:2"]
    assert BadgePrint.objects.count() == 2
    assert services.badges_mark_printed(congress=congress, person_keys=[], by=organiser) == 0


@pytest.mark.parametrize("who", ["manager", "stranger"])
def test_mark_printed_refused_to_others(printed, who):
    user = printed.manager if who == "manager" else UserFactory()
    with pytest.raises(PermissionDenied):
        services.badges_mark_printed(congress=printed.congress, person_keys=["user:1"], by=user)
    assert BadgePrint.objects.count() == 0


def test_invitation_letter_saved_updated_and_reset(printed):
    congress, organiser = printed.congress, printed.organiser
    letter = services.invitation_letter_update(congress=congress, body="  Venez !  ", by=organiser)
    assert letter.body == "Venez !"
    services.invitation_letter_update(congress=congress, body="Venez nombreux.", by=organiser)
    assert InvitationLetter.objects.get(congress=congress).body == "Venez nombreux."
    assert services.invitation_letter_update(congress=congress, body=" ", by=organiser) is None
    assert not InvitationLetter.objects.exists()


def test_invitation_letter_too_long_or_not_organiser(printed):
    congress = printed.congress
    with pytest.raises(ValidationError):
        services.invitation_letter_update(congress=congress, body="x" * 8001, by=printed.organiser)
    with pytest.raises(PermissionDenied):
        services.invitation_letter_update(congress=congress, body="Hop", by=printed.manager)
    assert not InvitationLetter.objects.exists()


def test_guest_badges_added_and_removed(printed):
    from reports.printed.models import BadgeGuest

    congress, organiser = printed.congress, printed.organiser
    guest = services.badge_guest_add(
        congress=congress,
        full_name=" Jeanne Presse ",
        organisation="Ouest-France",
        role="press",
        by=organiser,
    )
    assert (guest.full_name, guest.role) == ("Jeanne Presse", "press")
    services.badges_mark_printed(congress=congress, person_keys=[f"guest:{guest.pk}"], by=organiser)
    with pytest.raises(ValidationError):
        services.badge_guest_add(
            congress=congress, full_name="X", organisation="", role="delegate", by=organiser
        )
    with pytest.raises(PermissionDenied):
        services.badge_guest_add(
            congress=congress, full_name="X", organisation="", role="press", by=printed.manager
        )
    with pytest.raises(PermissionDenied):
        services.badge_guest_remove(guest=guest, by=printed.manager)
    services.badge_guest_remove(guest=guest, by=organiser)
    assert not BadgeGuest.objects.exists()
    assert not BadgePrint.objects.exists()
