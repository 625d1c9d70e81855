"""Print how many registrations the rush edition holds, by status."""

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
