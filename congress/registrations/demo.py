"""Demo registrations: tariffs, a capacity, and the organisations' orders (card, invoice,
waitlist)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import F, Max, OuterRef, Subquery
from django.utils import timezone

from congress.accounts.models import Consent
from congress.core.seeding import DemoContext, moment, spread
from congress.editions.models import VatRegime
from congress.organisations.demo import make_siret
from congress.organisations.models import Membership, MembershipRole
from congress.payments.models import Invoice, InvoiceCounter
from congress.registrations import services
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    Tariff,
    WaitlistEntry,
)
from congress.registrations.sorting import order_sort_name

TARIFFS = [
    # (name, price, audience, invitation code)
    ("Association", "60.00", "association", ""),
    ("CCAS / collectivité", "90.00", "public_body", ""),
    ("Individuel", "35.00", "individual", ""),
    ("Intervenant·e", "0.00", "invited", "INTERVENANT-2024"),
]


def seed_registrations(ctx: DemoContext) -> None:
    """Tariffs, a capacity, and the organisations' orders: paid by card, invoiced, waitlisted.

    Every base organisation registers its manager(s) and its two generated delegates; so at
    scale N there are about 2 registrations per generated person.
    """

    congress = ctx.congress
    congress_fields = dict(
        capacity=600 * ctx.scale,
        billing_name="Ville du Mans – Congrès national des Solidarités",
        billing_address="Hôtel de ville, place Saint-Pierre\n72039 Le Mans Cedex 9",
        billing_siret=make_siret("21720181", "0001"),
        billing_iban="FR76 1007 1720 0000 0020 0000 123",
        billing_bic="TRPUFRP1",
        billing_vat_regime=VatRegime.PUBLIC_BODY,
        payment_terms_days=30,
    )
    if any(getattr(congress, k) != v for k, v in congress_fields.items()):
        for name, value in congress_fields.items():
            setattr(congress, name, value)
        congress.save(update_fields=list(congress_fields))
    tariffs = {}
    for order, (name, price, audience, code) in enumerate(TARIFFS):
        tariffs[audience], _c = Tariff.objects.get_or_create(
            congress=congress,
            name=name,
            defaults=dict(
                price=Decimal(price), audience=audience, invitation_code=code, order=order
            ),
        )

    people_by_org = {}
    person_by_pk = {p.pk: p for p in ctx.people}
    # Managers first ("manager" sorts before "member"): the first person places the order.
    for user_id, org_id in (
        Membership.objects.filter(user__in=ctx.people)
        .order_by("organisation_id", "role", "user_id")
        .values_list("user_id", "organisation_id")
    ):
        people_by_org.setdefault(org_id, []).append(person_by_pk[user_id])
    managed = set(
        Membership.objects.filter(role=MembershipRole.MANAGER).values_list(
            "organisation_id", flat=True
        )
    )
    extra_people = {
        "demo-01": [ctx.accounts["ccas_manager"]],
        "demo-02": [ctx.accounts["asso_manager"], ctx.accounts["participant"]],
    }
    done = set(
        Order.objects.filter(congress=congress, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    taken = set(
        Registration.objects.filter(
            congress=congress, status__in=["pending", "confirmed"]
        ).values_list("email", flat=True)
    )
    now = timezone.now()
    registered_at = timezone.make_aware(
        datetime.combine(congress.start_date - timedelta(days=30), time(10))
    )
    for n, org in enumerate(ctx.organisations):
        if org.pk in done:
            continue
        people = extra_people.get(org.slug, []) + people_by_org.get(org.pk, [])
        people = [p for p in people if p.email not in taken]
        if not people:
            continue
        placed_by = people[0]
        delegates = [
            {
                "full_name": p.full_name,
                "email": p.email,
                "function": "Délégué·e",
                "needs_step_free": i % 7 == 3,
                "needs_lsf": i % 11 == 5,
                "dietary_needs": "végétarien" if i % 5 == 2 else "",
                "needs_shared": i % 2 == 1,
                "photo_consent": i % 3 != 0,
            }
            for i, p in enumerate(people)
        ]
        if org.is_public_body:
            tariff = tariffs["public_body"]
            if org.pk not in managed:  # someone must be able to place the order
                Membership.objects.filter(user=placed_by, organisation=org).update(
                    role=MembershipRole.MANAGER
                )
            # The invoice path is the real service: numbered invoice, confirmed registrations.
            order = services.order_create(
                congress=congress,
                by=placed_by,
                organisation=org,
                tariff=tariff,
                delegates=delegates,
                code_service="SERVICE-SOLIDARITES" if n % 2 == 0 else "",
                engagement_number=f"EJ-2024-{n + 1:05d}",
                # Placed while registration was open (the edition is past today).
                now=registered_at,
            )
            if n % 3 == 2:  # some mandates have already arrived
                order.state = OrderState.PAID
                order.paid_at = timezone.localdate()
                order.payment_reference = f"Mandat n° {4000 + n}"
                order.save(update_fields=["state", "paid_at", "payment_reference"])
        else:
            tariff = tariffs["association"]
            # A card order already paid on Stripe (demo ids: no Stripe keys in the demo).
            order = Order.objects.create(
                congress=congress,
                organisation=org,
                placed_by=placed_by,
                payment_method=PaymentMethod.CARD,
                state=OrderState.PAID,
                total=tariff.price * len(delegates),
                created_at=now,
                confirmed_at=now,
                stripe_checkout_session_id=f"cs_demo_{org.pk}",
                stripe_payment_intent_id=f"pi_demo_{org.pk}",
            )
            users = {p.email: p for p in people}
            paid = Registration.objects.bulk_create(
                [
                    Registration(
                        order=order,
                        congress=congress,
                        tariff=tariff,
                        user=users[d["email"]],
                        price=tariff.price,
                        days=[day.isoformat() for day in congress.days],
                        status=RegistrationStatus.CONFIRMED,
                        sort_name=order_sort_name(order),
                        **d,
                    )
                    for d in delegates
                ]
            )
            services.registration_consents_record(paid, source=f"order:{order.pk}", by=placed_by)
        taken.update(d["email"] for d in delegates)
    WaitlistEntry.objects.get_or_create(
        congress=congress,
        user=ctx.accounts["reviewer"],
        state="waiting",
        defaults={"organisation": ctx.organisations[5] if len(ctx.organisations) > 5 else None},
    )
    ctx.log.append(
        f"registrations: {Registration.objects.filter(congress=congress).count()} "
        f"in {Order.objects.filter(congress=congress).count()} orders"
    )


def edition_moment(congress, days_before: int, hour: int = 10) -> datetime:
    """A moment `days_before` days before the edition's first day (negative: after it)."""
    day = congress.start_date - timedelta(days=days_before)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed_upcoming_registrations(ctx: DemoContext) -> None:
    """The next edition: its tariffs on sale (sales opened 150 days before the first day), the
    same billing identity, and the demo participant already registered (to try workshop
    sign-up); everyone else can register."""
    congress = ctx.upcoming
    source = ctx.congress
    fields = ("billing_name", "billing_address", "billing_siret", "billing_iban", "billing_bic",
              "billing_vat_regime", "billing_vat_mention", "payment_terms_days")  # fmt: skip
    if not congress.billing_name:
        for name in fields:
            setattr(congress, name, getattr(source, name))
        congress.capacity = 600 * ctx.scale
        congress.save(update_fields=[*fields, "capacity"])
    tariffs = {}
    for order, (name, price, audience, code) in enumerate(TARIFFS):
        tariffs[audience], _c = Tariff.objects.get_or_create(
            congress=congress,
            name=name,
            defaults=dict(
                price=Decimal(price),
                audience=audience,
                invitation_code=code.replace("2024", str(congress.start_date.year)),
                order=order,
                sale_starts_at=edition_moment(congress, 150),
            ),
        )
    participant = ctx.accounts["participant"]
    if Registration.objects.filter(congress=congress, email=participant.email).exists():
        return
    tariff = tariffs["individual"]
    # Registered early, when sales opened: always before the day the demo is installed.
    placed = edition_moment(congress, 140)
    order = Order.objects.create(
        congress=congress,
        placed_by=participant,
        payment_method=PaymentMethod.CARD,
        state=OrderState.PAID,
        total=tariff.price,
        created_at=placed,
        confirmed_at=placed + timedelta(minutes=4),
        stripe_checkout_session_id=f"cs_demo_upcoming_{participant.pk}",
        stripe_payment_intent_id=f"pi_demo_upcoming_{participant.pk}",
    )
    Registration.objects.create(
        order=order,
        congress=congress,
        tariff=tariff,
        user=participant,
        full_name=participant.full_name,
        email=participant.email,
        function="Bénévole",
        price=tariff.price,
        days=[day.isoformat() for day in congress.days],
        status=RegistrationStatus.CONFIRMED,
        created_at=placed,
        sort_name=order_sort_name(order),
    )


