"""The Soirée de l'engagement (issue 15): one evening at the Hôtel de Ville, its timeline from
the press release (doors at 16:00, two conferences, speeches, buffet and DJ set), stands of
associations and municipal services, registration within the places available. It takes place
on the next 3 December on or after the day the demo is installed; its timeline is dated from it."""

import io
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from congress.core.seeding import DemoContext, moment, spread
from congress.editions.models import Congress, CongressStatus, Room, Venue
from tracks.models import Session, SessionType
from tracks.stands.models import Stand, StandApplication, StandHall

SLUG = "soiree-de-l-engagement"

TIMELINE = [
    (16, 0, 60, "accueil", "Ouverture des portes au public", ""),
    (17, 0, 90, "conference", "Les Volontaires de Paris et la résilience", ""),
    (18, 30, 30, "discours", "Discours des adjoints à la Maire de Paris", ""),
    (
        19,
        0,
        60,
        "conference",
        "Valoriser l'engagement associatif et citoyen : vers un Passeport parisien de l'engagement",
        "",
    ),
    (20, 0, 120, "buffet", "Buffet et DJ set", ""),
]
TYPES = {
    "accueil": "Accueil",
    "conference": "Conférence",
    "discours": "Discours",
    "buffet": "Buffet",
}

# number, exhibitor, kind, themes, location (the municipal services named in the press release;
# the associations are fictional)
STANDS = [
    (
        "01",
        "Maisons de la Vie Associative et Citoyenne",
        "municipal",
        "vie associative",
        "Salon des Arcades",
    ),
    ("02", "Budget participatif", "municipal", "démocratie", "Salon des Arcades"),
    ("03", "Volontaires de Paris", "municipal", "bénévolat", "Salon des Arcades"),
    (
        "04",
        "Carrefour des associations parisiennes",
        "municipal",
        "création d'associations",
        "Salon des Arcades",
    ),
    ("05", "Académie du Climat", "place", "climat", "Salle des fêtes"),
    ("06", "La Fabrique de la Solidarité", "place", "solidarité", "Salle des fêtes"),
    ("07", "Quartier Jeunes", "place", "jeunesse", "Salle des fêtes"),
    ("08", "Théâtre de la Concorde", "place", "culture, démocratie", "Salle des fêtes"),
    (
        "09",
        "Les Voisins solidaires (association fictive)",
        "association",
        "solidarité, seniors",
        "Salle des fêtes",
    ),
    (
        "10",
        "Sport pour toutes et tous (association fictive)",
        "association",
        "sport",
        "Salle des fêtes",
    ),
    (
        "11",
        "Culture en partage (association fictive)",
        "association",
        "culture",
        "Salon des Arcades",
    ),
    (
        "12",
        "Paris climat citoyen (association fictive)",
        "association",
        "climat",
        "Salon des Arcades",
    ),
]

# « une cinquantaine de stands »: 38 more fictional associations, numbered on from 13, in the
# three zones of the hall.
_CAUSES = [
    ("Les Jardins partagés", "climat, quartier"),
    ("Lire et faire lire ensemble", "culture, enfance"),
    ("Coup de main numérique", "inclusion numérique"),
    ("Les Maraudes du soir", "solidarité, grande exclusion"),
    ("Parrainage de jeunes", "jeunesse, insertion"),
    ("Repair café", "climat, réemploi"),
    ("Chœur des voisins", "culture"),
    ("Accueil des réfugiés", "solidarité, hospitalité"),
    ("Aide aux devoirs", "enfance, éducation"),
    ("Courses pour les aînés", "seniors, solidarité"),
    ("Sport adapté", "sport, handicap"),
    ("Épicerie sociale", "aide alimentaire"),
    ("Conseil citoyen", "démocratie"),
]
_DISTRICTS = ["du 3e", "du 11e", "du 14e", "du 19e", "du 20e"]
_ZONES = ["Salon des Arcades", "Salle des fêtes", "Salon Bertrand"]
STANDS += [
    (
        f"{13 + i:02d}",
        f"{_CAUSES[i % len(_CAUSES)][0]} {_DISTRICTS[i // len(_CAUSES)]} (association fictive)",
        "association",
        _CAUSES[i % len(_CAUSES)][1],
        _ZONES[i % len(_ZONES)],
    )
    for i in range(38)
]


def evening_day(today: date) -> date:
    this_year = date(today.year, 12, 3)
    return this_year if today <= this_year else date(today.year + 1, 12, 3)


