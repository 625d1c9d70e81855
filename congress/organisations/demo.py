"""Demo organisations: twelve associations and public bodies with valid identifiers (and more
at --scale N)."""

from stdnum import luhn

from congress.accounts.demo import DEMO_DOMAIN
from congress.core.seeding import DemoContext
from congress.organisations.models import Organisation, OrganisationKind


def make_siret(siren_prefix: str, nic_prefix: str = "0001") -> str:
    """A SIRET with valid Luhn keys: SIREN = 8 digits + key, then NIC = 4 digits + key."""
    siren = siren_prefix + luhn.calc_check_digit(siren_prefix)
    body = siren + nic_prefix
    return body + luhn.calc_check_digit(body)


def make_rna(n: int) -> str:
    return f"W72{n:07d}"


# (kind, name, commune, insee, departement, siren prefix (8 digits), public listing)
ORGANISATIONS = [
    (OrganisationKind.CCAS, "CCAS du Mans", "Le Mans", "72181", "72", "26720181", True),
    (OrganisationKind.ASSOCIATION, "Épicerie solidaire du Maine", "Le Mans", "72181", "72", "41234567", True),
    (OrganisationKind.ASSOCIATION, "Handi'Cap Sarthe Inclusion", "Allonnes", "72003", "72", "42345678", True),
    (OrganisationKind.ASSOCIATION, "Tremplin Emploi 72", "Coulaines", "72095", "72", "43456789", True),
    (OrganisationKind.ASSOCIATION, "Bénévoles en Sarthe", "La Flèche", "72154", "72", "44567890", True),
    (OrganisationKind.CCAS, "CCAS d'Angers", "Angers", "49007", "49", "26490071", True),
    (OrganisationKind.CCAS, "CIAS du Pays Fléchois", "La Flèche", "72154", "72", "25720154", True),
    (OrganisationKind.ASSOCIATION, "Banque alimentaire de l'Orne (démo)", "Alençon", "61001", "61", "45678901", True),
    (OrganisationKind.ASSOCIATION, "Inclusion Numérique Bretagne", "Rennes", "35238", "35", "46789012", True),
    (OrganisationKind.ESS, "Jardins de Cocagne du Perche (démo)", "Nogent-le-Rotrou", "28280", "28", "47890123", True),
    (OrganisationKind.COLLECTIVITE, "Ville de Tours – Direction des solidarités (démo)", "Tours", "37261", "37", "21370261", False),
    (OrganisationKind.ASSOCIATION, "Solidarités Europe Grand Ouest", "Nantes", "44109", "44", "48901234", True),
]  # fmt: skip


def seed_organisations(ctx: DemoContext) -> None:
    n = 0
    for kind, name, commune, insee, dep, siren, listed in ORGANISATIONS:
        n += 1
        org = Organisation.objects.filter(slug=f"demo-{n:02d}").first()
        if org is None:
            org = Organisation(
                slug=f"demo-{n:02d}",
                kind=kind,
                name=name,
                siret=make_siret(siren),
                rna=make_rna(n) if kind == OrganisationKind.ASSOCIATION else "",
                address=f"{n} rue de la Solidarité",
                postal_code=f"{dep}000" if len(dep) == 2 else dep + "00",
                commune=commune,
                insee_code=insee,
                departement=dep,
                contact_email=f"contact{n}@{DEMO_DOMAIN}",
                public_listing=listed,
                description=f"{name} agit au quotidien auprès des personnes en situation de fragilité.",
            )
            org.full_clean()
            org.save()
        ctx.organisations.append(org)
    # Generated organisations for benchmarks: (scale - 1) * 150 more.
    extra = max(0, ctx.scale - 1) * 150
    kinds = (
        [OrganisationKind.ASSOCIATION] * 6 + [OrganisationKind.CCAS] * 3 + [OrganisationKind.ESS]
    )
    deps = ["72", "49", "53", "61", "44", "35", "37", "75", "13", "69", "2A", "974"]
    existing = set(
        Organisation.objects.filter(slug__startswith="gen-").values_list("slug", flat=True)
    )
    batch = []
    for i in range(extra):
        slug = f"gen-{i:06d}"
        if slug in existing:
            continue
        kind = kinds[i % len(kinds)]
        dep = deps[i % len(deps)]
        batch.append(
            Organisation(
                slug=slug,
                kind=kind,
                name=f"{'CCAS' if kind == OrganisationKind.CCAS else 'Association'} solidaire n° {i + 1}",
                siret=make_siret(f"{(30000000 + i):08d}"),
                rna=f"W{(900000000 + i):09d}" if kind == OrganisationKind.ASSOCIATION else "",
                commune="Commune démo",
                departement=dep,
                contact_email=f"org{i}@{DEMO_DOMAIN}",
                public_listing=i % 3 == 0,
            )
        )
    Organisation.objects.bulk_create(batch, batch_size=1000)
    if extra:
        ctx.organisations.extend(
            Organisation.objects.filter(slug__startswith="gen-").order_by("slug")
        )


seed = seed_organisations
