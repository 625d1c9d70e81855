"""Reads on site: tokens, permissions, the desk's accent-insensitive search, figures."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from congress.editions.permissions import is_organiser
from congress.onsite import selectors, tokens
from congress.onsite.models import CheckIn, DeskRole
from congress.onsite.permissions import (
    can_check_in,
    can_manage_desk,
    can_view_certificate,
    can_view_organisation_tickets,
    can_view_ticket,
)
from congress.registrations import tickets
from congress.registrations.models import OrderState, PaymentMethod, RegistrationStatus
from tests.congress.onsite.conftest import delegate
from tests.factories import CongressFactory, OrganisationFactory, TariffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_ticket_token_holds_no_personal_data_and_is_bound_to_its_edition(edition, helene):
    token = tickets.ticket_token(helene)
    assert "Hélène" not in token and "durand" not in token.lower()
    assert helene.email not in token
    assert tickets.ticket_registration_id(token, edition) == helene.pk
    other = CongressFactory()
    assert tickets.ticket_registration_id(token, other) is None
    assert tickets.ticket_registration_id(token[:-1] + "x", edition) is None
    assert tickets.ticket_registration_id("", edition) is None


def test_certificate_token_round_trip(helene):
    token = tokens.certificate_token(helene)
    assert tokens.certificate_registration_id(token) == helene.pk
    assert tokens.certificate_registration_id(tickets.ticket_token(helene)) is None


def test_can_check_in(edition, organiser, volunteer):
    other = CongressFactory()
    assert can_check_in(organiser, edition) is True
    assert can_check_in(volunteer, edition) is True
    assert can_check_in(volunteer, other) is False
    assert can_check_in(volunteer, None) is False
    assert can_check_in(UserFactory(), edition) is False
    assert can_manage_desk(organiser, edition) is True
    assert can_manage_desk(volunteer, edition) is False


def test_can_check_in_refuses_inactive_accounts(edition, volunteer, organiser):
    volunteer.is_active = organiser.is_active = False
    assert can_check_in(volunteer, edition) is False
    assert can_manage_desk(organiser, edition) is False


def test_can_check_in_after_is_organiser_still_sees_the_desk_role(edition, organiser, volunteer):
    """is_organiser fills the organiser cache first: the desk roles are then loaded on their
    own, and neither role leaks to another edition."""
    other = CongressFactory()
    assert is_organiser(volunteer, edition) is False
    assert can_check_in(volunteer, edition) is True
    assert can_check_in(volunteer, other) is False
    assert is_organiser(organiser, edition) is True
    assert can_check_in(organiser, edition) is True
    assert can_check_in(organiser, other) is False
    stranger = UserFactory()
    assert is_organiser(stranger, edition) is False
    assert can_check_in(stranger, edition) is False


def test_desk_editions_of_lists_only_an_active_persons_desks(edition, volunteer):
    assert selectors.desk_editions_of(volunteer) == [edition]
    assert selectors.desk_editions_of(UserFactory()) == []
    assert selectors.desk_editions_of(AnonymousUser()) == []
    volunteer.is_active = False
    assert selectors.desk_editions_of(volunteer) == []


def test_ticket_and_certificate_visibility(edition, organiser, manager, helene, organisation):
    owner = helene.user
    stranger = UserFactory()
    for user, allowed in ((owner, True), (manager, True), (organiser, True), (stranger, False)):
        assert can_view_ticket(user, helene) is allowed
        assert can_view_certificate(user, helene) is allowed
    owner.is_active = False
    assert can_view_ticket(owner, helene) is False
    assert can_view_organisation_tickets(manager, organisation, edition) is True
    assert can_view_organisation_tickets(organiser, organisation, edition) is True
    assert can_view_organisation_tickets(stranger, organisation, edition) is False
    stranger.is_active = False
    assert can_view_organisation_tickets(stranger, organisation, edition) is False


def test_individual_ticket_is_not_a_managers(edition, tariff, manager):
    alone = delegate(edition, tariff=tariff, name="Seule")
    assert can_view_ticket(manager, alone) is False


def test_desk_search_ignores_accents_and_case(edition, tariff, helene):
    other_org = OrganisationFactory(name="CCAS d'Angers")
    zoe = delegate(edition, tariff=tariff, organisation=other_org, name="Zoé Émond")
    delegate(edition, tariff=tariff, name="Cancelled Hélène", status=RegistrationStatus.CANCELLED)
    assert selectors.desk_search(edition, "helene") == [helene.pk]
    assert selectors.desk_search(edition, "EMOND") == [zoe.pk]
    assert selectors.desk_search(edition, "epicerie") == [helene.pk]
    assert selectors.desk_search(edition, "angers") == [zoe.pk]
    # Typed on a phone: hyphens and apostrophes as spaces (or left out).
    sable = delegate(edition, tariff=tariff, organisation=OrganisationFactory(name="CCAS de Sablé-sur-Sarthe"), name="Léa Dupont-Martin")  # fmt: skip
    assert selectors.desk_search(edition, "sable sur sarthe") == [sable.pk]
    assert selectors.desk_search(edition, "dupont martin") == [sable.pk]
    assert selectors.desk_search(edition, "ccas d angers") == [zoe.pk]
    assert selectors.desk_search(edition, "-") == []
    assert selectors.desk_search(edition, "  ") == []
    assert selectors.desk_search(edition, "e", limit=1) == [helene.pk]
    assert selectors.desk_search(CongressFactory(), "helene") == []


def test_desk_entries_amount_due_and_arrival(edition, tariff, helene, volunteer, today):
    unpaid = delegate(
        edition, tariff=tariff, name="Paul Impayé", state=OrderState.AWAITING_ON_SITE,
        method=PaymentMethod.ON_SITE,
    )  # fmt: skip
    CheckIn.objects.create(registration=helene, day=today, by=volunteer)
    CheckIn.objects.create(registration=unpaid, day=today + datetime.timedelta(days=1))
    entries = selectors.desk_entries(edition, [unpaid.pk, helene.pk, 999999], day=today)
    assert [e.pk for e in entries] == [unpaid.pk, helene.pk]
    assert entries[0].amount_due == Decimal("60.00")
    assert entries[0].arrival is None
    assert entries[1].amount_due == Decimal("0.00")
    assert entries[1].arrival.by == volunteer


def test_desk_volunteers_in_name_order(edition):
    for name in ("Zacharie", "Élodie", "Bruno"):
        DeskRole.objects.create(congress=edition, user=UserFactory(full_name=name))
    assert [r.user.full_name for r in selectors.desk_volunteers(edition)] == [
        "Bruno",
        "Élodie",
        "Zacharie",
    ]


def test_attendance_figures_per_day_and_tariff(edition, tariff, helene, today):
    speakers = TariffFactory(congress=edition, name="Intervenant", price=0)
    first_day_only = delegate(edition, tariff=speakers, name="Ana", days=[today])
    delegate(edition, tariff=tariff, name="Sans jours", days=[])
    helene_days = CheckIn.objects.create(registration=helene, day=today)
    CheckIn.objects.create(registration=first_day_only, day=today)
    assert helene_days.day == today
    figures = selectors.attendance_figures(edition)
    assert [(f.day, f.expected, f.arrived) for f in figures] == [
        (today, 2, 2),
        (today + datetime.timedelta(days=1), 1, 0),
    ]
    assert [(t.name, e, a) for t, e, a in figures[0].by_tariff] == [
        ("Intervenant", 1, 1),
        ("Association", 1, 1),
    ]


def test_ticket_groups_own_then_managed(edition, tariff, helene, manager, organisation, today):
    colleague = delegate(edition, tariff=tariff, organisation=organisation, name="Anne Dupont")
    other = OrganisationFactory(name="Banque alimentaire")
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=other, user=manager, role="manager")
    banker = delegate(edition, tariff=tariff, organisation=other, name="Zoé Banque")
    own = delegate(edition, tariff=tariff, name="Moi", user=manager)
    CheckIn.objects.create(registration=colleague, day=today)
    groups = selectors.ticket_groups(manager, edition)
    assert [(g.organisation, [r.pk for r in g.registrations]) for g in groups] == [
        (None, [own.pk]),
        (other, [banker.pk]),
        (organisation, [colleague.pk, helene.pk]),
    ]
    assert groups[2].registrations[0].days_attended == [today]
    assert selectors.ticket_groups(UserFactory(), edition) == []


def test_organisation_delegates_and_attendance(edition, tariff, helene, organisation, today):
    assert selectors.organisation_delegates(edition, organisation) == [helene]
    assert list(selectors.organisations_with_attendance(edition)) == []
    CheckIn.objects.create(registration=helene, day=today)
    CheckIn.objects.create(registration=helene, day=today + datetime.timedelta(days=1))
    found = list(selectors.organisations_with_attendance(edition))
    assert [(o, o.attended) for o in found] == [(organisation, 1)]
    assert selectors.attended_days(helene) == [today, today + datetime.timedelta(days=1)]


def test_desk_day_chosen_today_first_day_or_none(edition, today):
    first, second = edition.days
    assert selectors.desk_day(edition) == today == first
    assert selectors.desk_day(edition, second.isoformat()) == second
    assert selectors.desk_day(edition, "2001-01-01") == first  # not a day of the congress
    assert selectors.desk_day(edition, "garbage") == first
    before = first - datetime.timedelta(days=5)
    assert selectors.desk_day(edition, today=before) == first
    after = second + datetime.timedelta(days=1)
    assert selectors.desk_day(edition, today=after) is None
    assert selectors.desk_day(edition, second.isoformat(), today=after) == second
