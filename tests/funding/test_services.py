"""Calls for projects: eligibility at submission, deadlines, attachments, jury, decisions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.organisations.models import MembershipRole
from funding import services
from funding.models import Application, ApplicationState, Assessment, Decision
from funding.permissions import can_view_application, can_view_letter, is_juror
from funding.selectors import (
    applications_of_user,
    applications_to_assess,
    funded_projects,
    payment_rows,
    ranking,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.documents import pdf_upload
from tests.factories.funding import (
    ApplicationFactory,
    FundingCallFactory,
    attach_all,
    xlsx_upload,
)
from tests.funding.conftest import FIELDS, submitted
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def test_a_manager_creates_a_draft_then_submits_it(call, association, manager):
    application = services.application_create(
        call=call, organisation=association, by=manager, **FIELDS
    )
    attach_all(application)

    services.application_submit(application=application, by=manager)

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.submitted_at is not None
    assert list(applications_of_user(manager, call.congress)) == [application]


def test_a_plain_member_cannot_apply(call, association):
    member = MembershipFactory(organisation=association).user

    with pytest.raises(PermissionDenied):
        services.application_create(call=call, organisation=association, by=member, **FIELDS)
    assert Application.objects.count() == 0


def test_amount_requested_over_the_total_budget_is_refused(call, association, manager):
    fields = FIELDS | {"amount_requested": Decimal("40000")}

    with pytest.raises(ValidationError) as error:
        services.application_create(call=call, organisation=association, by=manager, **fields)
    assert "amount_requested" in error.value.error_dict
    assert Application.objects.count() == 0


def test_the_deadline_passed_refuses_with_a_clear_message(call, draft, manager):
    attach_all(draft)
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.opens_at = call.closes_at - datetime.timedelta(days=30)
    call.save()

    with pytest.raises(ValidationError) as error:
        services.application_submit(application=draft, by=manager)
    assert "La date limite de dépôt est passée" in error.value.messages[0]
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT


def test_a_call_not_yet_open_refuses(call, association, manager):
    call.opens_at = timezone.now() + datetime.timedelta(days=1)
    call.save()

    with pytest.raises(ValidationError, match="pas encore ouvert"):
        services.application_create(call=call, organisation=association, by=manager, **FIELDS)


def _problems(application):
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            application=application,
            by=MembershipFactory(
                organisation=application.organisation, role=MembershipRole.MANAGER
            ).user,
        )
    return error.value.messages


def test_an_ess_company_without_esus_approval_is_refused_with_the_rule(call, esus):
    application = ApplicationFactory(call=call, organisation=esus, esus_approved=False)
    attach_all(application)

    assert _problems(application) == [
        "Une entreprise de l'ESS doit être agréée ESUS pour candidater."
    ]


def test_an_esus_approved_company_may_apply(call, esus):
    application = ApplicationFactory(call=call, organisation=esus, esus_approved=True)
    attach_all(application)
    manager = MembershipFactory(organisation=esus, role=MembershipRole.MANAGER).user

    services.application_submit(application=application, by=manager)

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_other_legal_forms_territory_and_missing_documents_are_refused(call):
    ccas = OrganisationFactory(ccas=True, departement="72")
    application = ApplicationFactory(call=call, organisation=ccas)

    problems = _problems(application)

    assert problems[0].startswith("L'appel est ouvert aux associations et aux entreprises")
    assert plain(problems[1]) == plain(
        "L'appel est réservé aux structures des départements suivants : 92."
    )
    assert plain(problems[2]).startswith(
        plain("Pièces manquantes : Statuts, Derniers comptes approuvés")
    )


def test_an_association_without_rna_nor_siret_is_refused(call):
    org = OrganisationFactory(departement="92", rna="", siret="")
    application = ApplicationFactory(call=call, organisation=org)
    attach_all(application)

    assert _problems(application) == ["Une association doit indiquer son numéro RNA ou son SIRET."]


def test_theme_public_and_ceiling_of_the_call_are_checked(call, draft):
    attach_all(draft)
    call.max_amount = Decimal("5000")
    call.save()
    draft.theme, draft.public = "Culture", "Tout public"
    draft.save()

    assert _problems(draft) == [
        "Choisissez l'un des thèmes de l'appel.",
        "Choisissez l'un des publics visés par l'appel.",
        "Le montant demandé dépasse le plafond de l'appel (5000.00 €).",
    ]


def test_an_organisation_already_funded_by_the_funder_this_year_is_refused(call, draft):
    attach_all(draft)
    earlier = FundingCallFactory(congress=call.congress, title="Autre appel")
    funded = ApplicationFactory(call=earlier, organisation=draft.organisation)
    Decision.objects.create(application=funded, granted=True, amount_granted=Decimal("1000"))

    assert _problems(draft) == [
        f"Votre structure a déjà été financée en {call.closes_at.year} par ce financeur ({call.funder_name})."
    ]


def test_attachments_accept_pdf_and_xlsx_and_replace_the_previous_one(draft, manager):
    services.attachment_upload(application=draft, kind="statutes", file=pdf_upload(), by=manager)
    services.attachment_upload(application=draft, kind="statutes", file=pdf_upload(), by=manager)
    services.attachment_upload(application=draft, kind="budget", file=xlsx_upload(), by=manager)

    assert sorted(draft.attachments.values_list("kind", flat=True)) == ["budget", "statutes"]


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (lambda: pdf_upload(active="javascript"), "active_content"),
        (lambda: xlsx_upload(macro=True), "active_content"),
        (lambda: xlsx_upload(name="budget.xlsm"), "bad_extension"),
        (lambda: pdf_upload(name="budget.xlsx"), "not_xlsx"),
        (lambda: pdf_upload(pad=11 * 1024 * 1024), "too_large"),
    ],
)
def test_attachments_with_active_content_or_of_another_kind_are_refused(
    draft, manager, upload, code
):
    with pytest.raises(ValidationError) as error:
        services.attachment_upload(application=draft, kind="budget", file=upload(), by=manager)
    assert error.value.code == code
    assert draft.attachments.count() == 0


def test_a_submitted_application_can_no_longer_be_changed(draft, manager):
    submitted(draft)

    with pytest.raises(PermissionDenied):
        services.application_update(application=draft, by=manager, title="Autre")
    with pytest.raises(PermissionDenied):
        services.attachment_upload(application=draft, kind="budget", file=pdf_upload(), by=manager)


def test_update_and_unknown_attachment_kind(draft, manager):
    services.application_update(application=draft, by=manager, title="Titre revu")
    draft.refresh_from_db()
    assert draft.title == "Titre revu"
    with pytest.raises(ValidationError, match="Pièce inconnue"):
        services.attachment_upload(application=draft, kind="x", file=pdf_upload(), by=manager)


def test_jurors_assess_with_weighted_criteria_and_ranking_follows(call, juror, association):
    first, second = (submitted(ApplicationFactory(call=call)) for _ in range(2))
    criteria = list(call.criteria.all())  # Faisabilité (1), Utilité sociale (3): by order, name

    weights = {c.name: c.pk for c in criteria}
    services.assessment_save(
        application=first, juror=juror,
        scores={weights["Utilité sociale"]: 5, weights["Faisabilité"]: 1}, comment="Solide",
    )  # fmt: skip
    services.assessment_save(
        application=second, juror=juror,
        scores={weights["Utilité sociale"]: 1, weights["Faisabilité"]: 5},
    )  # fmt: skip
    services.assessment_save(
        application=second, juror=juror,
        scores={weights["Utilité sociale"]: 2, weights["Faisabilité"]: 5},
    )  # fmt: skip

    assert Assessment.objects.get(application=first).weighted_score == Decimal("4.00")
    assert Assessment.objects.get(application=second).weighted_score == Decimal("2.75")
    assert list(ranking(call)) == [first, second]
    assert [a.my_assessments for a in applications_to_assess(juror, call)] == [1, 1]


def test_a_juror_from_the_applicant_organisation_cannot_assess_it(call, juror, draft):
    submitted(draft)
    MembershipFactory(organisation=draft.organisation, user=juror)
    scores = {c.pk: 3 for c in call.criteria.all()}

    with pytest.raises(PermissionDenied, match="membre de la structure candidate"):
        services.assessment_save(application=draft, juror=juror, scores=scores)
    assert list(applications_to_assess(juror, call)) == []
    assert Assessment.objects.count() == 0


def test_assessment_needs_every_criterion_within_range_and_a_juror(call, juror, draft):
    submitted(draft)
    pks = [c.pk for c in call.criteria.all()]

    with pytest.raises(ValidationError, match="chacun des critères"):
        services.assessment_save(application=draft, juror=juror, scores={pks[0]: 3})
    with pytest.raises(ValidationError, match="de 0 à 5"):
        services.assessment_save(application=draft, juror=juror, scores={pks[0]: 3, pks[1]: 6})
    with pytest.raises(PermissionDenied):
        services.assessment_save(
            application=draft, juror=UserFactory(), scores={pks[0]: 3, pks[1]: 3}
        )
    assert services.weighted_score({}, []) == Decimal("0")


def test_decisions_grant_within_the_amount_requested(call, organiser, draft):
    submitted(draft)

    with pytest.raises(ValidationError) as error:
        services.application_decide(
            application=draft, by=organiser, granted=True, amount_granted=Decimal("10000.01")
        )
    assert error.value.message_dict["amount_granted"] == [
        "Le montant accordé ne peut dépasser le montant demandé (10000.00 €)."
    ]
    with pytest.raises(ValidationError):
        services.application_decide(application=draft, by=organiser, granted=True)
    assert Decision.objects.count() == 0

    services.application_decide(
        application=draft, by=organiser, granted=True, amount_granted=Decimal("8000"),
        conditions="Rapport à six mois",
    )  # fmt: skip
    draft.refresh_from_db()
    assert draft.state == ApplicationState.GRANTED
    assert draft.decision.amount_granted == Decimal("8000")
    assert AuditEntry.objects.filter(action="funding.decide").count() == 1

    services.application_decide(application=draft, by=organiser, granted=False)
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DECLINED
    assert draft.decision.amount_granted is None
    assert Decision.objects.count() == 1


def test_only_organisers_decide_and_drafts_are_not_decided(call, organiser, juror, draft):
    with pytest.raises(PermissionDenied):
        services.application_decide(application=draft, by=juror, granted=False)
    with pytest.raises(ValidationError, match="brouillon"):
        services.application_decide(application=draft, by=organiser, granted=False)


def test_publication_and_payment_rows(call, organiser, draft):
    submitted(draft)
    services.application_decide(
        application=draft, by=organiser, granted=True, amount_granted=Decimal("5000")
    )
    with pytest.raises(PermissionDenied):
        services.call_publish_results(call=call, by=UserFactory())

    services.call_publish_results(call=call, by=organiser)

    assert call.results_published_at is not None
    assert list(funded_projects(call)) == [draft]
    rows = payment_rows(call)
    assert rows[0][:2] == ["Projet", "Structure"]
    assert rows[1][0] == draft.title
    assert rows[1][6] == Decimal("5000.00")


def test_visibility_of_applications_and_letters(call, organiser, juror, draft, manager):
    stranger = UserFactory()
    assert can_view_application(manager, draft)
    assert can_view_application(organiser, draft)
    assert not can_view_application(juror, draft)  # a draft is not assessed
    assert not can_view_application(stranger, draft)
    assert not can_view_letter(manager, draft)
    submitted(draft)
    assert can_view_application(juror, draft)
    services.application_decide(application=draft, by=organiser, granted=False)
    draft = Application.objects.get(pk=draft.pk)
    assert can_view_letter(manager, draft)
    assert not can_view_letter(stranger, draft)
    assert is_juror(juror, call)


def test_inactive_accounts_lose_every_right(call, juror, draft, manager):
    for user in (juror, manager):
        user.is_active = False
        user.save()
    assert not is_juror(juror, call)
    assert not can_view_application(manager, draft)


def test_an_esus_company_without_siret_and_a_plain_member_submitting_are_refused(call, esus):
    type(esus).objects.filter(pk=esus.pk).update(siret="")
    application = ApplicationFactory(call=call, organisation=esus, esus_approved=True)
    attach_all(application)
    assert _problems(application) == ["Une entreprise agréée ESUS doit indiquer son SIRET."]
    member = MembershipFactory(organisation=esus).user
    with pytest.raises(PermissionDenied):
        services.application_submit(application=application, by=member)


def test_fields_left_out_keep_their_default(call, association, manager):
    fields = {k: v for k, v in FIELDS.items() if k != "cofunding"}

    application = services.application_create(
        call=call, organisation=association, by=manager, **fields
    )

    assert application.cofunding == ""
