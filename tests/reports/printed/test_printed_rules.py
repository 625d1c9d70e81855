"""Rules of the printed-matter services stated exactly: each edition's badges and letter are its
own, who printed is kept, the refusals' French texts, the letter's length limit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reports.printed import services
from reports.printed.models import BadgeGuest, BadgePrint, InvitationLetter
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain

BADGES_REFUSED = "Seuls les organisateurs de l'édition impriment les badges."


def other_edition():
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    return congress, organiser


def test_marking_badges_keeps_who_printed_them_in_this_edition_only(printed):
    congress, organiser = printed.congress, printed.organiser
    other, other_organiser = other_edition()
    services.badges_mark_printed(congress=other, person_keys=["user:1"], by=other_organiser)
    elsewhere = BadgePrint.objects.get(congress=other)
    colleague = UserFactory()
    congress.organisers.add(colleague)
    services.badges_mark_printed(congress=congress, person_keys=["user:1", "user:2"], by=organiser)
    before = timezone.now()
    assert (
        services.badges_mark_printed(
            congress=congress, person_keys=["user:1", "user:3"], by=colleague
        )  # fmt: skip
        == 2
    )
    rows = {
        key: (by, at >= before)
        for key, by, at in BadgePrint.objects.filter(congress=congress).values_list(
            "person_key", "printed_by", "printed_at"
        )
    }
    assert rows == {
        "user:1": (colleague.pk, True),
        "user:2": (organiser.pk, False),
        "user:3": (colleague.pk, True),
    }
    assert list(BadgePrint.objects.filter(congress=other).values_list(
        "person_key", "printed_by", "printed_at")) == [
        ("user:1", other_organiser.pk, elsewhere.printed_at)
    ]  # fmt: skip


def test_badges_are_refused_to_others_with_the_french_reason(printed):
    guest = services.badge_guest_add(congress=printed.congress, full_name="Jeanne Presse",
                                     organisation="", role="press", by=printed.organiser)  # fmt: skip
    for action, kwargs in (
        (services.badges_mark_printed, {"congress": printed.congress, "person_keys": ["user:1"]}),
        (services.badge_guest_add, {"congress": printed.congress, "full_name": "X",
                                    "organisation": "", "role": "press"}),
        (services.badge_guest_remove, {"guest": guest}),
    ):  # fmt: skip
        with pytest.raises(PermissionDenied) as error:
            action(by=printed.manager, **kwargs)
        assert str(error.value) == BADGES_REFUSED
    assert BadgeGuest.objects.count() == 1


def test_a_guest_badge_trims_its_texts(printed):
    guest = services.badge_guest_add(congress=printed.congress, full_name=" Jeanne Presse ",
                                     organisation="  Ouest-France ", role="volunteer",
                                     by=printed.organiser)  # fmt: skip
    stored = BadgeGuest.objects.get(pk=guest.pk)
    assert (stored.congress, stored.full_name, stored.organisation, stored.role) == (
        printed.congress, "Jeanne Presse", "Ouest-France", "volunteer"
    )  # fmt: skip


def test_removing_a_guest_forgets_its_printed_badge_only(printed):
    congress, organiser = printed.congress, printed.organiser
    guest = services.badge_guest_add(congress=congress, full_name="Jeanne Presse",
                                     organisation="", role="press", by=organiser)  # fmt: skip
    other, other_organiser = other_edition()
    key = f"guest:{guest.pk}"
    services.badges_mark_printed(congress=congress, person_keys=[key, "user:1"], by=organiser)
    services.badges_mark_printed(congress=other, person_keys=[key], by=other_organiser)
    services.badge_guest_remove(guest=guest, by=organiser)
    assert not BadgeGuest.objects.filter(pk=guest.pk).exists()
    assert sorted(BadgePrint.objects.values_list("congress", "person_key")) == sorted(
        [(congress.pk, "user:1"), (other.pk, key)]
    )


def test_a_letter_of_exactly_the_limit_is_kept_one_more_is_refused(printed):
    congress, organiser = printed.congress, printed.organiser
    letter = services.invitation_letter_update(congress=congress, body=" " + "x" * 8000 + "\n",
                                               by=organiser)  # fmt: skip
    assert InvitationLetter.objects.get(pk=letter.pk).body == "x" * 8000
    with pytest.raises(ValidationError) as error:
        services.invitation_letter_update(congress=congress, body="y" * 8001, by=organiser)
    assert plain(error.value.messages) == ["La lettre ne peut dépasser 8000 caractères."]
    assert error.value.code == "too_long"
    assert InvitationLetter.objects.get(pk=letter.pk).body == "x" * 8000


def test_the_letter_keeps_its_last_writer_and_a_reset_is_this_editions_only(printed):
    congress, organiser = printed.congress, printed.organiser
    other, other_organiser = other_edition()
    services.invitation_letter_update(congress=other, body="Bienvenue.", by=other_organiser)
    colleague = UserFactory()
    congress.organisers.add(colleague)
    services.invitation_letter_update(congress=congress, body="Venez !", by=organiser)
    services.invitation_letter_update(congress=congress, body="Venez nombreux.", by=colleague)
    letter = InvitationLetter.objects.get(congress=congress)
    assert (letter.body, letter.updated_by) == ("Venez nombreux.", colleague)
    services.invitation_letter_update(congress=congress, body="", by=organiser)
    assert list(InvitationLetter.objects.values_list("congress", "body")) == [
        (other.pk, "Bienvenue.")
    ]
    with pytest.raises(PermissionDenied) as error:
        services.invitation_letter_update(congress=congress, body="Hop", by=printed.manager)
    assert str(error.value) == "Seuls les organisateurs de l'édition modifient la lettre."


def test_a_first_letter_records_its_writer(printed):
    letter = services.invitation_letter_update(congress=printed.congress, body="Venez !",
                                               by=printed.organiser)  # fmt: skip
    assert InvitationLetter.objects.get(pk=letter.pk).updated_by == printed.organiser
