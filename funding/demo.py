"""Demo: LE PROGRÈS, a call for projects of the Hauts-de-Seine on everyday life, open to
associations and ESUS-approved companies, on the 2024 demo edition. Every date is relative to
that edition's year: the call runs from June to September, the jury decides in October, the list
of funded projects is published in November. Objects are written directly (no audit entries
stamped with the day the seed ran)."""

from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from django.core.files.base import ContentFile

from congress.accounts.demo import DEMO_DOMAIN, demo_user
from congress.core.seeding import moment
from congress.organisations.demo import make_rna, make_siret
from congress.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind
from funding.demo_projects import generated_applicants, generated_projects
from funding.models import (
    Application,
    ApplicationState,
    Assessment,
    AssessmentScore,
    Attachment,
    AttachmentKind,
    Decision,
    FundedReport,
    FundedReportVersion,
    FundingCall,
    JuryCriterion,
    ReportKind,
)

PUBLICS = [
    "Personnes âgées",
    "Personnes en situation de handicap",
    "Jeunes en situation de précarité",
    "Personnes en insertion",
]
# (slug, kind, name, commune, siren prefix)
APPLICANTS = [
    ("progres-entraide-nanterre", OrganisationKind.ASSOCIATION, "Entraide Nanterre (démo)", "Nanterre", "51234567"),
    ("progres-coursiers", OrganisationKind.ESS, "Coursiers solidaires 92 (démo)", "Colombes", "52345678"),
    ("progres-repair", OrganisationKind.ESS, "Repair'Café Courbevoie (démo)", "Courbevoie", "53456789"),
    ("progres-seniors", OrganisationKind.ASSOCIATION, "Seniors connectés Puteaux (démo)", "Puteaux", "54567890"),
    ("progres-jeunes", OrganisationKind.ASSOCIATION, "Tremplin Jeunes Gennevilliers (démo)", "Gennevilliers", "55678901"),
    ("progres-paris", OrganisationKind.ASSOCIATION, "Solidarité Paris Centre (démo)", "Paris", "56789012"),
]  # fmt: skip
# (title, applicant slug, public, requested, total, state, esus, scores, granted amount)
PROJECTS = [
    ("Courses accompagnées pour les aînés isolés", "progres-entraide-nanterre", 0, 18000, 42000, "granted", False, (5, 4, 4), 15000),
    ("Livraison solidaire de repas à vélo", "progres-coursiers", 1, 25000, 60000, "granted", True, (4, 5, 4), 25000),
    ("Atelier mobile de réparation d'aides techniques", "progres-repair", 1, 12000, 20000, "granted", True, (4, 4, 3), 9000),
    ("Permanences numériques en résidence autonomie", "progres-seniors", 0, 8000, 15000, "declined", False, (3, 2, 3), None),
    ("Premier logement : accompagnement des 18-25 ans", "progres-jeunes", 2, 30000, 45000, "declined", False, (2, 3, 2), None),
    ("Chantier d'insertion « Mobilité du quotidien »", "progres-jeunes", 3, 20000, 80000, "submitted", False, (3, 3, 4), None),
    ("Conciergerie solidaire de quartier", "progres-paris", 0, 15000, 30000, "draft", False, None, None),
    ("Réseau de voisins aidants", "progres-coursiers", 0, 10000, 18000, "draft", False, None, None),
]  # fmt: skip
CRITERIA = [("Réponse aux besoins du quotidien", 3), ("Caractère innovant", 2), ("Faisabilité", 1)]


@cache
def _blank_pdf() -> bytes:
    """A one-page PDF standing for a document the applicant uploaded."""
    import io

    from pypdf import PdfWriter

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


def _stored(field, instance, filename: str) -> str:
    """Write a blank PDF where the field would store ``filename``; its stored name."""
    return field.storage.save(
        field.generate_filename(instance, filename), ContentFile(_blank_pdf())
    )


def _attach_all(application, at) -> None:
    field = Attachment._meta.get_field("file")
    Attachment.objects.bulk_create(
        Attachment(application=application, kind=kind, uploaded_at=at,
                   file=_stored(field, None, f"{kind}-{application.pk}.pdf"))
        for kind in AttachmentKind.values
    )  # fmt: skip


def _report_sent_twice(application, year: int) -> None:
    """The interim report of the first funded project, sent again a week later: the earlier
    file stays in its history."""
    field = FundedReport._meta.get_field("file")
    report = FundedReport.objects.create(
        application=application, kind=ReportKind.INTERIM,
        received_at=moment(date(year + 1, 1, 28), 15),
        file=_stored(field, None, f"bilan-{application.pk}.pdf"),
    )  # fmt: skip
    FundedReportVersion.objects.create(
        report=report, received_at=moment(date(year + 1, 1, 21), 9),
        replaced_at=moment(date(year + 1, 1, 28), 15),
        file=_stored(field, None, f"bilan-{application.pk}-v1.pdf"),
    )  # fmt: skip


