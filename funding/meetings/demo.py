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
            breaks="15:30-15:45", tables=8, built_at=moment(date(year, 11, 18), 9),
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
    for i, application in enumerate(applications):
        for j, funder in enumerate(funders):
            holder, from_funder = (i + j) % 2 == 0, (i * j) % 3 == 0
            if holder or from_funder:
                MeetingWish.objects.create(
                    application=application, funder=funder, from_holder=True,
                    from_funder=from_funder,
                )  # fmt: skip
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
