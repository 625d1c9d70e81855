"""Demo data of the tracks app: the four tracks, session types, reviewers, moderators and the
plenaries of the programme (workshops come from accepted proposals: proposals/demo.py)."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from congress.editions.models import Room
from tracks.models import Session, SessionType, Track, TrackRole, TrackRoleKind

TRACKS = [
    ("aide-alimentaire", "L'aide alimentaire et la qualité", "Aide alimentaire", "#b35c00",
     "De la distribution à l'accès digne à une alimentation de qualité : épiceries solidaires, "
     "circuits courts, lutte contre le gaspillage, place des personnes accompagnées.",
     "Comment garantir à chacun une aide alimentaire de qualité, choisie et digne ?"),
    ("handicap-inclusion", "Le handicap-inclusion", "Handicap-inclusion", "#1d6f42",
     "Accessibilité, emploi, scolarité, logement, vie sociale : faire de l'inclusion une réalité "
     "sur chaque territoire.",
     "Qu'est-ce qui empêche encore la pleine participation des personnes en situation de handicap ?"),
    ("insertion", "L'insertion", "Insertion", "#6a1b9a",
     "Insertion sociale et professionnelle : accompagnement global, logement, mobilité, "
     "chantiers d'insertion, lien avec les entreprises.",
     "Comment mieux articuler accompagnement social et retour à l'emploi ?"),
    ("engagement", "L'engagement", "Engagement", "#0b4f9c",
     "Bénévolat, engagement citoyen, service civique, jeunesse : renouveler et reconnaître "
     "l'engagement solidaire.",
     "Comment susciter, accompagner et reconnaître l'engagement solidaire ?"),
]  # fmt: skip

SESSION_TYPES = [
    ("pleniere", "Plénière", False), ("atelier", "Atelier d'échange", True),
    ("table-ronde", "Table ronde", False), ("retour-experience", "Retour d'expérience", True),
    ("forum", "Forum", False), ("stand", "Stand", False), ("visite", "Visite", False),
    ("webinaire", "Webinaire", False),
]  # fmt: skip


def seed_tracks(ctx) -> None:
    congress = ctx.congress
    tracks = []
    for order, (slug, name, short, colour, description, question) in enumerate(TRACKS):
        track, _ = Track.objects.get_or_create(
            congress=congress,
            slug=slug,
            defaults=dict(
                name=name,
                short_name=short,
                colour=colour,
                description=description,
                question=question,
                order=order,
            ),
        )
        tracks.append(track)
    for order, (slug, name, is_workshop) in enumerate(SESSION_TYPES):
        SessionType.objects.get_or_create(
            congress=congress,
            slug=slug,
            defaults=dict(name=name, is_workshop=is_workshop, order=order),
        )
    by_slug = {t.slug: t for t in tracks}
    for slug in ("aide-alimentaire", "insertion"):
        TrackRole.objects.get_or_create(
            track=by_slug[slug], user=ctx.accounts["reviewer"], role=TrackRoleKind.REVIEWER
        )
    TrackRole.objects.get_or_create(
        track=by_slug["handicap-inclusion"],
        user=ctx.accounts["moderator"],
        role=TrackRoleKind.MODERATOR,
    )
    ctx.tracks = tracks


# --- the programme's frame: plenaries and other sessions (workshops come from proposals) ----

PLENARIES = [
    # (type slug, title, day, start, end, room, description)
    ("pleniere", "Ouverture du congrès : « Solidarité et Transversalité : où en sommes-nous ? »",
     2, "09:30", "10:45", "Auditorium Barbara",
     "Accueil par la Ville du Mans et le CCAS, présentation des quatre thèmes et du fil rouge, "
     "état des lieux des pratiques solidaires depuis le premier congrès."),
    ("forum", "Forum des initiatives solidaires", 2, "12:30", "14:00", "Hall des stands",
     "Stands des associations et des CCAS : épiceries solidaires, chantiers d'insertion, "
     "dispositifs d'accès aux droits, bénévolat."),
    ("table-ronde", "Table ronde européenne : les solidarités au-delà des frontières",
     2, "17:45", "18:45", "Auditorium Barbara",
     "Regards croisés de réseaux européens sur l'aide alimentaire, l'inclusion et l'engagement."),
    ("forum", "Forum des initiatives solidaires (suite)", 3, "12:45", "14:00", "Hall des stands",
     "Seconde journée du forum, rencontres avec les élus."),
    ("pleniere", "Clôture : restitution des propositions aux décideurs",
     3, "16:00", "17:30", "Auditorium Barbara",
     "Les rapporteurs des ateliers présentent les propositions retenues aux députés, sénateurs "
     "et députés européens présents ; réponses des décideurs et suites données."),
]  # fmt: skip


def seed_sessions(ctx) -> None:
    congress = ctx.congress
    tz = ZoneInfo("Europe/Paris")
    rooms = {r.name: r for r in Room.objects.filter(venue__congress=congress)}
    types = {t.slug: t for t in SessionType.objects.filter(congress=congress)}
    existing = set(Session.objects.filter(congress=congress).values_list("title", flat=True))
    for slug, title, day, start, end, room, description in PLENARIES:
        if title in existing:
            continue
        date = congress.start_date.replace(day=day)
        Session.objects.create(
            congress=congress,
            session_type=types[slug],
            title=title,
            description=description,
            room=rooms[room],
            starts_at=datetime.combine(date, time.fromisoformat(start), tzinfo=tz),
            ends_at=datetime.combine(date, time.fromisoformat(end), tzinfo=tz),
            capacity=rooms[room].capacity,
            # The plenaries are interpreted in LSF; the closing one hands out FALC documents.
            lsf_interpretation=slug in ("pleniere", "table-ronde"),
            easy_read_material=title.startswith("Clôture"),
        )


# The next edition's programme (fictional): (type, title, day offset, start, end, room, track).
UPCOMING_SESSIONS = [
    ("pleniere", "Ouverture : deux ans après, où en sont nos propositions ?", 0, "09:30", "10:45",
     "Auditorium Barbara", ""),
    ("atelier", "Épiceries solidaires : choisir ses produits, partout", 0, "11:00", "12:30",
     "Salle Sarthe", "aide-alimentaire"),
    ("atelier", "Emploi accompagné : ce qui marche dans nos territoires", 0, "11:00", "12:30",
     "Salle Loire", "handicap-inclusion"),
    ("atelier", "Mobilité : lever le premier frein au retour à l'emploi", 0, "14:00", "15:30",
     "Salle Huisne", "insertion"),
    ("atelier", "Jeunes bénévoles : les accueillir et les garder", 0, "14:00", "15:30",
     "Salle Bercé", "engagement"),
    ("retour-experience", "Cantines et aide alimentaire : circuits courts", 1, "09:30", "11:00",
     "Salle Sarthe", "aide-alimentaire"),
    ("atelier", "Logement inclusif : de l'expérimentation au droit commun", 1, "09:30", "11:00",
     "Salle Loire", "handicap-inclusion"),
    ("pleniere", "Clôture : les nouvelles propositions aux décideurs", 1, "16:00", "17:30",
     "Auditorium Barbara", ""),
]  # fmt: skip


def seed_upcoming(ctx) -> None:
    """Tracks, session types and a programme for the next edition, open to workshop sign-up."""
    congress = ctx.upcoming
    for order, (slug, name, short, colour, description, question) in enumerate(TRACKS):
        Track.objects.get_or_create(
            congress=congress,
            slug=slug,
            defaults=dict(name=name, short_name=short, colour=colour, description=description,
                          question=question, order=order),
        )  # fmt: skip
    for order, (slug, name, is_workshop) in enumerate(SESSION_TYPES):
        SessionType.objects.get_or_create(
            congress=congress, slug=slug, defaults=dict(name=name, is_workshop=is_workshop, order=order)
        )  # fmt: skip
    tracks = {t.slug: t for t in Track.objects.filter(congress=congress)}
    TrackRole.objects.get_or_create(
        track=tracks["handicap-inclusion"], user=ctx.accounts["moderator"],
        role=TrackRoleKind.MODERATOR,
    )  # fmt: skip
    for slug in ("aide-alimentaire", "insertion"):
        TrackRole.objects.get_or_create(
            track=tracks[slug], user=ctx.accounts["reviewer"], role=TrackRoleKind.REVIEWER
        )
    tz = ZoneInfo("Europe/Paris")
    rooms = {r.name: r for r in Room.objects.filter(venue__congress=congress)}
    types = {t.slug: t for t in SessionType.objects.filter(congress=congress)}
    existing = set(Session.objects.filter(congress=congress).values_list("title", flat=True))
    for type_slug, title, offset, start, end, room, track in UPCOMING_SESSIONS:
        if title in existing:
            continue
        day = congress.days[offset]
        session = Session.objects.create(
            congress=congress,
            session_type=types[type_slug],
            track=tracks.get(track),
            title=title,
            description="Programme fictif de démonstration.",
            room=rooms[room],
            starts_at=datetime.combine(day, time.fromisoformat(start), tzinfo=tz),
            ends_at=datetime.combine(day, time.fromisoformat(end), tzinfo=tz),
            capacity=min(rooms[room].capacity, 40)
            if types[type_slug].is_workshop
            else rooms[room].capacity,
        )
        if track == "handicap-inclusion":
            session.moderators.add(ctx.accounts["moderator"])


def seed(ctx) -> None:
    seed_tracks(ctx)
    seed_sessions(ctx)
    seed_upcoming(ctx)