def date_registrations(congress) -> None:
    """The past edition's orders, registrations, consents and invoices: placed between 75 and
    20 days before the congress, mandates paid in the last fortnight, the waiting list a week
    before (the services stamped them with the day the seed ran)."""
    start = congress.start_date
    orders = Order.objects.filter(congress=congress)
    spread(orders, ["created_at", "confirmed_at"], moment(start - timedelta(days=75)),
           moment(start - timedelta(days=20)))  # fmt: skip
    spread(orders.exclude(paid_at=None), ["paid_at"], moment(start - timedelta(days=19)),
           moment(start - timedelta(days=5)))  # fmt: skip
    # Each registration was made with its order (one UPDATE, not one CASE branch per row).
    Registration.objects.filter(congress=congress).update(
        created_at=Subquery(Order.objects.filter(pk=OuterRef("order_id")).values("created_at"))
    )
    invoices = list(Invoice.objects.filter(order__congress=congress).select_related("order"))
    for invoice in invoices:
        invoice.issued_on = timezone.localdate(invoice.order.created_at)
        invoice.due_on = invoice.issued_on + timedelta(days=congress.payment_terms_days)
    Invoice.objects.bulk_update(invoices, ["issued_on", "due_on"], batch_size=1000)
    spread(Consent.objects.filter(congress=congress), ["at"],
           moment(start - timedelta(days=75)), moment(start - timedelta(days=20)))  # fmt: skip
    spread(WaitlistEntry.objects.filter(congress=congress), ["created_at"],
           moment(start - timedelta(days=15)), moment(start - timedelta(days=10)))  # fmt: skip


