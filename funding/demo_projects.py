"""The bulk of LE PROGRÈS's demo: project holders of the Hauts-de-Seine and their applications,
generated from short lists so the demo has about 40 applications in every state (some left as
drafts the rules refuse: a company without the ESUS approval, a structure outside the
département), beside the hand-written ones of funding/demo.py. Deterministic: the same rows at
every seed."""

from congress.organisations.models import OrganisationKind

COMMUNES = [
    "Antony", "Asnières-sur-Seine", "Bagneux", "Boulogne-Billancourt", "Clamart", "Clichy",
    "Issy-les-Moulineaux", "Levallois-Perret", "Malakoff", "Meudon", "Montrouge",
    "Rueil-Malmaison", "Saint-Cloud", "Sceaux", "Sèvres", "Suresnes", "Vanves", "Châtillon",
    "Bois-Colombes", "Villeneuve-la-Garenne", "Garches", "Chaville", "Fontenay-aux-Roses",
    "Bourg-la-Reine",
]  # fmt: skip
# (structure's name, the project's title): what each holder does for the everyday life
ACTIVITIES = [
    ("Épicerie solidaire", "Épicerie solidaire itinérante"),
    ("Mobilité inclusive", "Transport à la demande pour rendez-vous médicaux"),
    ("Jardins partagés", "Potagers accessibles en fauteuil"),
    ("Numérique pour tous", "Aidants numériques à domicile"),
    ("Toit partagé", "Cohabitation entre aînés et étudiants"),
    ("Petits bricolages", "Dépannages à domicile pour personnes âgées"),
    ("Cuisine du lien", "Repas partagés contre l'isolement"),
    ("Linge et dignité", "Laverie solidaire de quartier"),
    ("Culture à domicile", "Bibliothèque et jeux portés à domicile"),
    ("Premiers pas vers l'emploi", "Garde d'enfants pour parents en insertion"),
    ("Accès aux droits", "Permanences d'accès aux droits en mairie annexe"),
    ("Sport adapté", "Activité physique adaptée au pied des immeubles"),
]
PUBLIC_COUNT = 4
# The jury's scores (three criteria) fit the decision taken afterwards.
SCORES = {"granted": [(5, 4, 4), (4, 5, 3)], "submitted": [(3, 3, 4), (4, 3, 2)],
          "declined": [(2, 3, 2), (3, 1, 2)]}  # fmt: skip
# A generated project's state, cycling: most are submitted then decided, a few stay drafts.
STATES = ["granted", "declined", "submitted", "declined", "granted", "submitted", "declined",
          "submitted"]  # fmt: skip


def generated_applicants() -> list[tuple]:
    """(slug, kind, name, commune, siren prefix), as funding.demo.APPLICANTS: 24 structures,
    one in four a company of the social economy (ESUS), one outside the Hauts-de-Seine."""
    rows = []
    for n, commune in enumerate(COMMUNES):
        name, _title = ACTIVITIES[n % len(ACTIVITIES)]
        kind = OrganisationKind.ESS if n % 4 == 1 else OrganisationKind.ASSOCIATION
        rows.append((f"progres-g{n:02d}", kind, f"{name} {commune} (démo)", commune, f"57{n:06d}"))
    rows.append(
        ("progres-montreuil", OrganisationKind.ASSOCIATION, "Entraide de l'Est parisien (démo)",
         "Montreuil", "58000001")
    )  # fmt: skip
    return rows


def generated_projects() -> list[tuple]:
    """(title, applicant slug, public, requested, total, state, esus, scores, granted), as
    funding.demo.PROJECTS: one project per generated structure (32 in all, with ineligible
    drafts: an ESS company without the ESUS approval, a structure of Seine-Saint-Denis)."""
    rows = []
    for n, commune in enumerate(COMMUNES):
        _name, title = ACTIVITIES[n % len(ACTIVITIES)]
        state = STATES[n % len(STATES)]
        esus = n % 4 == 1 and n != 5  # n = 5: an ESS company that forgot its approval
        if n in (5, 13):
            state = "draft"
        requested = 6000 + (n * 1700) % 24000
        total = requested * (2 + n % 3)
        scores = None if state == "draft" else SCORES[state][n % 2]
        granted = (requested // 1000) * 1000 if state == "granted" else None
        rows.append(
            (f"{title} à {commune}", f"progres-g{n:02d}", n % PUBLIC_COUNT, requested, total,
             state, esus, scores, granted)
        )  # fmt: skip
    for n, (title, slug) in enumerate(
        [("Aide aux devoirs pour collégiens", "progres-g02"),
         ("Navettes vers les marchés", "progres-g06"),
         ("Ateliers mémoire en résidence", "progres-g10"),
         ("Café des aidants", "progres-g14"),
         ("Vestiaire solidaire", "progres-g18"),
         ("Réparation de vélos pour l'insertion", "progres-g22"),
         ("Accueil de jour des jeunes majeurs", "progres-montreuil")]
    ):  # fmt: skip
        state = "draft" if slug == "progres-montreuil" else ["submitted", "declined"][n % 2]
        scores = None if state == "draft" else SCORES[state][n % 2]
        rows.append((title, slug, (n + 1) % PUBLIC_COUNT, 9000 + n * 1000, 20000 + n * 3000,
                     state, False, scores, None))  # fmt: skip
    return rows
