"""Text of the demo call for proposals (realistic French): review criteria, the workshop slots
and rooms, the 24 workshops (six per track), the proposals not on the programme, and the names
of the speakers. Used by proposals/demo.py and proposals/outcomes/demo.py."""

CRITERIA = [
    ("Pertinence au thème et au fil rouge", "Lien avec le thème et « Solidarité et Transversalité ».", 3),
    ("Transférabilité", "Ce qui peut être reproduit sur un autre territoire.", 3),
    ("Diversité territoriale", "Apport d'un territoire ou d'un public peu représenté.", 1),
    ("Qualité de la proposition", "Clarté, résultats étayés, pistes pour les décideurs.", 2),
]  # fmt: skip

# Six workshop slots (day, start, end) x four workshop rooms = 24 workshops.
SLOTS = [(2, "11:00", "12:30"), (2, "14:00", "15:30"), (2, "16:00", "17:30"),
         (3, "09:30", "11:00"), (3, "11:15", "12:45"), (3, "14:15", "15:45")]  # fmt: skip
WORKSHOP_ROOMS = ["Salle Sarthe", "Salle Loire", "Salle Huisne", "Salle Bercé"]

# track slug -> six workshops (title, format, summary); one per slot.
WORKSHOPS = {
    "aide-alimentaire": [
        ("De la distribution de colis à l'épicerie solidaire : choisir ses produits", "retour-experience",
         "le passage d'une distribution de colis à une épicerie solidaire où les personnes choisissent leurs produits et participent à 10 % du prix"),
        ("Produits frais et circuits courts dans l'aide alimentaire", "atelier",
         "un partenariat avec des maraîchers locaux et un chantier d'insertion pour apporter des fruits et légumes frais aux bénéficiaires"),
        ("Lutter contre le gaspillage : la ramasse en grande surface", "atelier",
         "l'organisation de la collecte quotidienne des invendus avec des bénévoles et une chaîne du froid maîtrisée"),
        ("Cuisiner ensemble : ateliers cuisine et santé", "atelier",
         "des ateliers cuisine animés avec une diététicienne, ouverts aux bénéficiaires et aux bénévoles"),
        ("Étudiants et aide alimentaire : une précarité invisible", "table-ronde",
         "une épicerie solidaire étudiante ouverte avec le CROUS et les associations de campus"),
        ("Dignité et accueil : repenser le premier contact", "retour-experience",
         "la refonte de l'accueil d'une banque alimentaire pour supprimer les files d'attente et les justificatifs humiliants"),
    ],
    "handicap-inclusion": [
        ("Habitat inclusif : vivre chez soi, entouré", "retour-experience",
         "un habitat inclusif de huit logements avec un projet de vie sociale partagée porté par une association et le CCAS"),
        ("Emploi accompagné : de l'ESAT au milieu ordinaire", "atelier",
         "un dispositif d'emploi accompagné qui a permis à 40 travailleurs d'ESAT de rejoindre une entreprise ordinaire"),
        ("Scolarité inclusive : le rôle des AESH et des familles", "table-ronde",
         "la coordination entre école, AESH, familles et services médico-sociaux sur une circonscription"),
        ("Accessibilité numérique des services publics locaux", "atelier",
         "l'audit et la mise en accessibilité des démarches en ligne d'une commune avec des usagers en situation de handicap"),
        ("Sport et loisirs pour tous : clubs inclusifs", "retour-experience",
         "un label de clubs sportifs inclusifs et la formation des éducateurs bénévoles"),
        ("Aidants familiaux : prévenir l'épuisement", "atelier",
         "une plateforme de répit et des groupes de parole pour les aidants, co-animés par des pairs"),
    ],
    "insertion": [
        ("Chantier d'insertion et maraîchage biologique", "retour-experience",
         "un atelier chantier d'insertion en maraîchage biologique qui fournit aussi l'épicerie solidaire du territoire"),
        ("Mobilité : lever le premier frein à l'emploi", "atelier",
         "une plateforme mobilité : location de scooters, auto-école sociale et garage solidaire"),
        ("Logement d'abord : l'accompagnement global", "table-ronde",
         "l'accès direct au logement de personnes sans domicile avec un accompagnement social pluridisciplinaire"),
        ("Jeunes sans emploi ni formation : aller vers", "atelier",
         "des maraudes numériques et de rue pour rencontrer les jeunes que les dispositifs ne voient plus"),
        ("Territoires zéro chômeur de longue durée : premiers résultats", "retour-experience",
         "l'entreprise à but d'emploi d'un territoire expérimental et ses effets après trois ans"),
        ("Entreprises et insertion : construire des parcours", "atelier",
         "un club d'entreprises qui propose immersions, tutorat et recrutements aux personnes en insertion"),
    ],
    "engagement": [
        ("Renouveler le bénévolat : missions courtes et engagement ponctuel", "atelier",
         "une plateforme de missions bénévoles courtes qui a attiré de nouveaux profils, actifs et jeunes retraités"),
        ("Service civique dans les CCAS : quelle place pour les jeunes ?", "retour-experience",
         "l'accueil de volontaires en service civique au CCAS pour lutter contre l'isolement des aînés"),
        ("Reconnaître les compétences des bénévoles", "atelier",
         "un passeport bénévole et la validation des acquis de l'expérience bénévole"),
        ("Personnes accompagnées devenues bénévoles", "table-ronde",
         "la participation de personnes accompagnées à la gouvernance et à l'action de l'association"),
        ("Solidarités de voisinage : le pouvoir d'agir des habitants", "atelier",
         "des réseaux de voisins solidaires et un budget participatif de quartier"),
        ("Engagement des jeunes et Europe : le Corps européen de solidarité", "retour-experience",
         "l'envoi et l'accueil de volontaires européens dans des projets solidaires locaux"),
    ],
}  # fmt: skip

