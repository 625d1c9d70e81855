"""Writes of calls for projects: applications, attachments, submission with its eligibility
rules, the jury's assessments, decisions and the publication of the funded projects."""

import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.organisations.models import MembershipRole, OrganisationKind
from funding.emails import send_decision_letter
from funding.models import (
    Application,
    ApplicationState,
    Assessment,
    AssessmentScore,
    Attachment,
    AttachmentKind,
    Decision,
    FundingCall,
)
from funding.permissions import (
    can_apply_for,
    can_assess,
    can_create_call,
    can_edit_application,
    can_manage_call,
    has_conflict_of_interest,
)
from funding.validators import validate_attachment

logger = logging.getLogger(__name__)

CALL_FIELDS = (
    "title", "funder_name", "funder_organisation", "description", "opens_at", "closes_at",
    "themes", "target_publics", "departements", "max_amount", "interim_report_due",
    "final_report_due",
)  # fmt: skip
APPLICATION_FIELDS = (
    "title", "theme", "public", "project", "need", "impact_indicators", "budget_total",
    "amount_requested", "cofunding", "esus_approved",
)  # fmt: skip


def eligibility_problems(application: Application) -> list[str]:
    """Every rule of the call the application breaks, as sentences for the applicant."""
    call, organisation = application.call, application.organisation
    problems = []
    if organisation.kind == OrganisationKind.ASSOCIATION:
        if not organisation.rna and not organisation.siret:
            problems.append(_("Une association doit indiquer son numéro RNA ou son SIRET."))
    elif organisation.kind == OrganisationKind.ESS:
        if not application.esus_approved:
            problems.append(_("Une entreprise de l'ESS doit être agréée ESUS pour candidater."))
        if not organisation.siret:
            problems.append(_("Une entreprise agréée ESUS doit indiquer son SIRET."))
    else:
        problems.append(
            _(
                "L'appel est ouvert aux associations et aux entreprises agréées ESUS : "
                "« %(kind)s » n'est pas éligible."
            )
            % {"kind": organisation.get_kind_display()}
        )
    codes = call.departement_list
    if codes and organisation.departement.upper() not in codes:
        problems.append(
            _("L'appel est réservé aux structures des départements suivants : %(codes)s.")
            % {"codes": ", ".join(codes)}
        )
    if call.theme_list and application.theme not in call.theme_list:
        problems.append(_("Choisissez l'un des thèmes de l'appel."))
    if call.public_list and application.public not in call.public_list:
        problems.append(_("Choisissez l'un des publics visés par l'appel."))
    if call.max_amount is not None and application.amount_requested > call.max_amount:
        problems.append(
            _("Le montant demandé dépasse le plafond de l'appel (%(max)s €).")
            % {"max": call.max_amount}
        )
    already = Decision.objects.filter(
        granted=True,
        application__organisation=organisation,
        application__call__funder_name__iexact=call.funder_name,
        application__call__closes_at__year=call.closes_at.year,
    ).exclude(application__call=call)
    if already.exists():
        problems.append(
            _("Votre structure a déjà été financée en %(year)s par ce financeur (%(funder)s).")
            % {"funder": call.funder_name, "year": call.closes_at.year}
        )
    missing = [
        str(label)
        for kind, label in AttachmentKind.choices
        if kind not in {a.kind for a in application.attachments.all()}
    ]
    if missing:
        problems.append(_("Pièces manquantes : %(list)s.") % {"list": ", ".join(missing)})
    return problems


def _check_open(call: FundingCall) -> None:
    now = timezone.now()
    if now < call.opens_at:
        raise ValidationError(_("L'appel à projets n'est pas encore ouvert."))
    if now >= call.closes_at:
        raise ValidationError(
            _("La date limite de dépôt est passée (%(date)s) : les candidatures sont closes.")
            % {"date": timezone.localtime(call.closes_at).strftime("%d/%m/%Y %H:%M")}
        )


def application_create(*, call: FundingCall, organisation, by, **fields) -> Application:
    with transaction.atomic():
        if not can_apply_for(by, organisation):
            raise PermissionDenied(_("Seuls les gestionnaires de la structure peuvent candidater."))
        _check_open(call)
        application = Application(call=call, organisation=organisation, created_by=by)
        for name in APPLICATION_FIELDS:
            if name in fields:
                setattr(application, name, fields[name])
        application.full_clean()
        application.save()
        return application


