"""Demo data of the congress app: the 2024 edition in Le Mans, organisations and people.

Each app may have a ``demo.py`` with ``seed(ctx)``; ``manage.py seed_demo`` calls them in the
order of INSTALLED_APPS, so data flows congress -> tracks -> proposals -> reports. Every step
is idempotent: it looks records up by a natural key before creating them.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from stdnum import luhn

from congress.models import (
    Congress,
    CongressStatus,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Room,
    User,
    Venue,
)
from congress.services import organiser_grant_admin

DEMO_PASSWORD = "congres-demo-2024"  # noqa: S105 - demo accounts only, refused in production
DEMO_DOMAIN = "demo.congres-solidarites.fr"


@dataclass
class DemoContext:
    """Shared between the apps' seed steps."""

    scale: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(2024))
    congress: Congress | None = None
    accounts: dict[str, User] = field(default_factory=dict)  # role key -> user
    organisations: list[Organisation] = field(default_factory=list)
    people: list[User] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    # Printed at the end: (role, email, what to try).
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def make_siret(siren_prefix: str, nic_prefix: str = "0001") -> str:
    """A SIRET with valid Luhn keys: SIREN = 8 digits + key, then NIC = 4 digits + key."""
    siren = siren_prefix + luhn.calc_check_digit(siren_prefix)
    body = siren + nic_prefix
    return body + luhn.calc_check_digit(body)


def make_rna(n: int) -> str:
    return f"W72{n:07d}"


def demo_user(email: str, full_name: str, *, staff: bool = False, phone: str = "") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            full_name=full_name,
            phone=phone,
            is_staff=staff,
            email_confirmed_at=timezone.now(),
        )
    return user


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


def seed_congress(ctx: DemoContext) -> Congress:
    congress, created = Congress.objects.get_or_create(
        slug="congres-solidarites-2024",
        defaults=dict(
            name="2e Congrès national des Solidarités",
            edition_number=2,
            start_date=date(2024, 2, 2),
            end_date=date(2024, 2, 3),
            city="Le Mans",
            description=(
                "Le Congrès national des Solidarités à dimension européenne réunit associations et "
                "CCAS pour faire l'état des lieux de leurs pratiques solidaires et sociales, partager "
                "leurs difficultés et leurs réussites transposables à un autre territoire, et porter "
                "des propositions aux décideurs politiques : députés, sénateurs et députés européens."
            ),
            fil_rouge="Solidarité et Transversalité : où en sommes-nous ?",
            motto="La Solidarité ne se décrète pas, elle se construit.",
            status=CongressStatus.PUBLISHED,
            contact_email="congresdessolidarites@lemans.fr",
            organiser_name="Ville du Mans et CCAS du Mans",
        ),
    )
    if created and not Congress.objects.filter(is_current=True).exists():
        congress.is_current = True
        congress.save(update_fields=["is_current"])
    Congress.objects.get_or_create(
        slug="congres-solidarites-2019",
        defaults=dict(
            name="1er Congrès national des Solidarités",
            edition_number=1,
            start_date=date(2019, 2, 1),
            end_date=date(2019, 2, 2),
            city="Le Mans",
            description="La première édition, qui a montré le besoin d'un échange transversal entre acteurs de la solidarité.",
            fil_rouge="",
            status=CongressStatus.ARCHIVED,
            contact_email="congresdessolidarites@lemans.fr",
        ),
    )
    venue, _ = Venue.objects.get_or_create(
        congress=congress,
        name="Palais des Congrès et de la Culture",
        defaults=dict(
            address="Rue d'Arcole",
            city="Le Mans",
            accessibility_notes="Bâtiment accessible de plain-pied, ascenseurs vers les niveaux, places PMR au parking.",
            transport_notes="Tramway T1 et T2, arrêt « Préfecture » ; gare du Mans à 15 minutes à pied.",
        ),
    )
    rooms = [
        ("Auditorium Barbara", 800, "Rez-de-chaussée", True),
        ("Salle Sarthe", 120, "Niveau 1", True),
        ("Salle Loire", 90, "Niveau 1", False),
        ("Salle Huisne", 60, "Niveau 1", False),
        ("Salle Bercé", 40, "Niveau 2", False),
        ("Hall des stands", 300, "Rez-de-chaussée", True),
    ]
    for order, (name, capacity, floor, loop) in enumerate(rooms):
        Room.objects.get_or_create(
            venue=venue,
            name=name,
            defaults=dict(
                capacity=capacity, floor=floor, step_free=True, hearing_loop=loop, order=order
            ),
        )
    ctx.congress = congress
    return congress


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


