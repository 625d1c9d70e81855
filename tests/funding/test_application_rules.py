"""Rules of calls for projects (funding/services.py): who may apply, the eligibility rules of a
call with their exact sentences, the opening hours of a call, the jury's scores, decisions,
decision letters and the organisers' calls."""

import datetime
from collections import namedtuple
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.organisations.models import MembershipRole, OrganisationKind
from funding import services
from funding.models import (
    Application,
    ApplicationState,
    Assessment,
    AssessmentScore,
    Attachment,
    Decision,
    FundingCall,
)
from tests.factories import CongressFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.documents import pdf_upload
from tests.factories.funding import ApplicationFactory, FundingCallFactory, attach_all
from tests.funding.conftest import FIELDS, manager_of, submitted
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def problems_of(application):
    """The eligibility problems, as the applicant reads them at submission."""
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            application=application, by=manager_of(application.organisation)
        )
    return plain(error.value.messages)


def submit(application):
    services.application_submit(application=application, by=manager_of(application.organisation))
    application.refresh_from_db()
    return application


def frozen_now(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


# Eligibility -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kept", ["rna", "siret"])
def test_an_association_with_only_its_rna_or_only_its_siret_may_apply(call, kept):
    blanked = {"rna": "", "siret": ""}
    blanked.pop(kept)
    organisation = OrganisationFactory(departement="92", **blanked)
    application = ApplicationFactory(call=call, organisation=organisation)
    attach_all(application)

    assert submit(application).state == ApplicationState.SUBMITTED


def test_a_collectivity_is_told_its_legal_form_is_not_eligible(call):
    town = OrganisationFactory(kind=OrganisationKind.COLLECTIVITE, rna="", departement="92")
    application = ApplicationFactory(call=call, organisation=town)
    attach_all(application)

    assert problems_of(application) == [
        "L'appel est ouvert aux associations et aux entreprises agréées ESUS : "
        "« Collectivité territoriale » n'est pas éligible."
    ]


def test_the_departement_code_is_compared_whatever_its_case(call):
    call.departements = "92, 2A"
    call.save()
    corsica = OrganisationFactory(departement="2a")
    application = ApplicationFactory(call=call, organisation=corsica)
    attach_all(application)

    assert submit(application).state == ApplicationState.SUBMITTED


def test_an_organisation_outside_the_departements_reads_every_code_of_the_call(call):
    call.departements = "92, 2A"
    call.save()
    application = ApplicationFactory(call=call, organisation=OrganisationFactory(departement="72"))
    attach_all(application)

    assert problems_of(application) == [
        "L'appel est réservé aux structures des départements suivants : 92, 2A."
    ]


def test_a_call_open_to_every_departement_accepts_any_of_them(call):
    call.departements = ""
    call.save()
    application = ApplicationFactory(call=call, organisation=OrganisationFactory(departement="72"))
    attach_all(application)

    assert submit(application).state == ApplicationState.SUBMITTED


def test_an_amount_equal_to_the_ceiling_is_accepted(call, draft):
    call.max_amount = Decimal("10000")
    call.save()
    attach_all(draft)

    assert submit(draft).state == ApplicationState.SUBMITTED


def test_a_call_without_ceiling_accepts_any_amount_within_the_budget(call, draft):
    draft.budget_total, draft.amount_requested = Decimal("900000"), Decimal("900000")
    draft.save()
    attach_all(draft)

    assert call.max_amount is None
    assert submit(draft).state == ApplicationState.SUBMITTED


def _funded_by(organisation, call, *, granted=True, **call_fields):
    earlier = FundingCallFactory(congress=call.congress, title="Appel précédent", **call_fields)
    funded = ApplicationFactory(call=earlier, organisation=organisation)
    Decision.objects.create(
        application=funded, granted=granted, amount_granted=Decimal("1000") if granted else None
    )
    return funded


def test_the_funder_is_recognised_whatever_the_case_of_its_name(call, draft):
    attach_all(draft)
    _funded_by(draft.organisation, call, funder_name=call.funder_name.lower())

    assert problems_of(draft) == [
        f"Votre structure a déjà été financée en {call.closes_at.year} par ce financeur "
        f"({call.funder_name})."
    ]


def test_a_refusal_another_funder_or_another_year_does_not_count_as_funded(call, draft):
    attach_all(draft)
    organisation = draft.organisation
    _funded_by(organisation, call, granted=False)
    _funded_by(organisation, call, funder_name="Fondation de France")
    last_year = call.closes_at - datetime.timedelta(days=366)
    _funded_by(
        organisation, call, opens_at=last_year - datetime.timedelta(days=30), closes_at=last_year
    )

    assert submit(draft).state == ApplicationState.SUBMITTED


def test_a_grant_in_the_same_call_does_not_bar_another_project(call, draft):
    attach_all(draft)
    other = ApplicationFactory(call=call, organisation=draft.organisation, state="granted")
    Decision.objects.create(application=other, granted=True, amount_granted=Decimal("1000"))

    assert submit(draft).state == ApplicationState.SUBMITTED


def test_another_organisation_funded_by_the_funder_does_not_bar_this_one(call, draft):
    attach_all(draft)
    _funded_by(OrganisationFactory(departement="92"), call)

    assert submit(draft).state == ApplicationState.SUBMITTED


def test_every_missing_document_is_named(draft):
    assert problems_of(draft) == [
        "Pièces manquantes : Statuts, Derniers comptes approuvés, Budget prévisionnel du projet."
    ]


def test_only_the_missing_document_is_named(draft):
    attach_all(draft)
    draft.attachments.filter(kind="accounts").delete()

    assert problems_of(draft) == ["Pièces manquantes : Derniers comptes approuvés."]


# Opening hours of a call -----------------------------------------------------------------------


def test_a_call_is_open_from_its_opening_minute(monkeypatch, call, association, manager):
    frozen_now(monkeypatch, call.opens_at)

    application = services.application_create(
        call=call, organisation=association, by=manager, **FIELDS
    )

    assert Application.objects.get().pk == application.pk


def test_a_call_is_closed_at_its_closing_minute_with_the_date_said(
    monkeypatch, call, association, manager
):
    call.closes_at = datetime.datetime(2031, 3, 14, 17, 30, tzinfo=datetime.UTC)
    call.save()
    frozen_now(monkeypatch, call.closes_at)

    with pytest.raises(ValidationError) as error:
        services.application_create(call=call, organisation=association, by=manager, **FIELDS)

    closing = timezone.localtime(call.closes_at).strftime("%d/%m/%Y %H:%M")
    assert plain(error.value.messages) == [
        f"La date limite de dépôt est passée ({closing}) : les candidatures sont closes."
    ]
    assert Application.objects.count() == 0


def test_a_closed_call_gives_its_closing_date_not_todays(call, draft, manager):
    call.closes_at = datetime.datetime(2020, 1, 31, 17, 0, tzinfo=datetime.UTC)
    call.opens_at = call.closes_at - datetime.timedelta(days=30)
    call.save()

    with pytest.raises(ValidationError) as error:
        services.application_update(application=draft, by=manager, title="Titre tardif")

    closing = timezone.localtime(call.closes_at).strftime("%d/%m/%Y %H:%M")
    assert plain(error.value.messages) == [
        f"La date limite de dépôt est passée ({closing}) : les candidatures sont closes."
    ]


def test_a_call_not_yet_open_says_so(call, association, manager):
    call.opens_at = timezone.now() + datetime.timedelta(days=1)
    call.save()

    with pytest.raises(ValidationError) as error:
        services.application_create(call=call, organisation=association, by=manager, **FIELDS)
    assert plain(error.value.messages) == ["L'appel à projets n'est pas encore ouvert."]


def _close(call):
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.opens_at = call.closes_at - datetime.timedelta(days=30)
    call.save()


def test_a_draft_is_neither_edited_nor_completed_once_the_call_is_closed(call, draft, manager):
    _close(call)

    with pytest.raises(ValidationError, match="La date limite de dépôt est passée"):
        services.application_update(application=draft, by=manager, title="Titre tardif")
    with pytest.raises(ValidationError, match="La date limite de dépôt est passée"):
        services.attachment_upload(application=draft, kind="budget", file=pdf_upload(), by=manager)

    draft.refresh_from_db()
    assert draft.title != "Titre tardif"
    assert draft.attachments.count() == 0


# Who writes an application ---------------------------------------------------------------------


def test_a_plain_member_is_told_only_managers_apply(call, association):
    member = MembershipFactory(organisation=association).user

    with pytest.raises(PermissionDenied) as error:
        services.application_create(call=call, organisation=association, by=member, **FIELDS)
    assert str(error.value) == "Seuls les gestionnaires de la structure peuvent candidater."


def test_a_submitted_application_is_said_no_longer_editable(draft, manager):
    submitted(draft)

    for write in (
        lambda: services.application_update(application=draft, by=manager, title="Autre"),
        lambda: services.attachment_upload(
            application=draft, kind="budget", file=pdf_upload(), by=manager
        ),
        lambda: services.application_submit(application=draft, by=manager),
    ):
        with pytest.raises(PermissionDenied) as error:
            write()
        assert str(error.value) == "Cette candidature n'est plus modifiable."


def test_an_application_remembers_who_created_it(call, association, manager):
    application = services.application_create(
        call=call, organisation=association, by=manager, **FIELDS
    )

    assert Application.objects.get(pk=application.pk).created_by == manager


def test_a_document_never_replaces_another_applications_one(call, draft, manager):
    other = ApplicationFactory(call=call)
    attach_all(other)

    services.attachment_upload(application=draft, kind="budget", file=pdf_upload(), by=manager)

    assert other.attachments.count() == 3
    assert list(draft.attachments.values_list("kind", flat=True)) == ["budget"]


def test_an_update_changes_only_the_fields_given(draft, manager):
    before = Application.objects.values().get(pk=draft.pk)

    services.application_update(application=draft, by=manager, need="Un besoin précisé.")

    after = Application.objects.values().get(pk=draft.pk)
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {"need", "updated_at"}
    assert after["need"] == "Un besoin précisé."


def test_an_unknown_document_is_refused_with_its_sentence(draft, manager):
    with pytest.raises(ValidationError) as error:
        services.attachment_upload(application=draft, kind="photos", file=pdf_upload(), by=manager)
    assert error.value.messages == ["Pièce inconnue."]
    assert Attachment.objects.count() == 0


def test_a_document_replaces_only_the_one_of_its_kind(draft, manager):
    statutes = services.attachment_upload(
        application=draft, kind="statutes", file=pdf_upload(), by=manager
    )
    services.attachment_upload(application=draft, kind="budget", file=pdf_upload(), by=manager)
    budget = services.attachment_upload(
        application=draft, kind="budget", file=pdf_upload(), by=manager
    )

    assert set(draft.attachments.values_list("pk", flat=True)) == {statutes.pk, budget.pk}


def test_submission_records_the_state_and_the_moment(monkeypatch, call, draft):
    attach_all(draft)
    moment = timezone.now().replace(microsecond=0)
    frozen_now(monkeypatch, moment)

    application = submit(draft)

    assert (application.state, application.submitted_at) == (ApplicationState.SUBMITTED, moment)


# The jury's scores -----------------------------------------------------------------------------

Criterion = namedtuple("Criterion", "pk weight")


def test_the_weighted_score_is_rounded_to_two_decimals():
    criteria = [Criterion(1, 2), Criterion(2, 1)]

    assert services.weighted_score({1: 1, 2: 0}, criteria) == Decimal("0.67")
    assert str(services.weighted_score({1: 1, 2: 0}, criteria)) == "0.67"
    assert str(services.weighted_score({1: 5, 2: 5}, criteria)) == "5.00"


def test_without_weight_the_score_is_zero():
    assert services.weighted_score({1: 4}, [Criterion(1, 0)]) == Decimal("0")


def _scores(call, *values):
    return dict(zip([c.pk for c in call.criteria.all()], values, strict=True))


def test_scores_from_0_to_5_are_kept_and_the_comment_is_empty_by_default(call, juror, draft):
    submitted(draft)

    assessment = services.assessment_save(
        application=draft, juror=juror, scores=_scores(call, 0, 5)
    )

    assessment = Assessment.objects.get(pk=assessment.pk)
    assert assessment.comment == ""
    assert sorted(AssessmentScore.objects.values_list("score", flat=True)) == [0, 5]


@pytest.mark.parametrize("wrong", [-1, 6])
def test_a_score_outside_0_to_5_is_refused_with_the_rule(call, juror, draft, wrong):
    submitted(draft)

    with pytest.raises(ValidationError) as error:
        services.assessment_save(application=draft, juror=juror, scores=_scores(call, 3, wrong))
    assert error.value.messages == ["Chaque note va de 0 à 5."]
    assert Assessment.objects.count() == 0


def test_a_missing_criterion_is_refused_with_the_rule(call, juror, draft):
    submitted(draft)
    first = call.criteria.first()

    with pytest.raises(ValidationError) as error:
        services.assessment_save(application=draft, juror=juror, scores={first.pk: 3})
    assert error.value.messages == ["Notez chacun des critères."]


def test_refusals_of_the_jury_say_why(call, juror, draft):
    submitted(draft)
    MembershipFactory(organisation=draft.organisation, user=juror)
    for user, message in (
        (juror, "Vous êtes membre de la structure candidate : vous ne pouvez pas l'évaluer."),
        (UserFactory(), "Vous ne pouvez pas évaluer cette candidature."),
    ):
        with pytest.raises(PermissionDenied) as error:
            services.assessment_save(application=draft, juror=user, scores=_scores(call, 3, 3))
        assert plain(str(error.value)) == message


def test_a_second_assessment_replaces_the_scores_and_the_comment(call, juror, draft):
    submitted(draft)
    services.assessment_save(
        application=draft, juror=juror, scores=_scores(call, 1, 1), comment="Premier avis"
    )

    services.assessment_save(
        application=draft, juror=juror, scores=_scores(call, 4, 2), comment="Avis revu"
    )

    assessment = Assessment.objects.get()
    assert assessment.comment == "Avis revu"
    assert sorted(assessment.scores.values_list("criterion__name", "score")) == [
        ("Faisabilité", 4),
        ("Utilité sociale", 2),
    ]
    assert assessment.weighted_score == Decimal("2.50")


# Decisions -------------------------------------------------------------------------------------


def test_a_grant_of_zero_is_refused_and_the_whole_request_accepted(call, organiser, draft):
    submitted(draft)

    with pytest.raises(ValidationError) as error:
        services.application_decide(
            application=draft, by=organiser, granted=True, amount_granted=Decimal("0")
        )
    assert error.value.message_dict == {"amount_granted": ["Indiquez le montant accordé."]}

    decision = services.application_decide(
        application=draft, by=organiser, granted=True, amount_granted=Decimal("10000")
    )
    assert Decision.objects.get().amount_granted == Decimal("10000")
    assert decision.decided_by == organiser


def test_any_positive_amount_may_be_granted(call, organiser, draft):
    submitted(draft)

    services.application_decide(
        application=draft, by=organiser, granted=True, amount_granted=Decimal("1.00")
    )

    assert Decision.objects.get().amount_granted == Decimal("1.00")


def test_a_decision_records_who_when_and_its_conditions_and_is_audited(
    monkeypatch, call, organiser, draft
):
    submitted(draft)
    moment = timezone.now().replace(microsecond=0)
    frozen_now(monkeypatch, moment)

    services.application_decide(
        application=draft, by=organiser, granted=True, amount_granted=Decimal("8000"),
        conditions="Bilan à six mois",
    )  # fmt: skip
    services.application_decide(application=draft, by=organiser, granted=False)

    decision = Decision.objects.get()
    assert (decision.granted, decision.amount_granted, decision.conditions) == (False, None, "")
    assert (decision.decided_by, decision.decided_at) == (organiser, moment)
    entries = AuditEntry.objects.filter(action="funding.decide").order_by("pk")
    assert [e.details for e in entries] == [
        {"granted": True, "amount": "8000"},
        {"granted": False, "amount": ""},
    ]
    assert {(e.actor_id, e.congress_id, e.target_id) for e in entries} == {
        (organiser.pk, call.congress_id, str(draft.pk))
    }


def test_refusals_of_a_decision_say_why(call, organiser, juror, draft):
    with pytest.raises(PermissionDenied) as error:
        services.application_decide(application=draft, by=juror, granted=False)
    assert str(error.value) == "Seuls les organisateurs décident."
    with pytest.raises(ValidationError) as error:
        services.application_decide(application=draft, by=organiser, granted=False)
    assert error.value.messages == ["Une candidature en brouillon ne peut pas être décidée."]
    submitted(draft)
    with pytest.raises(ValidationError) as error:
        services.application_decide(application=draft, by=organiser, granted=True)
    assert error.value.message_dict == {"amount_granted": ["Indiquez le montant accordé."]}


def test_a_notified_decision_no_longer_changes(call, organiser, draft):
    submitted(draft)
    services.application_decide(
        application=draft, by=organiser, granted=True, amount_granted=Decimal("5000")
    )
    Decision.objects.update(notified_at=timezone.now())

    with pytest.raises(ValidationError) as error:
        services.application_decide(application=draft, by=organiser, granted=False)
    assert plain(error.value.messages) == [
        "La décision a été notifiée au porteur : elle ne change plus."
    ]
    draft.refresh_from_db()
    assert draft.state == ApplicationState.GRANTED


def test_publishing_the_results_is_for_organisers_and_dated(monkeypatch, call, organiser):
    with pytest.raises(PermissionDenied) as error:
        services.call_publish_results(call=call, by=UserFactory())
    assert str(error.value) == "Seuls les organisateurs publient les lauréats."
    moment = timezone.now().replace(microsecond=0)
    frozen_now(monkeypatch, moment)

    services.call_publish_results(call=call, by=organiser)

    assert FundingCall.objects.get(pk=call.pk).results_published_at == moment


def test_publishing_keeps_what_was_edited_meanwhile(call, organiser):
    FundingCall.objects.filter(pk=call.pk).update(title="Titre revu entre-temps")

    services.call_publish_results(call=call, by=organiser)

    published = FundingCall.objects.get(pk=call.pk)
    assert published.title == "Titre revu entre-temps"
    assert published.results_published_at is not None


# The organisers' calls -------------------------------------------------------------------------


def test_creating_then_editing_a_call_is_audited_as_such(call, organiser):
    congress = call.congress
    created = services.call_save(
        congress=congress, by=organiser, title="Bien vieillir", funder_name="CNSA",
        opens_at=call.opens_at, closes_at=call.closes_at, themes="Mobilité",
        target_publics="Aidants",
    )  # fmt: skip
    services.call_save(
        congress=congress, by=organiser, call=created, title="Bien vieillir chez soi"
    )

    created.refresh_from_db()
    assert (created.title, created.funder_name, created.themes) == (
        "Bien vieillir chez soi", "CNSA", "Mobilité",
    )  # fmt: skip
    assert list(
        AuditEntry.objects.filter(target_id=str(created.pk))
        .order_by("pk")
        .values_list("action", "actor_id", "congress_id")
    ) == [
        ("funding.call_create", organiser.pk, congress.pk),
        ("funding.call_edit", organiser.pk, congress.pk),
    ]


def test_the_call_of_another_edition_is_not_edited_through_ones_own(call):
    other = CongressFactory()
    organiser = UserFactory()
    other.organisers.add(organiser)

    with pytest.raises(FundingCall.DoesNotExist):
        services.call_save(congress=other, by=organiser, call=call, title="Appel détourné")
    assert FundingCall.objects.get(pk=call.pk).title == "LE PROGRÈS"


def test_a_non_organiser_is_told_who_manages_calls(call, manager):
    with pytest.raises(PermissionDenied) as error:
        services.call_save(congress=call.congress, by=manager, title="Appel")
    assert str(error.value) == "Seuls les organisateurs gèrent les appels à projets."


# Decision letters ------------------------------------------------------------------------------


@pytest.fixture
def decided(draft):
    draft.state = ApplicationState.GRANTED
    draft.save()
    Decision.objects.create(application=draft, granted=True, amount_granted=Decimal("7000"))
    return draft


def test_letters_go_to_active_managers_by_address_then_the_contact(decided):
    organisation = decided.organisation
    for email in ("zoe.martin@example.org", "amine.benali@example.org"):
        MembershipFactory(
            organisation=organisation, role=MembershipRole.MANAGER, user=UserFactory(email=email)
        )
    MembershipFactory(organisation=organisation, user=UserFactory(email="membre@example.org"))
    MembershipFactory(
        organisation=organisation,
        role=MembershipRole.MANAGER,
        user=UserFactory(email="parti@example.org", is_active=False),
    )
    organisation.contact_email = "Contact@Example.org"
    organisation.save()

    assert services.letter_recipients(decided) == [
        "amine.benali@example.org",
        "zoe.martin@example.org",
        "Contact@Example.org",
    ]


def test_refusals_of_a_letter_say_why(
    monkeypatch, call, organiser, draft, manager, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied) as error:
        services.decision_notify(application=draft, by=manager)
    assert str(error.value) == "Seuls les organisateurs notifient les décisions."
    with pytest.raises(ValidationError) as error:
        services.decision_notify(application=draft, by=organiser)
    assert plain(error.value.messages) == ["Décidez d'abord : aucune lettre à envoyer."]

    Decision.objects.create(application=draft, granted=False)
    sent = datetime.datetime(2030, 6, 1, 9, 5, tzinfo=datetime.UTC)
    frozen_now(monkeypatch, sent)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_notify(application=draft, by=organiser)
    assert Decision.objects.get().notified_at == sent
    monkeypatch.undo()  # a later click: the date said is the sending's, not today's
    with pytest.raises(ValidationError) as error:
        services.decision_notify(application=draft, by=organiser)
    date = timezone.localtime(sent).strftime("%d/%m/%Y %H:%M")
    assert plain(error.value.messages) == [f"La lettre a déjà été envoyée le {date}."]


def test_a_long_mail_server_error_is_kept_to_255_characters(
    monkeypatch, organiser, decided, django_capture_on_commit_callbacks
):
    def refuse(application, recipients):
        raise ConnectionRefusedError("x" * 400)

    monkeypatch.setattr(services, "send_decision_letter", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        recipients = services.decision_notify(application=decided, by=organiser)

    decision = Decision.objects.get()
    assert decision.letter_error == ("ConnectionRefusedError: " + "x" * 400)[:255]
    assert decision.notified_at is None
    failed = AuditEntry.objects.get(action="funding.notify_failed")
    assert (failed.actor_id, failed.congress_id, failed.target_id, failed.details) == (
        organiser.pk, decided.call.congress_id, str(decided.pk),
        {"to": recipients, "error": "ConnectionRefusedError"},
    )  # fmt: skip


def test_sending_a_letter_is_audited_with_its_decision_and_recipients(
    organiser, decided, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recipients = services.decision_notify(application=decided, by=organiser)

    entry = AuditEntry.objects.get(action="funding.notify")
    assert (entry.actor_id, entry.congress_id, entry.target_id, entry.details) == (
        organiser.pk, decided.call.congress_id, str(decided.pk),
        {"granted": True, "to": recipients, "resend": False},
    )  # fmt: skip


def test_a_letter_the_mail_server_refused_is_logged_for_the_operators(
    monkeypatch, caplog, organiser, decided, django_capture_on_commit_callbacks
):
    def refuse(application, recipients):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(services, "send_decision_letter", refuse)
    with caplog.at_level("ERROR", logger="funding.services"):
        with django_capture_on_commit_callbacks(execute=True):
            services.decision_notify(application=decided, by=organiser)

    assert [r.getMessage() for r in caplog.records if r.name == "funding.services"] == [
        f"Decision letter of application {decided.pk} could not be sent"
    ]
