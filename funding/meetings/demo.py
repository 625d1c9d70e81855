"""Demo: Impact Finance Demain, speed meetings between funders and the project holders of
LE PROGRÈS, on 22 November of the demo edition's year (14:00-17:00, 15-minute slots, a break at
15:30). The schedule is built by the scheduler, as the organisers' button does."""

from datetime import date, time

from congress.accounts.demo import DEMO_DOMAIN, demo_user
from congress.core.seeding import moment
from congress.organisations.demo import make_siret
from congress.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind
from funding.meetings.scheduler import Wish, assign_tables, build_schedule
from funding.meetings.selectors import usable_slots
from funding.models import (
    SUBMITTED_STATES,
    Application,
    Funder,
    Meeting,
    MeetingGrid,
    MeetingOutcome,
    MeetingWish,
)

# (slug, name, what it funds, themes, ticket min, ticket max, siren prefix)
FUNDERS = [
    ("ifd-fonds-quotidien", "Fonds Quotidien Solidaire (démo)", "Subventions d'amorçage", "Vie quotidienne", 5000, 30000, "61234567"),
    ("ifd-banque-arche", "Banque coopérative de l'Arche (démo)", "Prêts et garanties", "Emploi, insertion", 10000, 150000, "62345678"),
    ("ifd-fondation-seniors", "Fondation Bien vieillir (démo)", "Subventions pluriannuelles", "Personnes âgées", 10000, 50000, "63456789"),
    ("ifd-business-angels", "Business Angels Solidaires (démo)", "Prises de participation", "ESUS", 20000, 200000, "64567890"),
    ("ifd-caisse-depots", "Caisse territoriale d'investissement (démo)", "Quasi-fonds propres", "ESUS, insertion", 30000, 300000, "65678901"),
    ("ifd-fondation-jeunesse", "Fondation Jeunesse d'avenir (démo)", "Subventions", "Jeunes", 5000, 40000, "66789012"),
    ("ifd-mutuelle", "Mutuelle solidaire d'Île-de-France (démo)", "Mécénat de compétences et dons", "Santé, handicap", 3000, 25000, "67890123"),
    ("ifd-fonds-handicap", "Fonds Inclusion Handicap (démo)", "Subventions d'équipement", "Handicap", 5000, 60000, "68901234"),
    ("ifd-plateforme-dons", "Plateforme de dons Quartiers (démo)", "Financement participatif", "Vie quotidienne", 1000, 20000, "69012345"),
    ("ifd-france-active", "Garantie Active 92 (démo)", "Garanties bancaires", "ESUS, emploi", 10000, 100000, "60123456"),
    ("ifd-entreprise-mecene", "Club d'entreprises mécènes de La Défense (démo)", "Mécénat", "Insertion, numérique", 5000, 50000, "60234567"),
    ("ifd-caf", "Fonds local d'action sociale (démo)", "Subventions de fonctionnement", "Familles", 2000, 30000, "60345678"),
]  # fmt: skip


def seed(ctx) -> None:
    congress = ctx.congress
    year = congress.start_date.year
    funders = []
    for slug, name, funds, themes, low, high, siren in FUNDERS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults=dict(
                kind=OrganisationKind.OTHER, name=name, commune="Nanterre", departement="92",
                siret=make_siret(siren), contact_email=f"{slug}@{DEMO_DOMAIN}",
            ),
        )  # fmt: skip
        funder, _ = Funder.objects.get_or_create(
            congress=congress, organisation=organisation,
            defaults=dict(funds=funds, themes=themes, ticket_min=low, ticket_max=high),
        )  # fmt: skip
        funders.append(funder)
    person = demo_user(f"financeur@{DEMO_DOMAIN}", "Fabien Financeur")
    Membership.objects.get_or_create(
        user=person, organisation=funders[0].organisation, defaults={"role": MembershipRole.MANAGER}
    )
    grid, created = MeetingGrid.objects.get_or_create(
        congress=congress,
        defaults=dict(
            day=date(year, 11, 22), starts_at=time(14), ends_at=time(17), slot_minutes=15,
            breaks="15:30-15:45", tables=12, built_at=moment(date(year, 11, 18), 9),
        ),
    )  # fmt: skip
    ctx.logins.append(("financeur (Impact Finance Demain)", person.email, "projets à rencontrer"))
    if not created:
        return
    applications = list(
        Application.objects.filter(call__congress=congress, state__in=SUBMITTED_STATES).order_by(
            "pk"
        )
    )
    wishes = []
    for i, application in enumerate(applications):
        for j, funder in enumerate(funders):
            holder, from_funder = (i + j) % 4 == 0, (i * j + j) % 5 == 0
            if holder or from_funder:
                wishes.append(MeetingWish(
                    application=application, funder=funder, from_holder=holder,
                    from_funder=from_funder,
                ))  # fmt: skip
    MeetingWish.objects.bulk_create(wishes)
    wishes = [
        Wish(w.application_id, w.application.organisation_id, w.funder_id, w.mutual)
        for w in MeetingWish.objects.filter(funder__congress=congress).select_related("application")
    ]
    tables = assign_tables(sorted({f.pk for f in funders}), {}, grid.tables)
    for funder in funders:
        Funder.objects.filter(pk=funder.pk).update(table=tables[funder.pk])
    schedule = build_schedule(usable_slots(grid), wishes)
    mutual = {(w.application, w.funder) for w in wishes if w.mutual}
    outcomes = [MeetingOutcome.FOLLOW_UP, MeetingOutcome.INVITED, MeetingOutcome.NONE, ""]
    Meeting.objects.bulk_create(
        Meeting(
            grid=grid, application_id=a, funder_id=f, slot=s, mutual=(a, f) in mutual,
            funder_outcome=outcomes[n % 4], holder_outcome=outcomes[(n + 1) % 4],
        )
        for n, ((a, f), s) in enumerate(sorted(schedule.placed.items()))
    )  # fmt: skip
    ctx.log.append(
        f"Impact Finance Demain: {len(funders)} funders, {len(schedule.placed)} meetings on "
        f"{grid.day:%d/%m/%Y}."
    )