def seed_people(ctx: DemoContext) -> None:
    congress = ctx.congress
    organiser = demo_user(f"organisateur@{DEMO_DOMAIN}", "Claire Organisatrice", staff=True)
    organiser_grant_admin(user=organiser, congress=congress)
    ctx.accounts["organiser"] = organiser
    ctx.accounts["reviewer"] = demo_user(f"relecteur@{DEMO_DOMAIN}", "Rémi Relecteur")
    ctx.accounts["moderator"] = demo_user(f"animateur@{DEMO_DOMAIN}", "Amina Animatrice")
    asso_manager = demo_user(f"asso@{DEMO_DOMAIN}", "Louise Gestionnaire", phone="02 43 00 00 01")
    ccas_manager = demo_user(f"ccas@{DEMO_DOMAIN}", "Marc Directeur-CCAS", phone="02 43 00 00 02")
    participant = demo_user(f"participant@{DEMO_DOMAIN}", "Paul Participant")
    ctx.accounts.update(
        asso_manager=asso_manager, ccas_manager=ccas_manager, participant=participant
    )
    orgs = {o.slug: o for o in ctx.organisations}
    for user, slug, role in [
        (ccas_manager, "demo-01", MembershipRole.MANAGER),
        (asso_manager, "demo-02", MembershipRole.MANAGER),
        (participant, "demo-02", MembershipRole.MEMBER),
        (ctx.accounts["reviewer"], "demo-06", MembershipRole.MEMBER),
        (ctx.accounts["moderator"], "demo-04", MembershipRole.MEMBER),
    ]:
        Membership.objects.get_or_create(
            user=user, organisation=orgs[slug], defaults={"role": role}
        )
    # Two more people per base organisation, (scale) times over.
    first = ["Nadia", "Jean", "Sophie", "Karim", "Élodie", "Hugo", "Fatou", "Yann", "Inès", "Luc"]
    last = [
        "Martin",
        "Bernard",
        "Dubois",
        "Lefèvre",
        "Moreau",
        "Girard",
        "Diallo",
        "Le Goff",
        "Roux",
        "Nguyen",
    ]
    existing = set(User.objects.filter(email__startswith="delegue").values_list("email", flat=True))
    wanted = []
    for i, org in enumerate(
        ctx.organisations[: 12 * ctx.scale] if ctx.scale == 1 else ctx.organisations
    ):
        for j in range(2):
            k = i * 2 + j
            wanted.append(
                (f"delegue{k:06d}@{DEMO_DOMAIN}", f"{first[k % 10]} {last[(k // 10) % 10]}", org)
            )
    new_users = [
        User(
            email=email,
            full_name=name,
            email_confirmed_at=timezone.now(),
            password=make_password(None),  # unusable: generated people never log in
        )
        for email, name, _org in wanted
        if email not in existing
    ]
    User.objects.bulk_create(new_users, batch_size=1000)
    by_email = {u.email: u for u in User.objects.filter(email__startswith="delegue")}
    members = set(
        Membership.objects.filter(user__email__startswith="delegue").values_list(
            "user__email", flat=True
        )
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=by_email[email],
                organisation=org,
                role=MembershipRole.MEMBER
                if j % 2
                else MembershipRole.MANAGER,  # first of two manages
            )
            for j, (email, _name, org) in enumerate(wanted)
            if email not in members
        ],
        batch_size=1000,
    )
    ctx.people = [by_email[email] for email, _n, _o in wanted]
    ctx.logins += [
        ("organisateur·rice", organiser.email, "espace organisateurs, administration"),
        ("relecteur·rice", ctx.accounts["reviewer"].email, "relecture des propositions d'ateliers"),
        ("animateur·rice", ctx.accounts["moderator"].email, "comptes rendus d'ateliers"),
        ("gestionnaire d'association", asso_manager.email, "Épicerie solidaire du Maine"),
        ("gestionnaire de CCAS", ccas_manager.email, "CCAS du Mans (paiement sur facture)"),
        ("participant·e", participant.email, "membre d'association, inscription aux ateliers"),
    ]


def seed(ctx: DemoContext) -> None:
    seed_congress(ctx)
    seed_organisations(ctx)
    seed_people(ctx)
    seed_registrations(ctx)  # registration branch


# === BEGIN registration demo (registration branch) ============================================

TARIFFS = [
    # (name, price, audience, invitation code)
    ("Association", "60.00", "association", ""),
    ("CCAS / collectivité", "90.00", "public_body", ""),
    ("Individuel", "35.00", "individual", ""),
    ("Intervenant·e", "0.00", "invited", "INTERVENANT-2024"),
]


