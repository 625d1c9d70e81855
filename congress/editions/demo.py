"""Demo data of the editions sub-domain: the 2024 edition in Le Mans (and 2019), its venue
and rooms, and the demo people with their roles."""

import io
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from congress.accounts.demo import DEMO_DOMAIN, demo_user
from congress.accounts.models import User
from congress.core.seeding import DemoContext
from congress.editions.models import Congress, CongressStatus, Room, Venue
from congress.editions.services import organiser_grant_admin
from congress.organisations.models import Membership, MembershipRole


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


# The upcoming edition opens about four months after the day the demo is installed, on a
# Thursday and Friday: registration, the call for proposals and workshop sign-up are open.
UPCOMING_LEAD_DAYS = 120
UPCOMING_NUMBER = 3


def upcoming_start(today: date) -> date:
    start = today + timedelta(days=UPCOMING_LEAD_DAYS)
    return start + timedelta(days=(3 - start.weekday()) % 7)  # the next Thursday


def seed_upcoming(ctx: DemoContext) -> Congress:
    """The next edition, found again by its number (seeding twice keeps its dates: every object
    of the edition is dated relative to them). It becomes the home page's edition when created."""
    congress = Congress.objects.filter(
        edition_number=UPCOMING_NUMBER, contact_email="congresdessolidarites@lemans.fr"
    ).first()
    if congress is None:
        start = upcoming_start(timezone.localdate())
        congress = Congress.objects.create(
            slug=f"congres-solidarites-{start.year}",
            name="3e Congrès national des Solidarités",
            edition_number=UPCOMING_NUMBER,
            start_date=start,
            end_date=start + timedelta(days=1),
            city="Le Mans",
            description=(
                "La troisième édition (fictive, pour la démonstration) : associations et CCAS "
                "reprennent les propositions de 2024, regardent ce qu'elles sont devenues et en "
                "portent de nouvelles aux décideurs."
            ),
            fil_rouge="Des propositions aux actes : ce que la solidarité a changé",
            motto="La Solidarité ne se décrète pas, elle se construit.",
            status=CongressStatus.PUBLISHED,
            contact_email="congresdessolidarites@lemans.fr",
            organiser_name="Ville du Mans et CCAS du Mans",
        )
        Congress.objects.filter(is_current=True).update(is_current=False)
        congress.is_current = True
        congress.save(update_fields=["is_current"])
    source = Venue.objects.filter(congress=ctx.congress).first()
    venue, created = Venue.objects.get_or_create(
        congress=congress,
        name=source.name,
        defaults=dict(
            address=source.address,
            city=source.city,
            accessibility_notes=source.accessibility_notes,
            transport_notes=source.transport_notes,
        ),
    )
    if created:
        Room.objects.bulk_create(
            Room(
                venue=venue,
                name=room.name,
                capacity=room.capacity,
                floor=room.floor,
                step_free=room.step_free,
                hearing_loop=room.hearing_loop,
                order=room.order,
            )
            for room in source.rooms.all()
        )
    congress.organisers.add(ctx.accounts["organiser"])
    ctx.upcoming = congress
    return congress


def logo_png() -> bytes:
    """The demo editions' logo, drawn here (fictional: two linked rings and « CNS »)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (360, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((12, 12, 108, 108), outline="#1d4e89", width=10)
    draw.ellipse((62, 12, 158, 108), outline="#c0392b", width=10)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 54)
    except OSError:  # fonts-dejavu missing: Pillow's own font
        font = ImageFont.load_default(size=54)
    draw.text((182, 28), "CNS", fill="#1d4e89", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seed_logos(*congresses: Congress) -> None:
    """Give the demo's editions of the congress a logo (edition page, report cover)."""
    for congress in congresses:
        if not congress.logo:
            congress.logo.save(f"logo-{congress.slug}.png", ContentFile(logo_png()), save=False)
            congress.save(update_fields=["logo"])


def seed(ctx: DemoContext) -> None:
    seed_congress(ctx)
    seed_people(ctx)
    seed_upcoming(ctx)
    seed_logos(ctx.congress, ctx.upcoming)