def seed(ctx: DemoContext) -> None:
    congress = Congress.objects.filter(slug=SLUG).first()
    if congress is None:
        day = evening_day(timezone.localdate())
        congress = Congress.objects.create(
            slug=SLUG,
            name="Soirée de l'engagement",
            kind="evening",
            start_date=day,
            end_date=day,
            city="Paris",
            description=(
                "À l'occasion de la Journée internationale des volontaires, une soirée conviviale "
                "et festive pour rencontrer celles et ceux qui agissent : conférences, ateliers "
                "ludiques et une cinquantaine de stands d'associations et de services municipaux."
            ),
            status=CongressStatus.PUBLISHED,
            contact_email="engagement@example.org",
            organiser_name="Ville de Paris (démo)",
            capacity=1500,
            press_contact="Service de presse – 01 42 76 49 61 – presse@paris.fr",
        )
    venue, _ = Venue.objects.get_or_create(
        congress=congress,
        name="Hôtel de Ville de Paris",
        defaults=dict(
            address="Place de l'Hôtel de Ville",
            postal_code="75004",
            city="Paris",
            arrondissement="4e",
            transport_notes="Métro Hôtel de Ville (lignes 1, 11)",
            step_free=True,
        ),
    )
    room, _ = Room.objects.get_or_create(
        venue=venue, name="Salle des fêtes", defaults=dict(capacity=1500)
    )
    types = {}
    for n, (slug, name) in enumerate(TYPES.items()):
        types[slug], _ = SessionType.objects.get_or_create(
            congress=congress, slug=slug, defaults=dict(name=name, order=n)
        )
    for hour, minute, minutes, kind, title, speakers in TIMELINE:
        starts = moment(congress.start_date, hour, minute)
        Session.objects.get_or_create(
            congress=congress,
            title=title,
            defaults=dict(
                session_type=types[kind],
                room=room,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=minutes),
                capacity=room.capacity,
                speakers=speakers,
            ),
        )
    first = moment(congress.start_date - timedelta(days=30))
    spread(
        Session.objects.filter(congress=congress), ["created_at"], first, first + timedelta(days=10)
    )
    for number, name, kind, themes, location in STANDS:
        Stand.objects.get_or_create(
            congress=congress,
            number=number,
            defaults=dict(name=name, holder_kind=kind, themes=themes, location=location),
        )
    # Three applications waiting for the organisers' decision (fictional associations).
    for name, themes, electricity in APPLICATIONS:
        StandApplication.objects.get_or_create(
            congress=congress,
            name=name,
            defaults=dict(
                holder_kind="association", contact_email="stands@example.org", themes=themes,
                description="Association fictive de la démonstration.",
                needs_electricity=electricity,
            ),
        )  # fmt: skip
    # Sent in the fortnight before the evening, not on the day the seed ran.
    spread(StandApplication.objects.filter(congress=congress), ["created_at"],
           first + timedelta(days=14), first + timedelta(days=28))  # fmt: skip
    _seed_plan(congress)


def _seed_plan(congress: Congress) -> None:
    """The hall plan, drawn at seed time (a box per stand, by zone), published with its text."""
    hall = StandHall.objects.filter(congress=congress).first() or StandHall(congress=congress)
    if hall.plan_image:
        return
    zones: dict[str, list[str]] = {}
    for number, _name, _kind, _themes, location in STANDS:
        zones.setdefault(location or "Hors zone", []).append(number)
    hall.plan_image.save("plan-soiree.png", ContentFile(plan_png(zones)), save=False)
    hall.plan_description = "Plan de la salle : " + " ; ".join(
        f"{zone}, stands {numbers[0]} à {numbers[-1]}" for zone, numbers in zones.items()
    )
    hall.plan_published = True
    hall.full_clean()
    hall.save()


def plan_png(zones: dict[str, list[str]]) -> bytes:
    from PIL import Image, ImageDraw

    width, box, per_row = 960, 56, 14
    rows = sum((len(numbers) + per_row - 1) // per_row for numbers in zones.values())
    image = Image.new("RGB", (width, 40 + len(zones) * 40 + rows * (box + 8)), "white")
    draw, y = ImageDraw.Draw(image), 20
    for zone, numbers in zones.items():
        draw.text((20, y), zone, fill="#1d4e89")
        y += 24
        for n, number in enumerate(numbers):
            x = 20 + (n % per_row) * (box + 8)
            if n and n % per_row == 0:
                y += box + 8
            draw.rectangle((x, y, x + box, y + box), outline="#1d4e89", width=2)
            draw.text((x + 18, y + 20), number, fill="black")
        y += box + 24
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


APPLICATIONS = [
    ("Les Cuisines du monde (association fictive)", "solidarité, culture", True),
    ("Vélo-école solidaire (association fictive)", "sport, insertion", False),
    ("Écrivains publics bénévoles (association fictive)", "accès aux droits", False),
]
