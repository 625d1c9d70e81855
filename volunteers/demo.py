"""Demo data of volunteering: la Fabrique de la Solidarité, its three recurring trainings,
volunteers who followed them, missions of the demo associations, shifts at the upcoming
edition. Everything is dated from the upcoming edition's first day, never from today."""

from datetime import time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_user
from congress.accounts.models import User
from congress.core.seeding import moment
from congress.organisations.demo import make_siret
from congress.organisations.models import Membership, MembershipRole, Organisation
from volunteers.models import (
    SLOTS,
    ApplicationStatus,
    BookingStatus,
    Mission,
    MissionApplication,
    Shift,
    ShiftSignup,
    Skill,
    Training,
    TrainingBooking,
    VolunteerProfile,
)
from volunteers.services import training_schedule

# (title, weekday, week of the month, start, end, capacity, description)
TRAININGS = [
    ("Aller à la rencontre des personnes sans abri", 1, 2, time(18, 30), time(21, 0), 25,
     "Comprendre la vie à la rue, oser le premier contact, connaître les dispositifs parisiens "
     "(maraudes, ESI, bagageries) et savoir orienter."),
    ("Premiers secours en santé mentale : les bases", 3, 1, time(9, 30), time(12, 30), 15,
     "Repérer une personne en détresse psychique, engager le dialogue, passer le relais."),
    ("Accueillir et orienter : l'accès aux droits", 5, 3, time(10, 0), time(12, 0), 20,
     "Les droits sociaux essentiels, les lieux ressources, la posture d'accueil."),
]  # fmt: skip

# (organisation slug, title, day offset from the edition's first day, start hour, hours, needed,
#  index of the required training or None, skills)
MISSIONS = [
    ("demo-02", "Tenir l'épicerie solidaire le samedi matin", -170, 9, 3, 3, None, ["food", "welcome"]),
    ("demo-02", "Collecte nationale : accueil en magasin", -163, 10, 4, 6, None, ["logistics"]),
    ("demo-05", "Maraude du soir avec l'équipe mobile", -156, 19, 3, 4, 0, ["street", "listening"]),
    ("demo-05", "Petit-déjeuner solidaire", -149, 8, 2, 4, 0, ["welcome", "food"]),
    ("demo-03", "Accompagner une sortie culturelle", -142, 14, 3, 2, None, ["activities"]),
    ("demo-09", "Atelier d'aide aux démarches en ligne", -135, 14, 2, 2, None, ["digital"]),
    ("demo-02", "Tri des dons de la banque alimentaire", -60, 9, 3, 5, None, ["logistics"]),
    ("demo-05", "Maraude du soir avec l'équipe mobile", -53, 19, 3, 4, 0, ["street", "listening"]),
    ("demo-05", "Permanence d'accueil de jour", -46, 9, 3, 2, 2, ["welcome", "listening"]),
    ("demo-03", "Forum inclusion : accueil des visiteurs", -39, 13, 4, 6, None, ["welcome"]),
    ("demo-09", "Initiation au smartphone pour les seniors", -32, 14, 2, 3, None, ["digital"]),
    ("demo-12", "Traduction lors d'une permanence juridique", -25, 9, 3, 1, 2, ["translation"]),
    ("demo-05", "Nuit de la solidarité : décompte", -18, 21, 4, 10, 0, ["street"]),
    ("demo-02", "Distribution de colis de fin de mois", 20, 14, 3, 5, None, ["food", "logistics"]),
    ("demo-12", "Accueil des délégations européennes", 1, 9, 2, 3, None, ["translation", "welcome"]),
]  # fmt: skip

# (title, place, day index, start, end, capacity)
SHIFTS = [
    ("Accueil et badges", "Hall d'entrée", 0, "08:00", "10:00", 6),
    ("Accueil et badges", "Hall d'entrée", 0, "10:00", "12:30", 3),
    ("Orientation des participants", "Hall des stands", 0, "09:00", "12:00", 4),
    ("Steward de salle", "Salle Loire", 0, "14:00", "17:30", 2),
    ("Steward de salle", "Salle Sarthe", 0, "14:00", "17:30", 2),
    ("Accueil et badges", "Hall d'entrée", 1, "08:00", "10:00", 4),
    ("Guide accessibilité", "Parvis et tramway", 1, "08:30", "10:30", 2),
]

FIRST_NAMES = ["Alice", "Bilal", "Chloé", "Diego", "Emma", "Farid", "Gaëlle", "Hugo", "Inès",
               "Jules", "Karima", "Léo", "Maëlys", "Nassim", "Océane", "Pierre"]  # fmt: skip
LAST_NAMES = ["Martin", "Benali", "Nguyen", "Lefèvre", "Diallo"]
SKILLS = Skill.values
SLOT_CODES = [code for code, _label in SLOTS]


def _fabrique(ctx) -> tuple[Organisation, User]:
    fabrique = Organisation.objects.filter(slug="fabrique-solidarite").first()
    if fabrique is None:
        fabrique = Organisation(
            slug="fabrique-solidarite",
            kind="institution",
            name="La Fabrique de la Solidarité",
            siret=make_siret("26750001"),
            address="2 bis rue Albert-Thomas",
            postal_code="75010",
            commune="Paris",
            insee_code="75110",
            departement="75",
            contact_email=f"fabrique@{DEMO_DOMAIN}",
            public_listing=True,
            description="Lieu du Centre d'action sociale de la Ville de Paris pour se former, "
            "s'engager et agir avec et pour les personnes sans abri.",
        )
        fabrique.full_clean()
        fabrique.save()
    trainer = demo_user(f"fabrique@{DEMO_DOMAIN}", "Fatou Formatrice")
    Membership.objects.get_or_create(
        user=trainer, organisation=fabrique, defaults={"role": MembershipRole.MANAGER}
    )
    ctx.logins.append(("formatrice (Fabrique)", trainer.email, "sessions de formation, présences"))
    return fabrique, trainer


