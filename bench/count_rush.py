"""Print how many registrations the rush edition holds, by status, and how long each order held
the edition's lock (the "edition lock held" lines of the server's log, given as argument)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings")

import django  # noqa: E402

django.setup()
from django.db.models import Count  # noqa: E402

from congress.registrations.models import Registration  # noqa: E402

counts = dict(
    Registration.objects.filter(congress__slug="rush").values_list("status").annotate(n=Count("pk"))
)
print("registrations in the database:", counts)

if len(sys.argv) > 1:
    import re
    import statistics

    held = [
        float(m.group(1))
        for line in open(sys.argv[1], encoding="utf-8", errors="replace")
        if (m := re.search(r"edition lock held ([0-9.]+) ms", line))
    ]
    if len(held) > 1:
        q = statistics.quantiles(sorted(held), n=100)
        print(
            f"edition lock held per order ({len(held)} orders): p50 {q[49]:.1f} ms, "
            f"p95 {q[94]:.1f} ms, max {max(held):.1f} ms"
        )
    else:
        print("edition lock held per order: not logged")
