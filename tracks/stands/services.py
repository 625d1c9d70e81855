"""Writes of stand applications (issue 15): apply, decide (accept with a number and a place,
waiting list, refuse) under the edition's lock so the hall never holds more stands than its
capacity, and the organisers' settings of the hall."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from congress.editions.models import Congress
from tracks.stands import emails
from tracks.stands.models import (
    Stand,
    StandApplication,
    StandApplicationStatus,
    StandHall,
)
from tracks.stands.permissions import (
    can_apply_for_stand,
    can_manage_stands,
    can_withdraw_stand_application,
)

DEFAULT_CAPACITY = 50  # une cinquantaine de stands


def hall_of(congress: Congress) -> StandHall:
    return StandHall.objects.filter(congress=congress).first() or StandHall(
        congress=congress, capacity=DEFAULT_CAPACITY
    )


def stand_application_submit(*, congress: Congress, by, **fields) -> StandApplication:
    if not can_apply_for_stand(by, congress):
        raise PermissionDenied(_("Les demandes de stand ne sont pas ouvertes pour cette édition."))
    application = StandApplication(congress=congress, applicant=by, **fields)
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError(_("Vous avez déjà demandé un stand pour cet exposant.")) from None
    return application


def _next_number(congress: Congress) -> str:
    taken = set(Stand.objects.filter(congress=congress).values_list("number", flat=True))
    n = 1
    while f"{n:02d}" in taken:
        n += 1
    return f"{n:02d}"


def stand_application_decide(
    *, application: StandApplication, status: str, by, number: str = "", location: str = ""
) -> StandApplication:
    """Accept (a numbered, placed stand; refused when the hall is full), put on the waiting
    list or refuse; the applicant is told by e-mail when the decision changes."""
    with transaction.atomic():
        congress = Congress.objects.select_for_update().get(pk=application.congress_id)
        if not can_manage_stands(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition décident des stands."))
        application = StandApplication.objects.select_for_update().get(pk=application.pk)
        if status not in StandApplicationStatus.values or status in ("submitted", "withdrawn"):
            raise ValidationError(_("Décision inconnue."))
        if application.status == StandApplicationStatus.WITHDRAWN:
            raise ValidationError(_("L'exposant a retiré cette demande."))
        number = number.strip()
        stand = application.stand
        if status == StandApplicationStatus.ACCEPTED:
            if stand is None and Stand.objects.filter(congress=congress).count() >= (
                hall_of(congress).capacity
            ):
                raise ValidationError(
                    _("La salle est complète : mettez cette demande en liste d'attente.")
                )
            if (
                number
                and Stand.objects.filter(congress=congress, number=number)
                .exclude(pk=getattr(stand, "pk", None))
                .exists()
            ):
                raise ValidationError({"number": _("Ce numéro de stand est déjà attribué.")})
            stand = stand or Stand(congress=congress)
            stand.name, stand.holder_kind = application.name, application.holder_kind
            stand.description, stand.themes = application.description, application.themes
            stand.number = number or stand.number or _next_number(congress)
            stand.location = location.strip() or stand.location
            stand.full_clean(validate_constraints=False)
            stand.save()
            application.stand = stand
        elif stand is not None:  # taken back: the place is free again
            application.stand = None
            application.save(update_fields=["stand"])
            stand.delete()
        changed = application.status != status
        application.status = status
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at", "stand"])
        if changed:
            send_after_commit(emails.send_decision, application)
    return application


def stand_application_withdraw(*, application: StandApplication, by) -> StandApplication:
    """The applicant withdraws (until accepted; an accepted stand until the evening, its number
    freed), under the same locks as a decision; the organisers are told by e-mail."""
    with transaction.atomic():
        Congress.objects.select_for_update().get(pk=application.congress_id)
        application = (
            StandApplication.objects.select_for_update(of=("self",))
            .select_related("congress", "stand")
            .get(pk=application.pk)
        )
        if not can_withdraw_stand_application(by, application):
            raise PermissionDenied(_("Cette demande de stand ne peut plus être retirée."))
        stand, number = application.stand, ""
        if stand is not None:  # its number and its place are free again
            number = stand.number
            application.stand = None
            application.save(update_fields=["stand"])
            stand.delete()
        application.status = StandApplicationStatus.WITHDRAWN
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
        send_after_commit(emails.send_withdrawal, application, number)
    return application


def stand_hall_set(
    *, congress: Congress, capacity: int, exhibitor_information: str, by
) -> StandHall:
    with transaction.atomic():
        if not can_manage_stands(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition décident des stands."))
        hall = StandHall.objects.select_for_update().filter(congress=congress).first()
        hall = hall or StandHall(congress=congress)
        if capacity < Stand.objects.filter(congress=congress).count():
            raise ValidationError(
                {"capacity": _("La salle compte déjà plus de stands acceptés que ce nombre.")}
            )
        hall.capacity, hall.exhibitor_information = capacity, exhibitor_information
        hall.full_clean()
        hall.save()
    return hall


def stand_plan_set(
    *, congress: Congress, by, plan_image, plan_description: str, plan_published: bool
) -> StandHall:
    """Upload, replace or remove (``plan_image`` False) the hall plan's image, its text
    alternative, and publish it or not. A new image replaces the old file; audited."""
    with transaction.atomic():
        if not can_manage_stands(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition décident des stands."))
        hall = StandHall.objects.select_for_update().filter(congress=congress).first()
        hall = hall or StandHall(congress=congress, capacity=DEFAULT_CAPACITY)
        old_name = hall.plan_image.name
        if plan_image is False:
            hall.plan_image = ""
        elif isinstance(plan_image, UploadedFile):
            hall.plan_image = plan_image
        hall.plan_description = plan_description.strip()
        hall.plan_published = bool(plan_published and hall.plan_image)
        hall.full_clean()
        hall.save()
        if old_name and old_name != hall.plan_image.name:
            storage = hall.plan_image.storage
            transaction.on_commit(lambda: storage.delete(old_name))
        audit_record(
            actor=by, action="stands.plan", congress=congress, target=hall,
            details={"image": bool(hall.plan_image), "published": hall.plan_published},
        )  # fmt: skip
    return hall