def _organisations(ctx) -> dict[str, Organisation]:
    found = {}
    for n, (slug, kind, name, commune, siren) in enumerate(APPLICANTS + generated_applicants()):
        departement = {"Paris": "75", "Montreuil": "93"}.get(commune, "92")
        found[slug], _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults=dict(
                kind=kind, name=name, commune=commune, departement=departement,
                siret=make_siret(siren), contact_email=f"{slug}@{DEMO_DOMAIN}",
                rna=make_rna(9000 + n) if kind == OrganisationKind.ASSOCIATION else "",
            ),
        )  # fmt: skip
    return found


def seed(ctx) -> None:
    congress = ctx.congress
    year = congress.start_date.year
    call, _ = FundingCall.objects.get_or_create(
        congress=congress,
        title="LE PROGRÈS",
        defaults=dict(
            funder_name="Département des Hauts-de-Seine",
            description=(
                "Premier appel à projets « pour améliorer le quotidien » : une initiative "
                "innovante qui répond aux besoins essentiels du quotidien des plus fragiles."
            ),
            opens_at=moment(date(year, 6, 3), 9),
            closes_at=moment(date(year, 9, 30), 23, 59),
            themes="Vie quotidienne",
            target_publics="\n".join(PUBLICS),
            departements="92",
            max_amount=Decimal("30000"),
            results_published_at=moment(date(year, 11, 4), 10),
            interim_report_due=date(year + 1, 1, 31),
            final_report_due=date(year + 1, 6, 30),
        ),
    )
    criteria = [
        JuryCriterion.objects.get_or_create(
            call=call, name=name, defaults={"weight": weight, "order": order}
        )[0]
        for order, (name, weight) in enumerate(CRITERIA)
    ]
    jurors = [ctx.accounts["organiser"], ctx.accounts["reviewer2"]]
    call.jurors.add(*jurors)
    organisations = _organisations(ctx)
    holder = demo_user(f"porteur-progres@{DEMO_DOMAIN}", "Nadia Porteuse")
    Membership.objects.get_or_create(
        user=holder, organisation=organisations["progres-entraide-nanterre"],
        defaults={"role": MembershipRole.MANAGER},
    )  # fmt: skip
    ctx.accounts["funding_holder"] = holder
    assessments, scores_of = [], {}
    for i, (title, slug, public, requested, total, state, esus, scores, granted) in enumerate(
        PROJECTS + generated_projects()
    ):
        application, created = Application.objects.get_or_create(
            call=call,
            title=title,
            defaults=dict(
                organisation=organisations[slug], theme="Vie quotidienne", public=PUBLICS[public],
                project=f"{title} : un service de proximité porté avec les habitants.",
                need="Les besoins essentiels du quotidien des plus fragiles ne sont pas couverts.",
                impact_indicators="Personnes accompagnées par mois ; satisfaction ; partenaires.",
                budget_total=Decimal(total), amount_requested=Decimal(requested),
                cofunding="Fonds propres, CAF, commune", esus_approved=esus, state=state,
            ),
        )  # fmt: skip
        if not created:
            continue
        day = date(year, 9, 1) + timedelta(days=i % 28)
        submitted_at = moment(day, 16) if state != "draft" else None
        Application.objects.filter(pk=application.pk).update(
            submitted_at=submitted_at,
            created_at=moment(date(year, 7, 1) + timedelta(days=i), 10),
            updated_at=submitted_at or moment(day, 11),
        )
        if state != "draft":
            _attach_all(application, moment(day, 12))
        if scores:
            weighted = sum(s * c.weight for c, s in zip(criteria, scores, strict=True))
            mean = Decimal(weighted) / sum(c.weight for c in criteria)
            for juror in jurors:
                assessment = Assessment(application=application, juror=juror, weighted_score=mean)
                assessments.append(assessment)
                scores_of[id(assessment)] = scores
        if state in (ApplicationState.GRANTED, ApplicationState.DECLINED):
            Decision.objects.create(
                application=application, granted=state == ApplicationState.GRANTED,
                amount_granted=Decimal(granted) if granted else None,
                conditions="Bilan d'étape à six mois." if granted else "",
                decided_by=ctx.accounts["organiser"], decided_at=moment(date(year, 10, 25), 11),
                notified_at=moment(date(year, 10, 28), 10),
            )  # fmt: skip
        if state == ApplicationState.GRANTED and i == 0:  # its interim report came in; others late
            _report_sent_twice(application, year)
    Assessment.objects.bulk_create(assessments)
    AssessmentScore.objects.bulk_create(
        AssessmentScore(assessment=assessment, criterion=c, score=s)
        for assessment in assessments
        for c, s in zip(criteria, scores_of[id(assessment)], strict=True)
    )
    Assessment.objects.filter(application__call=call).update(
        updated_at=moment(date(year, 10, 10), 18)
    )
    ctx.logins.append(
        ("porteuse de projet (LE PROGRÈS)", holder.email, "candidature, rendez-vous financeurs")
    )
    ctx.log.append(
        f"LE PROGRÈS: {call.applications.count()} applications, "
        f"{call.applications.filter(state='granted').count()} funded."
    )
