"""The waiting list's rules, one by one (mutants of congress/registrations/seats.py that the other
tests let live, issue 19): who may join and when, who may leave, which offers lapse, and who is
offered a freed place first."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congress.registrations import seats, services
from congress.registrations.models import WaitlistEntry, WaitlistState
from tests.congress.registrations.conftest import delegate
from tests.factories import CongressFactory, TariffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _full(edition, tariffs, manager):
    """The edition's last place taken by the CCAS's order (returned, to free it later)."""
    edition.capacity = 1
    edition.save()
    return services.order_create(
        congress=edition,
        by=manager,
        organisation=manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(1)],
    )


def _state(entry):
    entry.refresh_from_db()
    return entry.state


def test_joining_twice_is_refused_with_its_reason(edition, tariffs, ccas_manager):
    _full(edition, tariffs, ccas_manager)
    person = UserFactory()
    seats.waitlist_join(congress=edition, by=person)

    with pytest.raises(ValidationError) as error:
        seats.waitlist_join(congress=edition, by=person)

    assert error.value.messages == ["Vous êtes déjà sur la liste d'attente."]
    assert WaitlistEntry.objects.filter(user=person).count() == 1


def test_waiting_at_another_edition_or_having_left_does_not_prevent_joining(
    edition, tariffs, ccas_manager
):
    _full(edition, tariffs, ccas_manager)
    person = UserFactory()
    elsewhere = CongressFactory(capacity=0)
    seats.waitlist_join(congress=elsewhere, by=person)  # waiting at another edition

    entry = seats.waitlist_join(congress=edition, by=person)
    seats.waitlist_leave(entry=entry, by=person)
    again = seats.waitlist_join(congress=edition, by=person)  # the cancelled entry is no bar

    assert again.pk != entry.pk
    assert again.state == WaitlistState.WAITING


def test_joining_while_places_are_left_is_refused_with_its_reason(edition, ccas_manager):
    with pytest.raises(ValidationError) as error:
        seats.waitlist_join(congress=edition, by=UserFactory())

    (message,) = error.value.messages
    assert message.startswith("Des places sont disponibles")
    assert message.endswith("inscrivez-vous directement.")
    assert WaitlistEntry.objects.count() == 0


def test_a_full_tariff_quota_opens_the_waitlist_of_that_tariff(edition, tariffs, ccas_manager):
    """The edition has places left, the tariff's quota has none: joining for the tariff is
    allowed (the quota counts, not only the edition's capacity)."""
    tariffs["public"].quota = 1
    tariffs["public"].save()
    services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(1)],
    )

    ccas = ccas_manager.memberships.get().organisation

    entry = seats.waitlist_join(
        congress=edition, by=UserFactory(), tariff=tariffs["public"], organisation=ccas
    )

    entry.refresh_from_db()
    assert (entry.state, entry.tariff, entry.organisation) == (
        WaitlistState.WAITING,
        tariffs["public"],
        ccas,
    )


def test_joining_a_closed_registration_gives_its_code(edition):
    edition.capacity = 0
    edition.registration_closes_at = timezone.now() - timedelta(minutes=1)
    edition.save()

    with pytest.raises(ValidationError) as error:
        seats.waitlist_join(congress=edition, by=UserFactory())

    assert error.value.code == "registration_closed"


def test_an_organiser_may_take_someone_off_the_list(edition, tariffs, ccas_manager, organiser):
    _full(edition, tariffs, ccas_manager)
    entry = seats.waitlist_join(congress=edition, by=UserFactory())

    seats.waitlist_leave(entry=entry, by=organiser)

    assert _state(entry) == WaitlistState.CANCELLED


def test_refusals_say_why(edition, tariffs, ccas_manager):
    from django.contrib.auth.models import AnonymousUser

    _full(edition, tariffs, ccas_manager)
    entry = seats.waitlist_join(congress=edition, by=UserFactory())

    with pytest.raises(PermissionDenied) as anonymous:
        seats.waitlist_join(congress=edition, by=AnonymousUser())
    with pytest.raises(PermissionDenied) as stranger:
        seats.waitlist_leave(entry=entry, by=UserFactory())

    assert str(anonymous.value) == "Connectez-vous pour rejoindre la liste d'attente."
    assert str(stranger.value) == "Cette inscription en liste d'attente n'est pas la vôtre."


def _entry(congress, state, *, offered_until=None, created_at=None, user=None, **extra):
    return WaitlistEntry.objects.create(
        congress=congress,
        user=user or UserFactory(),
        state=state,
        offered_until=offered_until,
        created_at=created_at or timezone.now(),
        **extra,
    )


def test_only_this_editions_overdue_offers_lapse(edition):
    """Advancing the list lapses this edition's offers past their time, and nothing else: not a
    live offer, not an accepted one whose time has passed, not another edition's."""
    past = timezone.now() - timedelta(hours=1)
    edition.capacity = 0
    edition.save()
    overdue = _entry(edition, WaitlistState.OFFERED, offered_until=past)
    live = _entry(edition, WaitlistState.OFFERED, offered_until=past + timedelta(days=1))
    accepted = _entry(edition, WaitlistState.ACCEPTED, offered_until=past)
    other = CongressFactory(capacity=0)
    other_overdue = _entry(other, WaitlistState.OFFERED, offered_until=past)

    seats.waitlist_advance(congress=edition)

    assert [_state(e) for e in (overdue, live, accepted, other_overdue)] == [
        WaitlistState.LAPSED,
        WaitlistState.OFFERED,
        WaitlistState.ACCEPTED,
        WaitlistState.OFFERED,
    ]