def application_update(*, application: Application, by, **fields) -> Application:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not can_edit_application(by, application):
            raise PermissionDenied(_("Cette candidature n'est plus modifiable."))
        _check_open(application.call)
        for name in APPLICATION_FIELDS:
            if name in fields:
                setattr(application, name, fields[name])
        application.full_clean()
        application.save()
        return application


def attachment_upload(*, application: Application, kind: str, file, by) -> Attachment:
    with transaction.atomic():
        if not can_edit_application(by, application):
            raise PermissionDenied(_("Cette candidature n'est plus modifiable."))
        _check_open(application.call)
        if kind not in AttachmentKind.values:
            raise ValidationError(_("Pièce inconnue."))
        validate_attachment(file)
        Attachment.objects.filter(application=application, kind=kind).delete()
        attachment = Attachment(application=application, kind=kind, file=file)
        attachment.full_clean()
        attachment.save()
        return attachment


def application_submit(*, application: Application, by) -> Application:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("call", "organisation")
            .get(pk=application.pk)
        )
        if not can_edit_application(by, application):
            raise PermissionDenied(_("Cette candidature n'est plus modifiable."))
        _check_open(application.call)
        problems = eligibility_problems(application)
        if problems:
            raise ValidationError(problems)
        application.state = ApplicationState.SUBMITTED
        application.submitted_at = timezone.now()
        application.full_clean()
        application.save(update_fields=["state", "submitted_at", "updated_at"])
        return application


def weighted_score(scores: dict, criteria) -> Decimal:
    """Weighted mean of the scores (0 to 5), two decimals."""
    total_weight = sum(c.weight for c in criteria)
    if not total_weight:
        return Decimal("0")
    total = sum(Decimal(scores[c.pk]) * c.weight for c in criteria)
    return (total / total_weight).quantize(Decimal("0.01"))


def assessment_save(
    *, application: Application, juror, scores: dict[int, int], comment: str = ""
) -> Assessment:
    with transaction.atomic():
        if has_conflict_of_interest(juror, application):
            raise PermissionDenied(
                _("Vous êtes membre de la structure candidate : vous ne pouvez pas l'évaluer.")
            )
        if not can_assess(juror, application):
            raise PermissionDenied(_("Vous ne pouvez pas évaluer cette candidature."))
        criteria = list(application.call.criteria.all())
        if set(scores) != {c.pk for c in criteria}:
            raise ValidationError(_("Notez chacun des critères."))
        if any(not 0 <= int(v) <= 5 for v in scores.values()):
            raise ValidationError(_("Chaque note va de 0 à 5."))
        assessment, _created = Assessment.objects.select_for_update().get_or_create(
            application=application, juror=juror
        )
        assessment.scores.all().delete()
        AssessmentScore.objects.bulk_create(
            AssessmentScore(assessment=assessment, criterion_id=pk, score=int(v))
            for pk, v in scores.items()
        )
        assessment.weighted_score = weighted_score(scores, criteria)
        assessment.comment = comment
        assessment.full_clean()
        assessment.save()
        return assessment


def application_decide(
    *,
    application: Application,
    by,
    granted: bool,
    amount_granted: Decimal | None = None,
    conditions: str = "",
) -> Decision:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        if not can_manage_call(by, application.call):
            raise PermissionDenied(_("Seuls les organisateurs décident."))
        if application.state == ApplicationState.DRAFT:
            raise ValidationError(_("Une candidature en brouillon ne peut pas être décidée."))
        if granted:
            if amount_granted is None or amount_granted <= 0:
                raise ValidationError({"amount_granted": _("Indiquez le montant accordé.")})
            if amount_granted > application.amount_requested:
                raise ValidationError(
                    {
                        "amount_granted": _(
                            "Le montant accordé ne peut dépasser le montant demandé (%(amount)s €)."
                        )
                        % {"amount": application.amount_requested}
                    }
                )
        else:
            amount_granted = None
        decision = Decision.objects.filter(application=application).first() or Decision(
            application=application
        )
        if decision.notified_at is not None:
            raise ValidationError(_("La décision a été notifiée au porteur : elle ne change plus."))
        decision.granted = granted
        decision.amount_granted = amount_granted
        decision.conditions = conditions
        decision.decided_by = by
        decision.decided_at = timezone.now()
        decision.full_clean()
        decision.save()
        application.state = ApplicationState.GRANTED if granted else ApplicationState.DECLINED
        application.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=by,
            action="funding.decide",
            congress=application.call.congress,
            target=application,
            details={"granted": granted, "amount": str(amount_granted or "")},
        )
        return decision


