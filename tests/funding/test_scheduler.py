"""The meeting scheduler's guarantees, on hard cases and on random ones (property style)."""

import random
from datetime import date, time

import pytest

from funding.meetings.scheduler import (
    Wish,
    assign_tables,
    build_schedule,
    greedy_schedule,
    grid_slots,
    parse_breaks,
)


def assert_nobody_twice(schedule, wishes):
    holder_of = {w.application: w.holder for w in wishes}
    seen = set()
    for (application, funder), slot in schedule.placed.items():
        assert ("funder", funder, slot) not in seen
        assert ("holder", holder_of[application], slot) not in seen
        seen.add(("funder", funder, slot))
        seen.add(("holder", holder_of[application], slot))


def test_grid_slots_mark_the_slots_that_overlap_a_break():
    slots = grid_slots(date(2026, 11, 22), time(14), time(17), 15, parse_breaks("15:30-15:45"))

    assert len(slots) == 12
    assert [i for i, _s, _e, is_break in slots if is_break] == [6]
    assert slots[0][1].time() == time(14, 0)
    assert slots[-1][2].time() == time(17, 0)


def test_a_break_across_two_slots_removes_both():
    slots = grid_slots(date(2026, 11, 22), time(14), time(15), 15, parse_breaks("14:20-14:35"))

    assert [i for i, _s, _e, is_break in slots if is_break] == [1, 2]


@pytest.mark.parametrize("text", ["15:30", "16:00-15:00", "midi-14:00"])
def test_malformed_breaks_are_refused(text):
    with pytest.raises(ValueError):
        parse_breaks(text)


def test_mutual_wishes_come_before_one_sided_ones():
    # One slot, one funder, two holders: the mutual wish wins even though it comes last.
    wishes = [Wish(1, 1, 10, mutual=False), Wish(2, 2, 10, mutual=True)]

    schedule = build_schedule([0], wishes)

    assert schedule.placed == {(2, 10): 0}
    assert schedule.unmet == [wishes[0]]


def test_more_wishes_than_slots_leaves_the_rest_unmet():
    wishes = [Wish(a, a, 10, mutual=False) for a in range(1, 6)]

    schedule = build_schedule([0, 1, 2], wishes)

    assert sorted(schedule.placed.values()) == [0, 1, 2]
    assert len(schedule.unmet) == 2


def test_a_funder_and_a_holder_both_busy_take_the_next_common_slot():
    busy = {("funder", 10): {0}, ("holder", 1): {1}}

    schedule = build_schedule([0, 1, 2, 3], [Wish(1, 1, 10, mutual=True)], busy=busy)

    assert schedule.placed == {(1, 10): 2}


def test_breaks_are_never_used():
    slots = grid_slots(date(2026, 11, 22), time(14), time(15), 15, parse_breaks("14:15-14:45"))
    usable = [i for i, _s, _e, is_break in slots if not is_break]
    wishes = [Wish(a, a, 10, mutual=True) for a in range(1, 5)]

    schedule = build_schedule(usable, wishes)

    assert sorted(schedule.placed.values()) == [0, 3]


def test_two_applications_of_one_organisation_never_meet_at_the_same_time():
    wishes = [Wish(1, 7, 10, mutual=True), Wish(2, 7, 11, mutual=True)]

    schedule = build_schedule([0, 1], wishes)

    assert sorted(schedule.placed.values()) == [0, 1]


def test_round_robin_is_fair_between_holders():
    # Two funders, two slots, three holders wanting both: the naive greedy gives holders 1
    # and 2 two meetings each and holder 3 none; the round-robin gives everyone at least one.
    wishes = [Wish(h, h, f, mutual=False) for h in (1, 2, 3) for f in (10, 11)]

    schedule = build_schedule([0, 1], wishes)
    greedy = greedy_schedule([0, 1], wishes)

    def per_holder(s):
        return sorted(sum(1 for a, _f in s.placed if a == h) for h in (1, 2, 3))

    assert per_holder(schedule) == [1, 1, 2]
    assert per_holder(greedy) == [0, 2, 2]


def test_tables_keep_fixed_numbers_and_refuse_too_many_funders():
    assert assign_tables([1, 2, 3], {2: 1}, 3) == {2: 1, 1: 2, 3: 3}
    with pytest.raises(ValueError):
        assign_tables([1, 2, 3], {}, 2)


@pytest.mark.parametrize("seed", range(40))
def test_property_nobody_is_ever_in_two_places_and_mutual_wishes_are_served_first(seed):
    rng = random.Random(seed)
    holders = rng.randint(1, 25)
    funders = rng.randint(1, 8)
    slots = sorted(rng.sample(range(12), rng.randint(1, 12)))  # breaks: missing slots
    wishes = []
    for application in range(1, holders + 1):
        holder = rng.randint(1, max(1, holders // 2))  # organisations with several projects
        for funder in rng.sample(range(100, 100 + funders), rng.randint(0, funders)):
            wishes.append(Wish(application, holder, funder, mutual=rng.random() < 0.4))

    schedule = build_schedule(slots, wishes)

    assert_nobody_twice(schedule, wishes)
    assert set(schedule.placed.values()) <= set(slots)
    assert len(schedule.placed) + len(schedule.unmet) == len(wishes)
    # Mutual first: the mutual wishes met are at least as many as when the one-sided wishes
    # are left out altogether (they can never take a slot from a mutual wish).
    only_mutual = build_schedule(slots, [w for w in wishes if w.mutual])
    assert schedule.mutual_met(wishes) == len(only_mutual.placed)
    greedy = greedy_schedule(slots, wishes)
    assert_nobody_twice(greedy, wishes)