def test_the_longest_waiting_is_offered_first_and_only_here(edition, settings):
    """First come, first offered: by the time of joining, whatever the order of the rows; the
    people waiting at another edition are not offered this edition's place."""
    settings.WAITLIST_OFFER_HOURS = 48
    now = timezone.now()
    other = CongressFactory(capacity=5)
    elsewhere = _entry(other, WaitlistState.WAITING, created_at=now - timedelta(days=9))
    edition.capacity = 1
    edition.save()
    later = _entry(edition, WaitlistState.WAITING, created_at=now - timedelta(days=1))
    earlier = _entry(edition, WaitlistState.WAITING, created_at=now - timedelta(days=2))

    offered = seats.waitlist_advance(congress=edition)

    assert offered == [earlier]
    earlier.refresh_from_db()
    assert earlier.offered_at is not None
    assert earlier.offered_until == earlier.offered_at + timedelta(hours=48)
    assert [_state(e) for e in (earlier, later, elsewhere)] == [
        WaitlistState.OFFERED,
        WaitlistState.WAITING,
        WaitlistState.WAITING,
    ]


def test_offers_read_the_tariff_and_the_person_in_the_same_query(
    edition, tariffs, django_capture_on_commit_callbacks, mailoutbox
):
    """Three people offered a place: no query per person for the tariff or the account, not
    even for the e-mails sent after the commit."""
    edition.capacity = 3
    edition.save()
    entries = [_entry(edition, WaitlistState.WAITING, tariff=tariffs["public"]) for _ in range(3)]

    with CaptureQueriesContext(connection) as queries:
        with django_capture_on_commit_callbacks(execute=True):
            offered = seats.waitlist_advance(congress=edition)

    assert offered == entries
    assert len(mailoutbox) == 3
    alone = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT")
        and q["sql"].split(" FROM ", 1)[1].split()[0] in ('"congress_tariff"', '"congress_user"')
    ]
    assert alone == []


# --- an order and the person's own live offer -------------------------------------------------


def _order(edition, tariffs, person):
    return services.order_create(
        congress=edition,
        by=person,
        tariff=tariffs["individual"],
        delegates=[{"full_name": "Lou Seule", "email": person.email}],
    )


def test_someone_elses_offer_keeps_its_place(edition, tariffs):
    """The last place is offered to someone: another person cannot take it by ordering."""
    edition.capacity = 1
    edition.save()
    offer = _entry(edition, WaitlistState.OFFERED, offered_until=timezone.now() + timedelta(days=1))

    with pytest.raises(seats.PlacesUnavailable):
        _order(edition, tariffs, UserFactory())

    assert _state(offer) == WaitlistState.OFFERED


def test_an_order_accepts_only_the_persons_live_offer_at_this_edition(edition, tariffs):
    """Ordering here accepts the person's live offer here, not their offer at another edition
    nor an offer they had declined (cancelled, its time not yet over)."""
    person = UserFactory()
    tomorrow = timezone.now() + timedelta(days=1)
    other = CongressFactory(capacity=1)
    offer_elsewhere = _entry(other, WaitlistState.OFFERED, offered_until=tomorrow, user=person)
    edition.capacity = 2
    edition.save()
    declined = _entry(edition, WaitlistState.CANCELLED, offered_until=tomorrow, user=person)

    _order(edition, tariffs, person)

    assert [_state(offer_elsewhere), _state(declined)] == [
        WaitlistState.OFFERED,
        WaitlistState.CANCELLED,
    ]


def test_an_overdue_offer_is_not_accepted_by_an_order(edition, tariffs):
    """An offer past its time (not yet marked lapsed) is no offer: ordering on a free place does
    not accept it."""
    person = UserFactory()
    overdue = _entry(
        edition,
        WaitlistState.OFFERED,
        offered_until=timezone.now() - timedelta(hours=1),
        user=person,
    )

    _order(edition, tariffs, person)

    assert _state(overdue) == WaitlistState.OFFERED


def test_an_invited_tariff_without_a_code_is_not_allowed(tariffs):
    """No code given is no code: even a tariff whose code would be a placeholder stays shut."""
    tariffs["speaker"].invitation_code = "XXXX"

    assert seats.tariff_is_allowed(tariffs["speaker"], organisation=None) is False
    assert seats.tariff_is_allowed(tariffs["speaker"], organisation=None, invitation_code=" XXXX ")


def test_places_taken_at_another_edition_do_not_count_here(edition, tariffs, ccas_manager):
    other = CongressFactory(capacity=5)
    services.order_create(
        congress=other,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=TariffFactory(congress=other, audience=tariffs["public"].audience),
        delegates=[delegate(1), delegate(2)],
    )
    edition.capacity = 1
    edition.save()

    assert (seats.places_left(edition), seats.places_left(other)) == (1, 3)


def test_leaving_passes_on_an_offer_made_since_the_entry_was_read(edition, settings):
    """The leaving person's entry was read while still waiting (the page, then the click); the
    last place was offered to them in between. Leaving reads the state under the edition's lock:
    the offer is passed on at once to the next person waiting, not at the next advance."""
    edition.capacity = 1
    edition.save()
    person = UserFactory()
    first = _entry(edition, WaitlistState.WAITING, user=person, created_at=timezone.now())
    stale = WaitlistEntry.objects.get(pk=first.pk)  # read while waiting
    nxt = _entry(edition, WaitlistState.WAITING, created_at=timezone.now() + timedelta(seconds=1))
    assert seats.waitlist_advance(congress=edition) == [first]  # the offer, made meanwhile

    seats.waitlist_leave(entry=stale, by=person)

    assert [_state(first), _state(nxt)] == [WaitlistState.CANCELLED, WaitlistState.OFFERED]
