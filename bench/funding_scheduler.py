"""Benchmark of the meeting scheduler (issue 16), not a timed test.

300 project holders x 60 funders x 12 slots with 3,000 wishes (a third of them mutual): how long
the scheduler takes, how many mutual and one-sided wishes it meets, compared with a simple
greedy assignment (wishes in the order they came, earliest common free slot).

    .venv/bin/python bench/funding_scheduler.py [SEED]
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from funding.meetings.scheduler import Wish, build_schedule, greedy_schedule  # noqa: E402


def wishes(seed: int, holders=300, funders=60, count=3000) -> list[Wish]:
    rng = random.Random(seed)
    pairs = set()
    while len(pairs) < count:
        pairs.add((rng.randrange(holders), rng.randrange(funders)))
    return [
        Wish(h, h, 1000 + f, mutual=rng.random() < 1 / 3)
        for h, f in sorted(pairs, key=lambda _: rng.random())
    ]


def report(name, schedule, all_wishes, seconds):
    mutual = sum(1 for w in all_wishes if w.mutual)
    per_holder = {}
    for application, _funder in schedule.placed:
        per_holder[application] = per_holder.get(application, 0) + 1
    served = [per_holder.get(h, 0) for h in {w.holder for w in all_wishes}]
    print(
        f"{name:>10}: {seconds * 1000:7.1f} ms, {len(schedule.placed)} meetings, "
        f"mutual met {schedule.mutual_met(all_wishes)}/{mutual}, "
        f"holders without a meeting {served.count(0)}, fewest/most per holder "
        f"{min(served)}/{max(served)}"
    )


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    all_wishes = wishes(seed)
    slots = list(range(12))
    start = time.perf_counter()
    schedule = build_schedule(slots, all_wishes)
    report("scheduler", schedule, all_wishes, time.perf_counter() - start)
    start = time.perf_counter()
    greedy = greedy_schedule(slots, all_wishes)
    report("greedy", greedy, all_wishes, time.perf_counter() - start)


if __name__ == "__main__":
    main()