# Proposals that are not (yet) on the programme: (track, title, org slug, state, summary)
OTHER_PROPOSALS = [
    ("aide-alimentaire", "Une cantine solidaire à prix libre", "demo-02", "draft",
     "un projet de cantine solidaire à prix libre en cours de montage"),
    ("aide-alimentaire", "Aide alimentaire en milieu rural : le camion itinérant", "demo-07", "submitted",
     "un camion épicerie itinérant dans les communes sans commerce"),
    ("insertion", "Clauses sociales dans les marchés publics", "demo-11", "reviewed",
     "l'usage des clauses sociales par une grande ville et les heures d'insertion générées"),
    ("aide-alimentaire", "Chèques alimentaires et commerces de proximité", "demo-12", "reviewed",
     "des chèques alimentaires utilisables chez les commerçants du quartier"),
    ("insertion", "Coaching vers l'emploi par visioconférence", "demo-09", "rejected",
     "un accompagnement à distance des demandeurs d'emploi"),
    ("engagement", "Gala annuel des bénévoles", "demo-05", "rejected",
     "une soirée de remerciement des bénévoles"),
    ("handicap-inclusion", "Cafés signes dans les centres sociaux", "demo-03", "waitlisted",
     "des cafés signes pour rapprocher personnes sourdes et entendantes"),
    ("engagement", "Jeunes ambassadeurs de la solidarité au collège", "demo-05", "submitted",
     "des collégiens formés pour animer des collectes et des actions solidaires"),
]  # fmt: skip

FIRST = [
    "Claire",
    "Mehdi",
    "Sylvie",
    "Thomas",
    "Aïcha",
    "Bruno",
    "Gaëlle",
    "Olivier",
    "Rose",
    "Samir",
]
LAST = [
    "Fontaine",
    "Benali",
    "Hervé",
    "Lucas",
    "Traoré",
    "Perrin",
    "Le Bihan",
    "Marchand",
    "Costa",
    "Henry",
]
FUNCTIONS = ["directrice", "coordinateur", "bénévole référente", "chargé de mission", "présidente",
             "travailleur social", "responsable de l'épicerie", "conseillère en insertion"]  # fmt: skip

# Submitted to the next edition's open call, in the demo reviewer's tracks (review page).
UPCOMING_PROPOSALS = [
    ("aide-alimentaire", "Un frigo solidaire dans chaque quartier",
     "un réseau de frigos solidaires tenus par les habitants"),
    ("aide-alimentaire", "Cuisiner ensemble : ateliers de cuisine avec les familles accueillies",
     "des ateliers de cuisine partagée à l'épicerie solidaire"),
    ("insertion", "Premières heures : un emploi dès le premier jour",
     "un dispositif de travail à l'heure pour des personnes sans domicile"),
    ("insertion", "Mobilité et emploi : le garage solidaire",
     "un garage solidaire qui répare les véhicules des personnes en insertion"),
]  # fmt: skip


def texts(summary: str, track, commune: str) -> dict:
    return {
        "context": f"À {commune}, nous présentons {summary}. Public concerné : personnes et familles "
        f"accompagnées, bénévoles et professionnels du territoire.",
        "actions": "Diagnostic partagé avec les partenaires, mise en place progressive sur 18 mois, "
        "comité de suivi associant les personnes accompagnées.",
        "results": "Hausse de la fréquentation, meilleure coordination entre acteurs ; la démarche, "
        "ses outils et ses conventions types sont transposables à un autre territoire.",
        "difficulties": "Financements annuels incertains, renouvellement des bénévoles, "
        "cloisonnement entre dispositifs.",
        "policy_ideas": f"Pérenniser les financements pluriannuels et reconnaître la transversalité "
        f"entre « {track.short_name or track.name} » et les autres politiques de solidarité.",
    }