def seed_registrations(ctx: DemoContext) -> None:
    """Tariffs, a capacity, and the organisations' orders: paid by card, invoiced, waitlisted.

    Every base organisation registers its manager(s) and its two generated delegates; so at
    scale N there are about 2 registrations per generated person.
    """
    from decimal import Decimal

    from congress import services
    from congress.models import (
        Order,
        OrderState,
        PaymentMethod,
        Registration,
        RegistrationStatus,
        Tariff,
        WaitlistEntry,
    )

    congress = ctx.congress
    congress_fields = dict(
        capacity=600 * ctx.scale,
        billing_name="Ville du Mans – Congrès national des Solidarités",
        billing_address="Hôtel de ville, place Saint-Pierre\n72039 Le Mans Cedex 9",
        billing_siret=make_siret("21720181", "0001"),
        billing_iban="FR76 1007 1720 0000 0020 0000 123",
        billing_bic="TRPUFRP1",
        billing_vat_mention="TVA non applicable, art. 293 B du CGI",
        payment_terms_days=30,
    )
    if any(getattr(congress, k) != v for k, v in congress_fields.items()):
        for name, value in congress_fields.items():
            setattr(congress, name, value)
        congress.save(update_fields=list(congress_fields))
    tariffs = {}
    for order, (name, price, audience, code) in enumerate(TARIFFS):
        tariffs[audience], _c = Tariff.objects.get_or_create(
            congress=congress,
            name=name,
            defaults=dict(
                price=Decimal(price), audience=audience, invitation_code=code, order=order
            ),
        )

    people_by_org = {}
    person_by_pk = {p.pk: p for p in ctx.people}
    # Managers first ("manager" sorts before "member"): the first person places the order.
    for user_id, org_id in (
        Membership.objects.filter(user__in=ctx.people)
        .order_by("organisation_id", "role", "user_id")
        .values_list("user_id", "organisation_id")
    ):
        people_by_org.setdefault(org_id, []).append(person_by_pk[user_id])
    managed = set(
        Membership.objects.filter(role=MembershipRole.MANAGER).values_list(
            "organisation_id", flat=True
        )
    )
    extra_people = {
        "demo-01": [ctx.accounts["ccas_manager"]],
        "demo-02": [ctx.accounts["asso_manager"], ctx.accounts["participant"]],
    }
    done = set(
        Order.objects.filter(congress=congress, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    taken = set(
        Registration.objects.filter(
            congress=congress, status__in=["pending", "confirmed"]
        ).values_list("email", flat=True)
    )
    now = timezone.now()
    for n, org in enumerate(ctx.organisations):
        if org.pk in done:
            continue
        people = extra_people.get(org.slug, []) + people_by_org.get(org.pk, [])
        people = [p for p in people if p.email not in taken]
        if not people:
            continue
        placed_by = people[0]
        delegates = [
            {
                "full_name": p.full_name,
                "email": p.email,
                "function": "Délégué·e",
                "needs_step_free": i % 7 == 3,
                "needs_lsf": i % 11 == 5,
                "dietary_needs": "végétarien" if i % 5 == 2 else "",
                "photo_consent": i % 3 != 0,
            }
            for i, p in enumerate(people)
        ]
        if org.is_public_body:
            tariff = tariffs["public_body"]
            if org.pk not in managed:  # someone must be able to place the order
                Membership.objects.filter(user=placed_by, organisation=org).update(
                    role=MembershipRole.MANAGER
                )
            # The invoice path is the real service: numbered invoice, confirmed registrations.
            order = services.order_create(
                congress=congress,
                by=placed_by,
                organisation=org,
                tariff=tariff,
                delegates=delegates,
                code_service="SERVICE-SOLIDARITES" if n % 2 == 0 else "",
                engagement_number=f"EJ-2024-{n + 1:05d}",
            )
            if n % 3 == 2:  # some mandates have already arrived
                order.state = OrderState.PAID
                order.paid_at = timezone.localdate()
                order.payment_reference = f"Mandat n° {4000 + n}"
                order.save(update_fields=["state", "paid_at", "payment_reference"])
        else:
            tariff = tariffs["association"]
            # A card order already paid on Stripe (demo ids: no Stripe keys in the demo).
            order = Order.objects.create(
                congress=congress,
                organisation=org,
                placed_by=placed_by,
                payment_method=PaymentMethod.CARD,
                state=OrderState.PAID,
                total=tariff.price * len(delegates),
                created_at=now,
                confirmed_at=now,
                stripe_checkout_session_id=f"cs_demo_{org.pk}",
                stripe_payment_intent_id=f"pi_demo_{org.pk}",
            )
            users = {p.email: p for p in people}
            Registration.objects.bulk_create(
                [
                    Registration(
                        order=order,
                        congress=congress,
                        tariff=tariff,
                        user=users[d["email"]],
                        price=tariff.price,
                        days=[day.isoformat() for day in congress.days],
                        status=RegistrationStatus.CONFIRMED,
                        **d,
                    )
                    for d in delegates
                ]
            )
        taken.update(d["email"] for d in delegates)
    WaitlistEntry.objects.get_or_create(
        congress=congress,
        user=ctx.accounts["reviewer"],
        state="waiting",
        defaults={"organisation": ctx.organisations[5] if len(ctx.organisations) > 5 else None},
    )
    ctx.log.append(
        f"registrations: {Registration.objects.filter(congress=congress).count()} "
        f"in {Order.objects.filter(congress=congress).count()} orders"
    )


# === END registration demo ====================================================================
