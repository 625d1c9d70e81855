"""Demo on site: a welcome-desk volunteer, the 2024 edition's arrivals (so certificates and
attendance figures have data) and its certificate settings. Dated from the edition."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile

from congress.accounts.demo import DEMO_DOMAIN, demo_user
from congress.core.seeding import DemoContext, moment
from congress.onsite.models import CertificateSettings, CheckIn, DeskRole
from congress.registrations.models import Registration, RegistrationStatus

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
    count = seed_check_ins(ctx, volunteer)
    seed_certificate_settings(ctx)
    ctx.logins.append(
        ("bénévole d'accueil", volunteer.email, "accueil : recherche, lecture des billets")
    )
    ctx.log.append(f"On site: {count} arrivals at « {ctx.congress.name} », certificates signed.")