def renumber_invoices(editions) -> None:
    """The services number an invoice in the year of the day the seed runs; once dated from its
    edition, each demo invoice takes a number of its own year of issue (F-2024-00001 issued in
    2024), each series following the dates without gaps, and the counters say so."""
    invoices = list(Invoice.objects.filter(congress__in=editions).order_by("issued_on", "pk"))
    # Out of the way of the unique (kind, series, year, number) while they are renumbered.
    Invoice.objects.filter(pk__in=[i.pk for i in invoices]).update(year=0, number=F("pk"))
    last: dict[tuple, int] = {}
    for invoice in invoices:
        key = (invoice.kind, invoice.series, invoice.issued_on.year)
        last[key] = last.get(key, 0) + 1
        invoice.year, invoice.number = key[2], last[key]
        invoice.reference = f"{invoice.series}-{invoice.year}-{invoice.number:05d}"
    Invoice.objects.bulk_update(invoices, ["year", "number", "reference"], batch_size=1000)
    series = {i.series for i in invoices}
    issued = Invoice.objects.filter(series__in=series).values("kind", "series", "year")
    highest = {
        (r["kind"], r["series"], r["year"]): r["n"] for r in issued.annotate(n=Max("number"))
    }
    for counter in InvoiceCounter.objects.filter(series__in=series):
        counter.last_number = highest.pop((counter.kind, counter.series, counter.year), 0)
        counter.save(update_fields=["last_number"])
    for (kind, series_, year), number in highest.items():
        InvoiceCounter.objects.create(kind=kind, series=series_, year=year, last_number=number)


def seed(ctx: DemoContext) -> None:
    seed_registrations(ctx)
    date_registrations(ctx.congress)
    seed_upcoming_registrations(ctx)
    renumber_invoices([c for c in (ctx.congress, ctx.upcoming) if c is not None])
