"""Reads of the registrations sub-domain (issue 19): the organisers' board filters, the totals,
the waiting list and a person's live offer each return exactly the rows they should."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from congress.organisations.models import OrganisationKind
from congress.registrations import selectors
from congress.registrations.models import (
    OrderState,
    PaymentMethod,
    RegistrationStatus,
    WaitlistEntry,
    WaitlistState,
)
from tests.factories import (
    CongressFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    TariffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _register(congress, tariff, name, *, organisation=None, state=OrderState.FREE, total="0"):
    order = OrderFactory(
        congress=congress,
        organisation=organisation,
        # Placed by a namesake: an order without organisation sorts by who placed it.
        placed_by=UserFactory(full_name=name),
        state=state,
        total=Decimal(total),
        payment_method=PaymentMethod.FREE if total == "0" else PaymentMethod.INVOICE,
    )
    status = (
        RegistrationStatus.PENDING
        if state == OrderState.PENDING_PAYMENT
        else RegistrationStatus.CONFIRMED
    )
    return RegistrationFactory(
        order=order,
        congress=congress,
        tariff=tariff,
        user=UserFactory(full_name=name),
        full_name=name,
        status=status,
    )


@pytest.fixture
def board():
    congress = CongressFactory()
    tariff, other_tariff = TariffFactory(congress=congress), TariffFactory(congress=congress)
    ccas = OrganisationFactory(ccas=True, name="CCAS d'Angers", departement="49")
    association = OrganisationFactory(name="Banque alimentaire", departement="72")
    _register(congress, tariff, "Chloé", organisation=ccas, state=OrderState.PAID, total="90")
    _register(
        congress, other_tariff, "Bruno", organisation=association,
        state=OrderState.AWAITING_MANDATE, total="60",
    )  # fmt: skip
    _register(congress, tariff, "Anna")  # alone, free
    _register(
        congress, tariff, "Denis", organisation=association,
        state=OrderState.PENDING_PAYMENT, total="60",
    )  # fmt: skip
    _register(CongressFactory(), TariffFactory(), "Ailleurs")  # another edition
    return congress, tariff, other_tariff


def _board_names(congress, **filters):
    return [r.full_name for r in selectors.registrations_board(congress, **filters)]


def test_board_lists_the_edition_by_organisation_then_name(board):
    congress, *_ = board
    # The person registered alone sorts by her own name (she placed the order), among the
    # organisations, the same way on both databases; an organisation's orders in turn.
    assert _board_names(congress) == ["Anna", "Bruno", "Denis", "Chloé"]


def test_board_filters(board):
    congress, tariff, other_tariff = board
    assert _board_names(congress, tariff=str(other_tariff.pk)) == ["Bruno"]
    assert _board_names(congress, kind="individual") == ["Anna"]
    assert _board_names(congress, kind=OrganisationKind.CCAS) == ["Chloé"]
    assert _board_names(congress, state=OrderState.PENDING_PAYMENT) == ["Denis"]
    assert _board_names(congress, departement="72") == ["Bruno", "Denis"]
    assert _board_names(congress, departement="72", state=OrderState.AWAITING_MANDATE) == ["Bruno"]


def test_totals_count_confirmed_people_and_the_money(board):
    congress, *_ = board
    totals = selectors.registration_totals(congress)
    assert totals["confirmed"] == 3
    assert totals["pending"] == 1
    assert totals["paid_amount"] == Decimal("90")
    assert totals["awaiting_amount"] == Decimal("60")


def test_totals_of_an_empty_edition_are_zero():
    totals = selectors.registration_totals(CongressFactory())
    assert totals == {
        "confirmed": 0, "pending": 0, "held": 0, "paid_amount": 0, "awaiting_amount": 0,
    }  # fmt: skip


def test_waitlist_and_live_offer():
    congress = CongressFactory()
    now = timezone.now()
    waiting, offered, lapsed, declined = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    entries = {
        "waiting": WaitlistEntry.objects.create(
            congress=congress, user=waiting, created_at=now - timedelta(hours=3)
        ),
        "offered": WaitlistEntry.objects.create(
            congress=congress,
            user=offered,
            state=WaitlistState.OFFERED,
            offered_at=now,
            offered_until=now + timedelta(days=1),
            created_at=now - timedelta(hours=2),
        ),
        "lapsed": WaitlistEntry.objects.create(
            congress=congress,
            user=lapsed,
            state=WaitlistState.OFFERED,
            offered_at=now - timedelta(days=3),
            offered_until=now - timedelta(days=1),
            created_at=now - timedelta(hours=1),
        ),
    }
    WaitlistEntry.objects.create(congress=congress, user=declined, state=WaitlistState.ACCEPTED)
    assert list(selectors.congress_waitlist(congress)) == [
        entries["waiting"],
        entries["offered"],
        entries["lapsed"],
    ]
    assert list(selectors.user_waitlist(waiting)) == [entries["waiting"]]
    assert list(selectors.user_waitlist(declined)) == []
    assert selectors.user_live_offer(offered, congress) == entries["offered"]
    assert selectors.user_live_offer(lapsed, congress) is None
    assert selectors.user_live_offer(waiting, congress) is None
    assert selectors.user_live_offer(offered, CongressFactory()) is None


def test_the_board_counts_places_left_as_the_seats_do(board):
    """board_figures counts the places left from the totals and the waiting list it has read
    (no query of their own): the same figure as seats.places_left, live offers included."""
    from congress.registrations import seats

    congress, *_ = board
    congress.capacity = 20
    congress.save()
    now = timezone.now()
    for until in (now + timedelta(days=1), now - timedelta(days=1)):  # a live and a lapsed offer
        WaitlistEntry.objects.create(
            congress=congress, user=UserFactory(), state=WaitlistState.OFFERED,
            offered_at=now - timedelta(days=2), offered_until=until,
        )  # fmt: skip
    totals, places_left, waitlist = selectors.board_figures(congress)
    assert places_left == seats.places_left(congress) == 20 - totals["held"] - 1
    assert len(waitlist) == 2
    congress.capacity = None
    assert selectors.board_figures(congress)[1] is None


def test_user_orders_are_those_placed_or_registered_in():
    congress = CongressFactory()
    user = UserFactory()
    placed = OrderFactory(congress=congress, placed_by=user)
    registered_in = RegistrationFactory(order=OrderFactory(congress=congress), user=user).order
    OrderFactory(congress=congress)  # someone else's
    assert set(selectors.user_orders(user)) == {placed, registered_in}


def test_organisation_orders_count_their_delegates():
    congress = CongressFactory()
    organisation = OrganisationFactory()
    order = OrderFactory(congress=congress, organisation=organisation)
    RegistrationFactory(order=order)
    RegistrationFactory(order=order)
    OrderFactory(congress=congress)
    rows = list(selectors.organisation_orders(organisation))
    assert rows == [order]
    assert rows[0].delegate_count == 2
