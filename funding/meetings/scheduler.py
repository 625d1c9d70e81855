"""The meeting scheduler: pure functions, no database.

Given the usable slots of the grid, the funders and the wishes, it assigns each wish a slot:

1. mutual wishes first, then one-sided ones (a second pass over the same free slots);
2. inside a pass, round-robin between project holders: at each turn, the holder with the fewest
   meetings granted so far (then the smallest key) places their next wish, so that a holder with
   twenty wishes cannot take every funder's afternoon before a holder with two got one;
3. a wish takes the earliest slot where both the funder and the holder are free: no one is ever
   in two places at once; breaks are simply not among the usable slots;
4. a wish that finds no common free slot is left out (reported as unmet).

Holders are identified by a key (the applying organisation): two applications of one
organisation share its people, so they never meet two funders at the same time.
"""

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class Wish:
    application: int
    holder: int  # the organisation: the people who must be present
    funder: int
    mutual: bool


@dataclass
class Schedule:
    placed: dict[tuple[int, int], int] = field(
        default_factory=dict
    )  # (application, funder) -> slot
    unmet: list[Wish] = field(default_factory=list)

    def mutual_met(self, wishes: list[Wish]) -> int:
        return sum(1 for w in wishes if w.mutual and (w.application, w.funder) in self.placed)


def parse_breaks(text: str) -> list[tuple[time, time]]:
    """« 15:30-15:45, 16:30-16:40 » as pairs of times; ValueError on a malformed entry."""
    breaks = []
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        start, _, end = part.partition("-")
        try:
            begin, finish = time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
        except ValueError:  # Python's own message (in English) names no part: name the part
            raise ValueError(part) from None
        if finish <= begin:
            raise ValueError(part)
        breaks.append((begin, finish))
    return breaks


def grid_slots(
    day: date, starts_at: time, ends_at: time, minutes: int, breaks: list[tuple[time, time]]
) -> list[tuple[int, datetime, datetime, bool]]:
    """Every slot of the grid: (index, start, end, is_break). A slot that overlaps a break is a
    break."""
    slots = []
    start = datetime.combine(day, starts_at)
    end_of_day = datetime.combine(day, ends_at)
    step = timedelta(minutes=minutes)
    index = 0
    while start + step <= end_of_day:
        end = start + step
        in_break = any(
            start < datetime.combine(day, b_end) and datetime.combine(day, b_start) < end
            for b_start, b_end in breaks
        )
        slots.append((index, start, end, in_break))
        start, index = end, index + 1
    return slots


def build_schedule(
    slots: list[int],
    wishes: list[Wish],
    *,
    busy: dict[tuple[str, int], set[int]] | None = None,
) -> Schedule:
    """Assign the wishes to the usable `slots` (see the module's docstring). `busy` gives the
    slots already taken by ("funder", id) or ("holder", id) (meetings kept by hand)."""
    slots = sorted(slots)
    taken: dict[tuple[str, int], set[int]] = {k: set(v) for k, v in (busy or {}).items()}
    granted: dict[int, int] = {}
    schedule = Schedule()
    seen: set[tuple[int, int]] = set()
    unique = []
    for wish in sorted(wishes, key=lambda w: (not w.mutual, w.holder, w.application, w.funder)):
        if (wish.application, wish.funder) not in seen:
            seen.add((wish.application, wish.funder))
            unique.append(wish)
    for mutual in (True, False):
        queues: dict[int, list[Wish]] = {}
        for wish in unique:
            if wish.mutual == mutual:
                queues.setdefault(wish.holder, []).append(wish)
        heap = [(granted.get(holder, 0), holder) for holder in queues]
        heapq.heapify(heap)
        while heap:
            _count, holder = heapq.heappop(heap)
            queue = queues[holder]
            wish = queue.pop(0)
            holder_busy = taken.setdefault(("holder", holder), set())
            funder_busy = taken.setdefault(("funder", wish.funder), set())
            slot = next((s for s in slots if s not in holder_busy and s not in funder_busy), None)
            if slot is None:
                schedule.unmet.append(wish)
            else:
                holder_busy.add(slot)
                funder_busy.add(slot)
                schedule.placed[(wish.application, wish.funder)] = slot
                granted[holder] = granted.get(holder, 0) + 1
            if queue:
                heapq.heappush(heap, (granted.get(holder, 0), holder))
    return schedule


def greedy_schedule(slots: list[int], wishes: list[Wish]) -> Schedule:
    """The simple baseline: wishes in the order given, earliest common free slot, no priority."""
    taken: dict[tuple[str, int], set[int]] = {}
    schedule = Schedule()
    for wish in wishes:
        holder_busy = taken.setdefault(("holder", wish.holder), set())
        funder_busy = taken.setdefault(("funder", wish.funder), set())
        slot = next((s for s in sorted(slots) if s not in holder_busy | funder_busy), None)
        if slot is None:
            schedule.unmet.append(wish)
            continue
        holder_busy.add(slot)
        funder_busy.add(slot)
        schedule.placed[(wish.application, wish.funder)] = slot
    return schedule


def assign_tables(funder_ids: list[int], fixed: dict[int, int], tables: int) -> dict[int, int]:
    """One fixed table per funder: those with a table keep it, the others take the lowest free
    numbers. ValueError when there are more funders than tables."""
    if len(funder_ids) > tables:
        raise ValueError(len(funder_ids))
    result = {f: t for f, t in fixed.items() if f in funder_ids and 1 <= t <= tables}
    free = iter(sorted(set(range(1, tables + 1)) - set(result.values())))
    for funder in sorted(funder_ids):
        if funder not in result:
            result[funder] = next(free)
    return result
