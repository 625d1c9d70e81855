"""Prepare the registration rush: an edition with exactly PLACES places left, ATTEMPTS people
with API tokens. Writes one line per person (token) to the output file.

    python bench/prepare_rush.py --places 300 --attempts 500 --output .pg-bench/rush-tokens.txt
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--attempts", type=int, default=500)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from congress.accounts.models import User
    from congress.editions.models import Congress, CongressStatus
    from congress.registrations.models import Tariff, TariffAudience

    congress, _ = Congress.objects.update_or_create(
        slug="rush",
        defaults=dict(
            name="Ruée sur les dernières places",
            start_date=date(2030, 2, 1),
            end_date=date(2030, 2, 2),
            city="Le Mans",
            status=CongressStatus.PUBLISHED,
            contact_email="rush@example.org",
            capacity=args.places,
        ),
    )
    congress.registrations.all().delete()
    congress.orders.all().delete()
    Tariff.objects.get_or_create(
        congress=congress,
        name="Individuel gratuit",
        defaults=dict(price=0, audience=TariffAudience.INDIVIDUAL),
    )
    emails = [f"rush{n:04d}@bench.invalid" for n in range(args.attempts)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        [
            User(email=e, full_name=f"Personne {e[4:8]}", email_confirmed_at=timezone.now(),
                 password=make_password(None))
            for e in emails
            if e not in existing
        ]
    )  # fmt: skip
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    have = set(Token.objects.filter(user__in=users).values_list("user_id", flat=True))
    Token.objects.bulk_create(
        [Token(user=u, key=Token.generate_key()) for u in users if u.pk not in have]
    )
    tokens = dict(Token.objects.filter(user__in=users).values_list("user__email", "key"))
    tariff = Tariff.objects.get(congress=congress, name="Individuel gratuit")
    with open(args.output, "w") as out:
        for email in emails:
            out.write(f"{tokens[email]} {email} {tariff.pk}\n")
    print(f"rush edition ready: {args.places} places, {args.attempts} people")


if __name__ == "__main__":
    main()
