"""Demo data of the tracks app: the four tracks, session types, reviewers and moderators."""

from tracks.models import SessionType, Track, TrackRole, TrackRoleKind

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


def seed(ctx) -> None:
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
