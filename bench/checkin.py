"""Benchmark of the welcome desk: 600 check-ins by 4 concurrent desks, on PostgreSQL.

Not a test: it prints figures. Point DATABASE_URL at an EMPTY PostgreSQL database you own
(the tables are created here), from the repository root:

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/bench .venv/bin/python bench/checkin.py

DEBUG is off unless the environment sets it (production's templates and logging). Each desk is a
separate process (as web workers would be) and a signed-in browser (Django's test client, the whole request path: middleware,
session, permission checks, the service, the redirect) working through its share of the 600
tickets: it posts the scanned token (« Valider le billet ») and loads the page it is sent
back to, which shows the person and « arrivée enregistrée ». One check-in is that pair; its
time is what the volunteer waits for. The desks run at once, each with its own database
connection. --desks and --tickets change the numbers.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings")
os.environ.setdefault("DEBUG", "false")
SLUG = "bench-checkin"


def setup():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(tickets: int, desks: int):
    from django.utils import timezone

    from congress.accounts.models import User
    from congress.editions.models import Congress
    from congress.onsite.models import CheckIn, DeskRole
    from congress.organisations.models import Organisation
    from congress.registrations.models import Order, Registration, Tariff
    from congress.registrations.tickets import ticket_token

    today = timezone.localdate()
    congress, _created = Congress.objects.get_or_create(
        slug=SLUG,
        defaults=dict(
            name="Congrès de mesure", start_date=today, end_date=today + timedelta(days=1),
            city="Le Mans", contact_email="bench@example.org", status="published",
        ),
    )  # fmt: skip
    CheckIn.objects.filter(registration__congress=congress).delete()
    tariff, _c = Tariff.objects.get_or_create(
        congress=congress,
        name="Association",
        defaults={"price": Decimal("60"), "audience": "association"},
    )
    buyer, _c = User.objects.get_or_create(
        email="buyer@bench.example.org", defaults={"full_name": "Acheteur"}
    )
    existing = Registration.objects.filter(congress=congress).count()
    if existing < tickets:
        organisations = [
            Organisation.objects.get_or_create(
                slug=f"bench-org-{n}",
                defaults=dict(name=f"Association n° {n}", kind="association", commune="Le Mans",
                              departement="72", contact_email=f"org{n}@bench.example.org"),
            )[0]
            for n in range(30)
        ]  # fmt: skip
        registrations = []
        for n in range(existing, tickets):
            order = Order.objects.create(
                congress=congress, organisation=organisations[n % 30], placed_by=buyer,
                payment_method="card", state="paid", total=tariff.price,
            )  # fmt: skip
            registrations.append(
                Registration(
                    order=order,
                    congress=congress,
                    tariff=tariff,
                    user=None,
                    full_name=f"Délégué·e {n:04d}",
                    email=f"d{n}@bench.example.org",
                    days=[d.isoformat() for d in congress.days],
                    price=tariff.price,
                    status="confirmed",
                )  # fmt: skip
            )
        Registration.objects.bulk_create(registrations)
    volunteers = []
    for n in range(desks):
        user, _c = User.objects.get_or_create(
            email=f"desk{n}@bench.example.org", defaults={"full_name": f"Bénévole {n}"}
        )
        DeskRole.objects.get_or_create(congress=congress, user=user)
        volunteers.append(user)
    tokens = [
        ticket_token(r)
        for r in Registration.objects.filter(congress=congress).order_by("pk")[:tickets]
    ]
    return congress, volunteers, tokens


def _desk(congress_slug, volunteer_pk, tokens, start, results):
    """One desk, in its own process (as a web worker would be): scan, then load the page."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(get_user_model().objects.get(pk=volunteer_pk))
    client.get(reverse("checkin_desk", args=[congress_slug]))  # warm up
    scan_url = reverse("checkin_scan", args=[congress_slug])
    start.wait()
    rows = []
    for token in tokens:
        started = time.perf_counter()
        response = client.post(scan_url, {"token": token})
        posted = time.perf_counter()
        page = client.get(response["Location"])
        done = time.perf_counter()
        ok = "arrivée enregistrée" in page.content.decode()
        rows.append((done - started, posted - started, ok))
    results.put(rows)


def run(congress, volunteers, tokens):
    import multiprocessing

    from django.db import connections

    connections.close_all()  # each process opens its own connection
    context = multiprocessing.get_context("fork")
    desks = len(volunteers)
    start = context.Barrier(desks + 1)
    results = context.Queue()
    processes = [
        context.Process(
            target=_desk, args=(congress.slug, volunteers[i].pk, tokens[i::desks], start, results)
        )
        for i in range(desks)
    ]
    for process in processes:
        process.start()
    start.wait()
    wall = time.perf_counter()
    rows = [row for _ in processes for row in results.get()]
    wall = time.perf_counter() - wall
    for process in processes:
        process.join()
    return rows, wall


def percentiles(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    return f"p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tickets", type=int, default=600)
    parser.add_argument("--desks", type=int, default=4)
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.db import connection

    from congress.onsite.models import CheckIn

    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; figures are not the ones the issue asks for")
    congress, volunteers, tokens = seed(args.tickets, args.desks)
    rows, wall = run(congress, volunteers, tokens)
    recorded = CheckIn.objects.filter(registration__congress=congress).count()
    print(f"{len(rows)} check-ins by {args.desks} concurrent desks on {connection.vendor}"
          f" (DEBUG={settings.DEBUG})")  # fmt: skip
    print(f"  per check-in, scan + page shown: {percentiles([r[0] for r in rows])}")
    print(f"  of which the scan (POST):        {percentiles([r[1] for r in rows])}")
    print(f"  wall time {wall:.1f} s, {len(rows) / wall:.1f} check-ins per second")
    print(f"  recorded {recorded}, not confirmed on the page {sum(not r[2] for r in rows)}")


if __name__ == "__main__":
    main()