def _volunteers(ctx) -> list[User]:
    count = 80 * ctx.scale
    emails = [f"benevole{n:03d}@{DEMO_DOMAIN}" for n in range(1, count + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    password = make_password(DEMO_PASSWORD)
    User.objects.bulk_create(
        [
            User(
                email=email,
                full_name=f"{FIRST_NAMES[n % 16]} {LAST_NAMES[n % 5]}",
                password=password,
                email_confirmed_at=moment(ctx.upcoming.start_date - timedelta(days=200)),
            )
            for n, email in enumerate(emails)
            if email not in existing
        ]
    )
    people = list(User.objects.filter(email__in=emails).order_by("email"))
    with_profile = set(
        VolunteerProfile.objects.filter(user__in=people).values_list("user", flat=True)
    )
    rng = ctx.rng
    VolunteerProfile.objects.bulk_create(
        [
            VolunteerProfile(
                user=person,
                availability=sorted(rng.sample(SLOT_CODES, 5)),
                skills=sorted(rng.sample(SKILLS, 2)),
                languages=rng.choice(
                    [
                        "français",
                        "français, anglais",
                        "français, arabe",
                        "français, espagnol",
                        "français, LSF",
                    ]
                ),
            )  # fmt: skip
            for person in people
            if person.pk not in with_profile
        ]
    )
    demo = demo_user(f"benevole@{DEMO_DOMAIN}", "Bérénice Bénévole")
    VolunteerProfile.objects.get_or_create(
        user=demo,
        defaults={"availability": SLOT_CODES, "skills": ["welcome", "listening", "street"],
                  "languages": "français, anglais"},
    )  # fmt: skip
    ctx.logins.append(("bénévole", demo.email, "formations, missions, créneaux au congrès"))
    return [demo, *people]


def seed(ctx) -> None:
    edition = ctx.upcoming
    if edition is None:
        return
    start = edition.start_date
    fabrique, trainer = _fabrique(ctx)
    trainings = []
    for title, weekday, week, begin, end, capacity, description in TRAININGS:
        training, _created = Training.objects.get_or_create(
            organisation=fabrique,
            title=title,
            defaults=dict(
                description=description, place="La Fabrique de la Solidarité, Paris 10e",
                trainer=trainer, weekday=weekday, week_of_month=week, start_time=begin,
                end_time=end, capacity=capacity,
            ),
        )  # fmt: skip
        training_schedule(
            training=training, start=start - timedelta(days=200), until=start + timedelta(days=60)
        )
        trainings.append(training)
    people = _volunteers(ctx)
    # The first three quarters followed the street training, every other one a second training.
    cutoff = start - timedelta(days=140)
    for index, training in enumerate(trainings):
        past = list(training.sessions.filter(starts_at__date__lt=cutoff).order_by("starts_at"))
        trained = [
            p for n, p in enumerate(people) if (n % 4 != 3 if index == 0 else n % 2 == index % 2)
        ]
        bookings = [
            TrainingBooking(
                session=past[n % len(past)], user=person, status=BookingStatus.BOOKED, attended=True
            )
            for n, person in enumerate(trained)
            if len(past)
            and not TrainingBooking.objects.filter(session__training=training, user=person).exists()
        ]
        TrainingBooking.objects.bulk_create(bookings, ignore_conflicts=True)
    managers = {o.slug: o for o in Organisation.objects.filter(slug__in={m[0] for m in MISSIONS})}
    for n, (slug, title, offset, hour, hours, needed, training, skills) in enumerate(MISSIONS):
        organisation = managers.get(slug)
        if organisation is None:
            continue
        begin = moment(start + timedelta(days=offset), hour)
        mission, created = Mission.objects.get_or_create(
            organisation=organisation, title=title, starts_at=begin,
            defaults=dict(
                description=f"{title}. Une équipe vous accueille et vous accompagne.",
                place=f"{organisation.commune}, locaux de l'association",
                ends_at=begin + timedelta(hours=hours), volunteers_needed=needed,
                required_training=trainings[training] if training is not None else None,
                skills=skills,
            ),
        )  # fmt: skip
        if not created:
            continue
        done = offset < -130  # held before the demo was installed: hours recorded
        for k in range(min(needed, 3)):
            person = people[1 + (n * 5 + k) % (len(people) - 1)]
            MissionApplication.objects.create(
                mission=mission, user=person, message="Disponible, avec plaisir.",
                status=ApplicationStatus.ACCEPTED if done or k else ApplicationStatus.PENDING,
                hours=Decimal(hours) if done else None,
                decided_at=begin - timedelta(days=3) if done or k else None,
            )  # fmt: skip
    for title, place, day, begin, end, capacity in SHIFTS:
        day_date = edition.days[day] if day < len(edition.days) else edition.start_date
        h, m = map(int, begin.split(":"))
        eh, em = map(int, end.split(":"))
        shift, created = Shift.objects.get_or_create(
            congress=edition, title=title, place=place, starts_at=moment(day_date, h, m),
            defaults=dict(ends_at=moment(day_date, eh, em), capacity=capacity),
        )  # fmt: skip
        if created:
            for person in people[2 : 2 + capacity - 1]:
                if not ShiftSignup.objects.filter(
                    user=person,
                    shift__starts_at__lt=shift.ends_at,
                    shift__ends_at__gt=shift.starts_at,
                ).exists():
                    ShiftSignup.objects.create(shift=shift, user=person)