def call_publish_results(*, call: FundingCall, by) -> FundingCall:
    with transaction.atomic():
        if not can_manage_call(by, call):
            raise PermissionDenied(_("Seuls les organisateurs publient les lauréats."))
        call.results_published_at = timezone.now()
        call.save(update_fields=["results_published_at"])
        return call


def call_save(*, congress, by, call: FundingCall | None = None, **fields) -> FundingCall:
    """Create (no ``call``) or edit a call of the edition; its rules are checked by the model."""
    with transaction.atomic():
        if not can_create_call(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs gèrent les appels à projets."))
        if call is None:
            call = FundingCall(congress=congress)
        else:
            call = FundingCall.objects.select_for_update().get(pk=call.pk, congress=congress)
        for name in CALL_FIELDS:
            if name in fields:
                setattr(call, name, fields[name])
        creating = call.pk is None
        call.full_clean()
        call.save()
        audit_record(
            actor=by,
            action="funding.call_create" if creating else "funding.call_edit",
            congress=congress,
            target=call,
        )
    return call


def letter_recipients(application: Application) -> list[str]:
    """The applicant's managers (active accounts) and its contact address, each once."""
    organisation = application.organisation
    emails = list(
        organisation.memberships.filter(role=MembershipRole.MANAGER, user__is_active=True)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    emails.append(organisation.contact_email)
    seen, unique = set(), []
    for email in emails:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def decision_notify(*, application: Application, by) -> list[str]:
    """E-mail the decision with its letter attached, once per application; the recipients."""
    with transaction.atomic():
        application = (
            Application.objects.select_related("call__congress", "organisation")
            .select_for_update(of=("self",))
            .get(pk=application.pk)
        )
        if not can_manage_call(by, application.call):
            raise PermissionDenied(_("Seuls les organisateurs notifient les décisions."))
        decision = Decision.objects.select_for_update().filter(application=application).first()
        if decision is None:
            raise ValidationError(_("Décidez d'abord : aucune lettre à envoyer."))
        if decision.notified_at is not None:
            raise ValidationError(
                _("La lettre a déjà été envoyée le %(date)s.")
                % {"date": timezone.localtime(decision.notified_at).strftime("%d/%m/%Y %H:%M")}
            )
        recipients = letter_recipients(application)
        decision.notified_at = timezone.now()
        decision.save(update_fields=["notified_at"])
        audit_record(
            actor=by,
            action="funding.notify",
            congress=application.call.congress,
            target=application,
            details={"granted": decision.granted, "to": recipients,
                     "resend": decision.letter_failed_at is not None},
        )  # fmt: skip
        application.decision = decision
        transaction.on_commit(lambda: _deliver_letter(application, recipients, by))
    return recipients


def _deliver_letter(application: Application, recipients: list[str], by) -> None:
    """Send the letter once the claim is committed. A refusal of the mail server is logged and
    recorded on the decision (no longer marked as sent), so organisers see it and resend."""
    decision = application.decision
    try:
        send_decision_letter(application, recipients)
    except Exception as error:
        logger.exception("Decision letter of application %s could not be sent", application.pk)
        with transaction.atomic():
            Decision.objects.filter(pk=decision.pk).update(
                notified_at=None,
                letter_failed_at=timezone.now(),
                letter_error=f"{type(error).__name__}: {error}"[:255],
            )
            audit_record(
                actor=by,
                action="funding.notify_failed",
                congress=application.call.congress,
                target=application,
                details={"to": recipients, "error": type(error).__name__},
            )
        return
    if decision.letter_failed_at is not None:
        Decision.objects.filter(pk=decision.pk).update(letter_failed_at=None, letter_error="")
