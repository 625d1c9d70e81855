"""Who checks delegates in and sees tickets and certificates (congress/onsite/permissions.py,
issue 19): the welcome desk only during its shift (give or take DESK_MARGIN), organisers the
whole edition, delegates and their organisation's managers their own tickets."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from congress.editions.permissions import is_organiser
from congress.onsite.models import DeskRole, DeskRoleHours
from congress.onsite.permissions import (
    can_check_in,
    can_manage_desk,
    can_view_certificate,
    can_view_organisation_tickets,
    can_view_ticket,
)
from congress.organisations.models import MembershipRole
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()
NOW = timezone.make_aware(datetime.datetime(2026, 6, 12, 10, 0))
MARGIN = datetime.timedelta(minutes=30)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def fresh(user):
    """The same person in a new request: nothing cached."""
    for name in ("_organiser_of", "_desk_of"):
        if hasattr(user, name):
            delattr(user, name)
    return user


def shift_volunteer(congress, starts_at, ends_at):
    user = UserFactory()
    role = DeskRole.objects.create(congress=congress, user=user)
    DeskRoleHours.objects.create(role=role, starts_at=starts_at, ends_at=ends_at)
    return user


def test_a_desk_shift_opens_thirty_minutes_before_it_starts(clock):
    congress = CongressFactory()
    hour = datetime.timedelta(hours=1)
    just_in = shift_volunteer(congress, NOW + MARGIN, NOW + MARGIN + hour)
    too_early = shift_volunteer(congress, NOW + MARGIN + SECOND, NOW + MARGIN + hour)
    assert can_check_in(just_in, congress) is True
    assert can_check_in(too_early, congress) is False


def test_a_desk_shift_closes_thirty_minutes_after_it_ends(clock):
    congress = CongressFactory()
    hour = datetime.timedelta(hours=1)
    just_in = shift_volunteer(congress, NOW - MARGIN - hour, NOW - MARGIN)
    too_late = shift_volunteer(congress, NOW - MARGIN - hour, NOW - MARGIN - SECOND)
    during = shift_volunteer(congress, NOW - hour, NOW + hour)
    assert can_check_in(just_in, congress) is True
    assert can_check_in(too_late, congress) is False
    assert can_check_in(during, congress) is True


def test_any_current_shift_of_the_role_opens_the_desk(clock):
    congress = CongressFactory()
    hour = datetime.timedelta(hours=1)
    user = shift_volunteer(congress, NOW - 5 * hour, NOW - 4 * hour)  # this morning's: over
    role = DeskRole.objects.get(user=user)
    assert can_check_in(user, congress) is False
    DeskRoleHours.objects.create(role=role, starts_at=NOW - hour, ends_at=NOW + hour)
    assert can_check_in(fresh(user), congress) is True


def test_the_desk_of_one_edition_never_checks_in_at_another(clock):
    congress, other = CongressFactory(), CongressFactory()
    volunteer = UserFactory()
    DeskRole.objects.create(congress=congress, user=volunteer)  # no hours: the whole edition
    someone_else = shift_volunteer(other, NOW - MARGIN, NOW + MARGIN)
    assert can_check_in(volunteer, congress) is True
    assert can_check_in(fresh(volunteer), other) is False
    assert can_check_in(someone_else, congress) is False
    assert can_check_in(UserFactory(), congress) is False
    assert can_check_in(ANONYMOUS, congress) is False


def test_organisers_check_in_at_their_own_edition_only():
    congress, other = CongressFactory(), CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    assert can_check_in(organiser, congress) is True
    assert can_check_in(fresh(organiser), other) is False
    # Organiser and desk volunteer at once: both roles read from the one query.
    DeskRole.objects.create(congress=other, user=organiser)
    fresh(organiser)
    assert can_check_in(organiser, congress) is True
    assert can_check_in(organiser, other) is True
    assert organiser._organiser_of == {congress.pk}
    assert organiser._desk_of == {other.pk}


def test_check_in_reads_both_roles_in_one_query_once_per_request(django_assert_num_queries):
    congress = CongressFactory()
    volunteer = UserFactory()
    DeskRole.objects.create(congress=congress, user=volunteer)
    with django_assert_num_queries(1):
        assert can_check_in(volunteer, congress) is True
    with django_assert_num_queries(0):
        assert can_check_in(volunteer, congress) is True
        assert is_organiser(volunteer, congress) is False


def test_the_desk_is_read_after_the_organiser_roles_were_already_cached():
    congress, other = CongressFactory(), CongressFactory()
    volunteer, organiser = UserFactory(), UserFactory()
    DeskRole.objects.create(congress=congress, user=volunteer)
    other.organisers.add(organiser)
    DeskRole.objects.create(congress=congress, user=organiser)
    assert is_organiser(volunteer, congress) is False  # fills _organiser_of
    assert is_organiser(organiser, other) is True
    assert can_check_in(volunteer, congress) is True
    assert volunteer._desk_of == {congress.pk}
    assert can_check_in(organiser, congress) is True
    assert can_check_in(organiser, other) is True
    assert can_check_in(volunteer, other) is False


def test_a_superuser_checks_in_anywhere_but_needs_an_edition():
    superuser = UserFactory(is_superuser=True)
    assert can_check_in(superuser, CongressFactory()) is True
    assert can_check_in(superuser, None) is False
    assert can_check_in(UserFactory(), None) is False


@pytest.fixture
def tickets():
    congress = CongressFactory()
    organisation = OrganisationFactory()
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    organiser, volunteer = UserFactory(), UserFactory()
    congress.organisers.add(organiser)
    DeskRole.objects.create(congress=congress, user=volunteer)
    other_organiser = UserFactory()
    CongressFactory().organisers.add(other_organiser)
    registration = RegistrationFactory(
        order=OrderFactory(congress=congress, organisation=organisation)
    )
    alone = RegistrationFactory(order=OrderFactory(congress=congress, organisation=None))
    return {
        "congress": congress,
        "organisation": organisation,
        "manager": manager,
        "member": member,
        "organiser": organiser,
        "volunteer": volunteer,
        "other_organiser": other_organiser,
        "registration": registration,
        "alone": alone,
    }


def test_a_ticket_is_seen_by_the_delegate_the_manager_the_organisers_and_the_desk(tickets):
    t = tickets
    registration, alone = t["registration"], t["alone"]
    assert can_view_ticket(registration.user, registration) is True
    assert can_view_ticket(t["manager"], registration) is True
    assert can_view_ticket(t["organiser"], registration) is True
    assert can_view_ticket(t["volunteer"], registration) is True
    assert can_view_ticket(t["member"], registration) is False
    assert can_view_ticket(t["other_organiser"], registration) is False
    assert can_view_ticket(alone.user, registration) is False
    assert can_view_ticket(ANONYMOUS, registration) is False
    assert can_view_ticket(alone.user, alone) is True
    assert can_view_ticket(t["manager"], alone) is False


def test_a_ticket_filed_for_an_address_is_seen_once_the_address_is_confirmed(tickets):
    congress = tickets["congress"]
    confirmed, unconfirmed = UserFactory(), UserFactory(email_confirmed_at=None)
    for person in (confirmed, unconfirmed):
        registration = RegistrationFactory(
            order=OrderFactory(congress=congress), user=None, full_name="Zélie Quémeneur",
            email=person.email,
        )  # fmt: skip
        assert can_view_ticket(person, registration) is (person is confirmed)
        assert can_view_certificate(person, registration) is (person is confirmed)


def test_a_certificate_is_seen_by_the_delegate_the_manager_and_organisers_not_the_desk(tickets):
    t = tickets
    registration, alone = t["registration"], t["alone"]
    assert can_view_certificate(registration.user, registration) is True
    assert can_view_certificate(t["manager"], registration) is True
    assert can_view_certificate(t["organiser"], registration) is True
    assert can_view_certificate(t["volunteer"], registration) is False
    assert can_view_certificate(t["member"], registration) is False
    assert can_view_certificate(t["other_organiser"], registration) is False
    assert can_view_certificate(alone.user, registration) is False
    assert can_view_certificate(ANONYMOUS, registration) is False
    assert can_view_certificate(t["organiser"], alone) is True
    assert can_view_certificate(t["manager"], alone) is False


def test_organisation_tickets_for_its_managers_and_the_edition_organisers(tickets):
    t = tickets
    congress, organisation = t["congress"], t["organisation"]
    other_organisation = OrganisationFactory()
    assert can_view_organisation_tickets(t["manager"], organisation, congress) is True
    assert can_view_organisation_tickets(t["organiser"], organisation, congress) is True
    assert can_view_organisation_tickets(t["organiser"], other_organisation, congress) is True
    assert can_view_organisation_tickets(t["manager"], other_organisation, congress) is False
    assert can_view_organisation_tickets(t["member"], organisation, congress) is False
    assert can_view_organisation_tickets(t["volunteer"], organisation, congress) is False
    assert can_view_organisation_tickets(t["other_organiser"], organisation, congress) is False
    assert can_view_organisation_tickets(ANONYMOUS, organisation, congress) is False


def test_only_the_edition_organisers_manage_the_desk(tickets):
    t = tickets
    congress = t["congress"]
    assert can_manage_desk(t["organiser"], congress) is True
    assert can_manage_desk(t["volunteer"], congress) is False
    assert can_manage_desk(t["other_organiser"], congress) is False
    assert can_manage_desk(ANONYMOUS, congress) is False


def test_check_in_keeps_the_organiser_roles_already_read_in_the_request():
    """is_organiser and can_check_in share one reading per request: an organiser role granted
    after it was read counts from the next request, for both alike."""
    congress = CongressFactory()
    user = UserFactory()
    assert is_organiser(user, congress) is False  # read for this request
    congress.organisers.add(user)
    assert can_check_in(user, congress) is False
    assert is_organiser(user, congress) is False
    fresh(user)  # the next request
    assert can_check_in(user, congress) is True
    assert is_organiser(user, congress) is True
