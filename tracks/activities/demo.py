"""The Semaine des solidarités (issue 15): a public programme of activities in many places of
Paris, free, some with registration, two online. The week starts on the first Tuesday of April
after the day the demo is installed; its programme is published about two weeks before (the
announcement said « Programme à venir semaine du 18 mars »): until then the public sees
« programme à venir » and its organisers see the programme. Everything is dated from its start."""

from datetime import date, timedelta

from django.utils import timezone

from congress.core.seeding import DemoContext, moment, spread
from congress.editions.models import Congress, CongressStatus, Room, Venue
from congress.editions.partners import Partner
from tracks.activities.demo_data import ACTIVITIES, ACTIVITY_TYPES, ONLINE_PLACE, PLACES, TOPICS
from tracks.models import Session, SessionType, Track

SLUG = "semaine-des-solidarites"
PUBLICATION_LEAD_DAYS = 15


def week_start(today: date) -> date:
    """The first Tuesday of April after ``today``."""
    year = today.year if today < date(today.year, 4, 1) else today.year + 1
    first = date(year, 4, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7)


def seed_week(ctx: DemoContext) -> Congress:
    congress = Congress.objects.filter(slug=SLUG).first()
    if congress is None:
        start = week_start(timezone.localdate())
        congress = Congress.objects.create(
            slug=SLUG,
            name="Semaine des solidarités",
            kind="programme",
            start_date=start,
            end_date=start + timedelta(days=3),
            city="Paris",
            description=(
                "Tout public, gratuit. Un moment de partage avec les Parisiennes et les Parisiens "
                "autour des valeurs d'inclusion, d'ouverture et d'interconnaissance sur l'action "
                "sociale : portes ouvertes, visites de sites, parcours, forums, stands sur "
                "l'espace public, expositions, débats, visioconférences et webinaires, en "
                "plusieurs lieux dans Paris. Organisée avec les mairies d'arrondissement, les "
                "Espaces parisiens des solidarités, la Fabrique de la solidarité, les Espaces "
                "solidarité insertion, une bagagerie, des acteurs de l'aide alimentaire, des "
                "centres d'hébergement et des équipes de prévention spécialisée."
            ),
            status=CongressStatus.PUBLISHED,
            contact_email="semaine-solidarites@example.org",
            organiser_name="Direction des solidarités (démo)",
            press_contact="Mission communication (démo) – communication@example.org",
        )
    published = timezone.localdate() >= congress.start_date - timedelta(days=PUBLICATION_LEAD_DAYS)
    if congress.programme_published != published:
        congress.programme_published = published
        congress.save(update_fields=["programme_published"])
    return congress


def _rooms(congress: Congress) -> list[Room]:
    rooms = []
    for n, (name, district, postal_code, transport, step_free) in enumerate(PLACES):
        venue, _ = Venue.objects.get_or_create(
            congress=congress,
            name=name,
            defaults=dict(
                address=f"{n + 1} rue de l'Exemple",
                postal_code=postal_code,
                city="Paris",
                arrondissement=district,
                transport_notes=transport,
                step_free=step_free,
            ),
        )
        room, _ = Room.objects.get_or_create(
            venue=venue, name="Accueil", defaults=dict(capacity=80, step_free=step_free)
        )
        rooms.append(room)
    online, _ = Venue.objects.get_or_create(
        congress=congress, name=ONLINE_PLACE, defaults=dict(address="", city="")
    )
    room, _ = Room.objects.get_or_create(
        venue=online, name="Visioconférence", defaults=dict(capacity=500)
    )
    return [*rooms, room]


def seed(ctx: DemoContext) -> None:
    congress = seed_week(ctx)
    tracks = {}
    for n, (slug, name) in enumerate(TOPICS):
        tracks[slug], _ = Track.objects.get_or_create(
            congress=congress, slug=slug, defaults=dict(name=name, order=n)
        )
    types = {}
    for n, (slug, name) in enumerate([*ACTIVITY_TYPES, ("atelier-numerique", "Atelier")]):
        types[slug], _ = SessionType.objects.get_or_create(
            congress=congress, slug=slug, defaults=dict(name=name, order=n)
        )
    rooms = _rooms(congress)
    for day, hour, hours, kind, topic, place, title, required, places in ACTIVITIES:
        room = rooms[-1] if place is None else rooms[place]
        starts = moment(congress.start_date + timedelta(days=day), hour)
        Session.objects.get_or_create(
            congress=congress,
            title=title,
            defaults=dict(
                session_type=types[kind],
                track=tracks[topic],
                room=room,
                starts_at=starts,
                ends_at=starts + timedelta(hours=hours),
                capacity=places or room.capacity,
                registration_required=required,
                is_online=place is None,
                online_url="https://visio.example.org/semaine-solidarites" if place is None else "",
                description="Activité fictive de la démonstration.",
            ),
        )
    first = moment(congress.start_date - timedelta(days=40))
    spread(
        Session.objects.filter(congress=congress), ["created_at"], first, first + timedelta(days=20)
    )
    # One activity cancelled a week before the week: kept on the programme, struck through.
    for cancelled in Session.objects.filter(
        congress=congress, title=CANCELLED_TITLE, cancelled_at__isnull=True
    ):
        cancelled.cancelled_at = moment(congress.start_date - timedelta(days=7), 9)
        cancelled.save(update_fields=["cancelled_at"])
    # The kinds of partner the announcement names (fictional where it names no one).
    for n, (name, level) in enumerate(PARTNERS):
        Partner.objects.get_or_create(
            congress=congress, name=name, defaults=dict(level=level, position=n)
        )


CANCELLED_TITLE = ACTIVITIES[1][6]

PARTNERS = [
    ("Ville de Paris – Direction des solidarités", "co_organiser"),
    ("Mairies d'arrondissement", "co_organiser"),
    ("Espaces parisiens des solidarités", "host"),
    ("La Fabrique de la solidarité", "host"),
    ("Espaces solidarité insertion", "host"),
    ("Réseau d'aide alimentaire du quartier (démo)", "partner"),
    ("Équipe de prévention spécialisée (démo)", "partner"),
]
