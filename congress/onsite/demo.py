"""Demo on site: a welcome-desk volunteer, the 2024 edition's arrivals (so certificates and
attendance figures have data) and its certificate settings. Dated from the edition."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile

from congress.accounts.demo import DEMO_DOMAIN, demo_user
from congress.core.seeding import DemoContext, moment
from congress.onsite.models import CertificateSettings, CheckIn, DeskPayment, DeskRole
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    Tariff,
)
from congress.registrations.sorting import order_sort_name

# Share of the delegates expected on a day who came (deterministic, from the registration id).
TURNOUT_PERCENT = 88


def _signature_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 120), "white")
    pen = ImageDraw.Draw(image)
    pen.line([(12, 90), (60, 30), (95, 85), (150, 40), (210, 80), (260, 35), (340, 60)],
             fill=(20, 40, 110), width=5)  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seed_desk(ctx: DemoContext):
    volunteer = demo_user(f"accueil@{DEMO_DOMAIN}", "Bastien Bénévole")
    ctx.accounts["desk"] = volunteer
    for congress in (ctx.congress, ctx.upcoming):
        # Granted a month before the edition, not on the day the seed ran.
        DeskRole.objects.get_or_create(
            congress=congress,
            user=volunteer,
            defaults={
                "granted_by": ctx.accounts["organiser"],
                "granted_at": moment(congress.start_date - timedelta(days=30)),
            },
        )
    return volunteer


# People who came without a registration and were registered at the desk on the morning (no
# address given: the demo's message sent ten days before must not reach them):
# (name, e-mail, declared organisation, tariff name, payment, reference, day index, hour, minute)
WALK_INS = [
    ("Nadia Belkacem", "", "Association Les Amis du Quartier",
     "Association", DeskPayment.CASH, "", 0, 8, 41),
    ("Jean-Marc Tessier", "", "CCAS de Sablé-sur-Sarthe", "CCAS / collectivité",
     DeskPayment.TO_INVOICE, "Bon de commande à venir", 0, 9, 6),
    ("Lucie Hamon", "", "", "Individuel", DeskPayment.CARD_TERMINAL, "Ticket 0412", 0, 9, 22),
    ("Thierry Gourdon", "", "Mairie de La Flèche", "CCAS / collectivité",
     DeskPayment.TO_INVOICE, "", 1, 8, 52),
    ("Élise Marchand", "", "Secours populaire – antenne d'Allonnes", "Association",
     DeskPayment.CHEQUE, "Chèque n° 5531207", 1, 9, 14),
]  # fmt: skip


def seed_walk_ins(ctx: DemoContext, volunteer) -> int:
    """Registered at the desk of the 2024 edition on the morning they came, by the desk
    volunteer: paid there or « à facturer », confirmed and checked in at once (the shape
    `walk_in_register` gives; the service itself refuses a past edition)."""
    congress = ctx.congress
    done = set(
        Registration.objects.filter(congress=congress, order__walk_in=True).values_list(
            "full_name", flat=True
        )
    )
    tariffs = {t.name: t for t in Tariff.objects.filter(congress=congress)}
    for name, email, organisation, tariff_name, payment, reference, day_index, h, m in WALK_INS:
        tariff = tariffs.get(tariff_name)
        if name in done or tariff is None:
            continue
        day = congress.days[min(day_index, len(congress.days) - 1)]
        at = moment(day, h, m)
        to_invoice = payment == DeskPayment.TO_INVOICE
        order = Order.objects.create(
            congress=congress,
            placed_by=volunteer,
            payment_method=PaymentMethod.INVOICE if to_invoice else PaymentMethod.ON_SITE,
            state=OrderState.AWAITING_MANDATE if to_invoice else OrderState.PAID,
            total=tariff.price,
            created_at=at,
            confirmed_at=at,
            paid_at=None if to_invoice else day,
            payment_reference=" – ".join(p for p in (str(payment.label), reference) if p),
            walk_in=True,
        )
        registration = Registration.objects.create(
            order=order,
            congress=congress,
            tariff=tariff,
            full_name=name,
            email=email,
            declared_organisation=organisation,
            days=[d.isoformat() for d in congress.days if d >= day],
            price=tariff.price,
            status=RegistrationStatus.CONFIRMED,
            created_at=at,
            sort_name=order_sort_name(order),
        )
        CheckIn.objects.create(registration=registration, day=day, by=volunteer, checked_in_at=at)
    return Registration.objects.filter(congress=congress, order__walk_in=True).count()


def seed_check_ins(ctx: DemoContext, volunteer) -> int:
    """Arrivals at the 2024 edition: most delegates on each day they registered for, between
    8:15 and 10:30, by the volunteer or the organiser; the demo accounts always came."""
    congress = ctx.congress
    desks = [volunteer, ctx.accounts["organiser"]]
    always = {user.pk for user in ctx.accounts.values()}
    rows = []
    registrations = Registration.objects.filter(
        congress=congress, status=RegistrationStatus.CONFIRMED
    ).values_list("pk", "days", "user_id")
    for pk, days, user_id in registrations:
        for index, day in enumerate(congress.days):
            if day.isoformat() not in (days or []):
                continue
            came = user_id in always or (pk * 37 + index * 11) % 100 < TURNOUT_PERCENT
            if not came:
                continue
            minutes = (pk * 7 + index * 13) % 135
            rows.append(
                CheckIn(
                    registration_id=pk,
                    day=day,
                    checked_in_at=moment(day, 8, 15) + timedelta(minutes=minutes),
                    by=desks[pk % 2],
                )
            )
    CheckIn.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return CheckIn.objects.filter(registration__congress=congress).count()


def seed_certificate_settings(ctx: DemoContext) -> None:
    congress = ctx.congress
    if CertificateSettings.objects.filter(congress=congress).exists():
        return
    settings = CertificateSettings(
        congress=congress,
        issuer=congress.billing_name or congress.organiser_name or congress.name,
        signatory_name="Claire Lemaire",
        signatory_title="Adjointe au maire chargée des solidarités",
    )
    settings.signature.save("signature-demo.png", ContentFile(_signature_png()), save=False)
    settings.save()


def seed(ctx: DemoContext) -> None:
    volunteer = seed_desk(ctx)
    walk_ins = seed_walk_ins(ctx, volunteer)
    count = seed_check_ins(ctx, volunteer)
    seed_certificate_settings(ctx)
    ctx.logins.append(
        ("bénévole d'accueil", volunteer.email, "accueil : recherche, lecture des billets")
    )
    ctx.log.append(
        f"On site: {count} arrivals at « {ctx.congress.name} » ({walk_ins} registered at the "
        "desk), certificates signed."
    )
