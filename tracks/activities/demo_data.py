"""The Semaine des solidarités of the demo: facts from its announcement (dates, kinds of
activity, topics, kinds of partner), fictional activities, places and addresses."""

TOPICS = [
    ("culture", "Culture et loisirs pour les publics en difficulté"),
    ("exclusions", "Lutte contre les exclusions"),
    ("expulsions", "Prévention des expulsions"),
    ("prevention", "Prévention spécialisée"),
    ("numerique", "Inclusion numérique"),
    ("benevolat", "Engagement des bénévoles"),
    ("hebergement", "Hébergement"),
    ("enfance", "Droits de l'enfant"),
]

ACTIVITY_TYPES = [
    ("portes-ouvertes", "Portes ouvertes"),
    ("visite", "Visite de site"),
    ("parcours", "Parcours"),
    ("forum", "Forum"),
    ("stand", "Stand sur l'espace public"),
    ("exposition", "Exposition"),
    ("debat", "Débat"),
    ("webinaire", "Webinaire"),
]

# name, arrondissement, postal code, transport, step-free (fictional addresses)
PLACES = [
    ("Mairie du 10e (démo)", "10e", "75010", "Métro Château-d'Eau (ligne 4)", True),
    (
        "Espace parisien des solidarités Belleville (démo)",
        "20e",
        "75020",
        "Métro Belleville (lignes 2, 11)",
        True,
    ),
    (
        "La Fabrique de la solidarité (démo)",
        "14e",
        "75014",
        "Métro Denfert-Rochereau (lignes 4, 6), RER B",
        True,
    ),
    (
        "Espace solidarité insertion Saint-Martin (démo)",
        "10e",
        "75010",
        "Métro Jacques Bonsergent (ligne 5)",
        False,
    ),
    ("Bagagerie solidaire (démo)", "13e", "75013", "Métro Place d'Italie (lignes 5, 6, 7)", False),
    (
        "Centre d'hébergement Les Lilas bleus (démo)",
        "19e",
        "75019",
        "Métro Laumière (ligne 5)",
        True,
    ),
    ("Épicerie solidaire du Canal (démo)", "11e", "75011", "Métro Parmentier (ligne 3)", True),
    ("Parvis de la mairie du 18e (démo)", "18e", "75018", "Métro Jules Joffrin (ligne 12)", True),
    ("Maison des solidarités du 5e (démo)", "5e", "75005", "RER B Luxembourg", True),
    ("Centre social Les Amandiers (démo)", "20e", "75020", "Métro Ménilmontant (ligne 2)", True),
    (
        "Restaurant solidaire Saint-Maur (démo)",
        "11e",
        "75011",
        "Métro Rue Saint-Maur (ligne 3)",
        False,
    ),
    ("Médiathèque du 12e (démo)", "12e", "75012", "Métro Daumesnil (lignes 6, 8)", True),
    (
        "Halte de nuit Clignancourt (démo)",
        "18e",
        "75018",
        "Métro Porte de Clignancourt (ligne 4)",
        False,
    ),
    (
        "Espace parisien des solidarités Pantin (démo)",
        "19e",
        "75019",
        "Tramway T3b Ella Fitzgerald",
        True,
    ),
    ("Maison de l'enfance Vaugirard (démo)", "15e", "75015", "Métro Vaugirard (ligne 12)", True),
]
ONLINE_PLACE = "En ligne"

# day (0-3), hour, duration (h), type, topic, place index (None: online), title, registration,
# places (None: the room's)
ACTIVITIES = [
    (
        0,
        10,
        2,
        "portes-ouvertes",
        "exclusions",
        3,
        "Portes ouvertes de l'ESI : un accueil de jour",
        True,
        15,
    ),
    (0, 14, 2, "visite", "hebergement", 5, "Visite d'un centre d'hébergement d'urgence", True, 12),
    (0, 18, 2, "debat", "expulsions", 0, "Débat : prévenir les expulsions locatives", False, None),
    (
        0,
        12,
        1,
        "webinaire",
        "numerique",
        None,
        "Webinaire : accompagner les démarches en ligne",
        True,
        100,
    ),
    (1, 10, 3, "stand", "benevolat", 7, "Stand : devenir bénévole près de chez soi", False, None),
    (1, 14, 2, "parcours", "exclusions", 1, "Parcours solidaire dans Belleville", True, 20),
    (1, 15, 2, "exposition", "culture", 2, "Exposition : portraits de bénévoles", False, None),
    (1, 17, 2, "forum", "benevolat", 2, "Forum de l'engagement bénévole", True, 60),
    (2, 10, 2, "portes-ouvertes", "exclusions", 4, "Portes ouvertes de la bagagerie", True, 10),
    (2, 11, 2, "visite", "exclusions", 6, "Visite d'une épicerie solidaire", True, 15),
    (2, 14, 2, "debat", "enfance", 0, "Débat : les droits de l'enfant au quotidien", True, 80),
    (
        2,
        18,
        1,
        "webinaire",
        "prevention",
        None,
        "Visioconférence : la prévention spécialisée expliquée",
        True,
        150,
    ),
    (
        3,
        10,
        2,
        "atelier-numerique",
        "numerique",
        1,
        "Atelier : premiers pas sur un smartphone",
        True,
        2,
    ),
    (3, 14, 3, "stand", "culture", 7, "Stand : sorties culturelles pour tous", False, None),
    (
        3,
        15,
        2,
        "forum",
        "hebergement",
        5,
        "Forum de l'hébergement et du logement d'abord",
        True,
        40,
    ),
    (
        3,
        17,
        2,
        "exposition",
        "enfance",
        2,
        "Exposition : dessins d'enfants sur leurs droits",
        False,
        None,
    ),
]


# The rest of the week (« about 60 activities in 15 places »): generated from the kinds and
# topics of the announcement; every title is fictional and names its place.
_HOURS = [9, 10, 11, 14, 15, 16, 17, 18]
_SHORT = [p[0].replace(" (démo)", "") for p in PLACES]
_GENERATED = []
for _i in range(44):
    _kind, _kind_name = ACTIVITY_TYPES[_i % len(ACTIVITY_TYPES)]
    _topic, _topic_name = TOPICS[(_i // len(ACTIVITY_TYPES) + _i) % len(TOPICS)]
    _online = _kind == "webinaire"
    _place = None if _online else (_i * 4) % len(PLACES)
    _where = "en ligne" if _online else _SHORT[_place]
    _open = _kind in ("stand", "exposition")
    _GENERATED.append(
        (
            _i % 4,
            _HOURS[(_i // 4) % len(_HOURS)],
            1 if _online else 2,
            _kind,
            _topic,
            _place,
            f"{_kind_name} – {_topic_name.lower()} ({_where})",
            not _open,
            None if _open else (100 if _online else 8 + (_i * 3) % 25),
        )
    )
ACTIVITIES = ACTIVITIES + _GENERATED
