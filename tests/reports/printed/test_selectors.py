"""Who gets a badge and as what; door signs, the booklet, the share page's details."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from congress.registrations.models import RegistrationStatus
from proposals.models import Speaker
from reports.printed import selectors
from reports.printed.models import BadgePrint, BadgeRole
from tests.factories import TariffFactory, UserFactory
from tests.factories.volunteers import ShiftFactory
from tests.reports.printed.conftest import delegate
from volunteers.models import ShiftSignup


def by_name(people):
    return {person.name: person for person in people}


def test_badge_people_gathers_each_source_with_its_role(printed):
    people = by_name(selectors.badge_people(printed.congress))
    congress = printed.congress
    assert sorted(people) == [
        "Amina Animatrice",
        "Bruno Anime",
        "Claire Organisatrice",
        "Déléguée 1",
        "Samir Intervenant",
    ]
    assert people["Déléguée 1"].role == BadgeRole.DELEGATE
    assert people["Déléguée 1"].organisation == "Épicerie solidaire du Maine"
    assert people["Déléguée 1"].days == {congress.start_date}
    assert people["Déléguée 1"].track_colour == ""
    assert people["Samir Intervenant"].role == BadgeRole.SPEAKER
    assert people["Samir Intervenant"].organisation == "ESAT du Maine"
    assert people["Samir Intervenant"].track_colour == "#7b2d8b"
    assert people["Samir Intervenant"].days == {congress.end_date}
    assert people["Amina Animatrice"].role == BadgeRole.MODERATOR
    assert people["Amina Animatrice"].organisation == "Épicerie solidaire du Maine"
    assert people["Amina Animatrice"].track_slug == "aide"
    assert people["Amina Animatrice"].days == {congress.start_date}
    assert people["Bruno Anime"].days == set(congress.days)
    assert people["Bruno Anime"].track_name == "Handicap-inclusion"
    assert people["Claire Organisatrice"].role == BadgeRole.ORGANISER
    assert people["Claire Organisatrice"].organisation == "Ville du Mans et CCAS du Mans"
    assert people["Claire Organisatrice"].role_label == "Organisateur·rice"


def test_one_badge_per_person_with_the_most_visible_role(printed):
    congress = printed.congress
    moderator = printed.users["session_moderator"]
    # The moderator registered as a delegate too; a delegate is also a speaker (same e-mail).
    own = delegate(congress, None, moderator.full_name)
    own.user = moderator
    own.email = moderator.email
    own.save()
    speaker_reg = delegate(congress, printed.organisation, "Samir Intervenant")
    Speaker.objects.filter(name="Samir Intervenant").update(email=speaker_reg.email.upper())
    people = selectors.badge_people(congress)
    names = [p.name for p in people]
    assert names.count("Amina Animatrice") == 1
    assert names.count("Samir Intervenant") == 1
    samir = by_name(people)["Samir Intervenant"]
    assert samir.role == BadgeRole.SPEAKER
    assert samir.key == f"user:{speaker_reg.user_id}"
    assert samir.organisation == "Épicerie solidaire du Maine"  # the registration's first
    assert by_name(people)["Amina Animatrice"].role == BadgeRole.MODERATOR


def test_delegate_without_account_or_organisation_and_odd_days(printed):
    congress = printed.congress
    registration = delegate(congress, None, "  ", days=["not-a-date", None])
    registration.user = None
    registration.save()
    person = by_name(selectors.badge_people(congress))["—"]
    assert person.key == f"registration:{registration.pk}"
    assert person.organisation == ""
    assert person.days == set()


def test_organisers_of_an_edition_without_organiser_name_take_their_membership(printed):
    congress = printed.congress
    congress.organiser_name = ""
    congress.save()
    congress.organisers.add(printed.manager)
    manager = by_name(selectors.badge_people(congress))[printed.manager.full_name]
    assert manager.organisation == "Épicerie solidaire du Maine"
    assert by_name(selectors.badge_people(congress))["Claire Organisatrice"].organisation == ""


def test_printed_at_comes_from_the_last_print(printed):
    congress = printed.congress
    person = by_name(selectors.badge_people(congress))["Déléguée 1"]
    when = timezone.now() - timedelta(hours=1)
    BadgePrint.objects.create(congress=congress, person_key=person.key, printed_at=when)
    again = by_name(selectors.badge_people(congress))
    assert again["Déléguée 1"].printed_at == when
    assert again["Bruno Anime"].printed_at is None


def test_people_sorted_in_french_order(printed):
    congress = printed.congress
    delegate(congress, None, "Élodie Zed")
    delegate(congress, None, "Eve Alpha")
    names = [p.name for p in selectors.badge_people(congress)]
    assert names.index("Élodie Zed") < names.index("Eve Alpha")  # é = e: « elodie » < « eve »


def test_filter_badges_by_each_filter(printed):
    congress = printed.congress
    people = selectors.badge_people(congress)
    by = selectors.filter_badges
    assert [p.name for p in by(people, organisation="ESAT du Maine")] == ["Samir Intervenant"]
    assert {p.name for p in by(people, day=congress.end_date)} == {
        "Bruno Anime",
        "Claire Organisatrice",
        "Samir Intervenant",
    }
    assert [p.name for p in by(people, role=BadgeRole.MODERATOR)] == [
        "Amina Animatrice",
        "Bruno Anime",
    ]
    people[0].printed_at = timezone.now()
    assert len(by(people, not_printed=True)) == len(people) - 1
    assert by(people) == people


def test_badge_organisations_distinct_and_sorted(printed):
    people = selectors.badge_people(printed.congress)
    assert selectors.badge_organisations(people) == [
        "Épicerie solidaire du Maine",
        "ESAT du Maine",
        "Ville du Mans et CCAS du Mans",
    ]


def test_take_track_keeps_the_first_track(printed):
    person = selectors.BadgePerson(key="k", name="N")
    person.take_track(None)
    assert person.track_colour == ""
    person.take_track(printed.tracks[0])
    person.take_track(printed.tracks[1])
    assert person.track_slug == "aide"


def test_door_signs_one_per_room_and_day(printed):
    congress = printed.congress
    first, second = printed.sessions
    signs = selectors.door_signs(congress)
    assert [(s.day, s.room.name, [x.title for x in s.sessions]) for s in signs] == [
        (congress.start_date, "Salle Sarthe", ["Épiceries solidaires"]),
        (congress.end_date, "Salle Loire", ["Emploi accompagné"]),
    ]
    sign = selectors.door_sign(congress, printed.rooms[0], congress.start_date)
    assert sign.sessions == [first]
    assert selectors.door_sign(congress, printed.rooms[0], congress.end_date).sessions == []


def test_programme_booklet_by_day(printed):
    days = selectors.programme_booklet(printed.congress)
    assert [[s.title for s in d.sessions] for d in days] == [
        ["Épiceries solidaires"],
        ["Emploi accompagné"],
    ]


def test_share_details_leave_out_invitation_only_tariffs(printed):
    congress = printed.congress
    open_tariff = TariffFactory(congress=congress, name="Association")
    TariffFactory(congress=congress, name="Invités", invitation_code="SECRET")
    details = selectors.share_details(congress)
    assert open_tariff in details["tariffs"]
    assert "Invités" not in [t.name for t in details["tariffs"]]
    assert [t.slug for t in details["tracks"]] == ["aide", "inclusion"]
    assert [v.name for v in details["venues"]] == ["Palais des Congrès"]


def test_pending_and_other_editions_registrations_get_no_badge(printed):
    other = delegate(printed.organisation and printed.congress, None, "Annulée")
    other.status = RegistrationStatus.CANCELLED
    other.save()
    UserFactory(full_name="Personne")
    names = [p.name for p in selectors.badge_people(printed.congress)]
    assert "Annulée" not in names
    assert "Pendante" not in names
    assert "Personne" not in names


def test_guests_get_press_and_volunteer_badges_for_every_day(printed):
    from reports.printed.models import BadgeGuest

    congress = printed.congress
    guest = BadgeGuest.objects.create(
        congress=congress, full_name="Jeanne Presse", organisation="Ouest-France", role="press"
    )
    person = by_name(selectors.badge_people(congress))["Jeanne Presse"]
    assert (person.key, person.role, person.organisation) == (
        f"guest:{guest.pk}",
        BadgeRole.PRESS,
        "Ouest-France",
    )
    assert person.guest_pk == guest.pk
    assert person.days == set(congress.days)
    assert by_name(selectors.badge_people(congress))["Bruno Anime"].guest_pk is None


def test_a_lesser_role_never_replaces_a_more_visible_one():
    person = selectors.BadgePerson(key="k", name="N", role=BadgeRole.ORGANISER)
    person.take_role(BadgeRole.DELEGATE)
    assert person.role == BadgeRole.ORGANISER


def test_volunteers_with_a_shift_get_a_volunteer_badge_for_its_days(printed):
    congress = printed.congress
    helper = UserFactory(full_name="Vera Bénévole")
    for day in congress.days:
        shift = ShiftFactory(
            congress=congress,
            starts_at=timezone.make_aware(datetime.combine(day, time(8, 0))),
        )
        ShiftSignup.objects.create(shift=shift, user=helper)
    moderator = printed.users["session_moderator"]  # also a volunteer: stays a moderator
    ShiftSignup.objects.create(shift=shift, user=moderator)
    ShiftSignup.objects.create(shift=ShiftFactory(), user=UserFactory(full_name="Ailleurs"))
    people = by_name(selectors.badge_people(congress))
    assert people["Vera Bénévole"].role == BadgeRole.VOLUNTEER
    assert people["Vera Bénévole"].role_label == "Bénévole"
    assert people["Vera Bénévole"].days == set(congress.days)
    assert people["Amina Animatrice"].role == BadgeRole.MODERATOR
    assert "Ailleurs" not in people  # a shift at another edition
