"""Writes of press accreditations (issue 15): a journalist's request (one per press card and
edition), the organisers' decision (e-mailed, audited)."""

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from tracks.press import emails
from tracks.press.models import PressAccreditation, PressStatus
from tracks.press.permissions import can_manage_press, press_requests_open

SIGNING_SALT = "tracks.press.request"
DUPLICATE_CARD = _("Une demande avec ce numéro de carte de presse existe déjà pour cette édition.")


def request_token(accreditation: PressAccreditation) -> str:
    return signing.dumps(accreditation.pk, salt=SIGNING_SALT)


def request_from_token(congress, token: str) -> PressAccreditation | None:
    try:
        pk = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    return PressAccreditation.objects.filter(pk=pk, congress=congress).first()


def normalise_card(value: str) -> str:
    return "".join(value.split()).upper()


def press_request_submit(
    *, congress, full_name: str, media: str, card_number: str, email: str, phone: str, by=None
) -> PressAccreditation:
    if not press_requests_open(congress):
        raise ValidationError(_("Les demandes d'accréditation sont closes pour cette édition."))
    accreditation = PressAccreditation(
        congress=congress,
        full_name=full_name.strip(),
        media=media.strip(),
        card_number=normalise_card(card_number),
        email=email.strip().lower(),
        phone=phone.strip(),
        user=by if by is not None and by.is_authenticated else None,
    )
    accreditation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            accreditation.save()
    except IntegrityError:
        raise ValidationError({"card_number": str(DUPLICATE_CARD)}) from None
    send_after_commit(emails.send_received, accreditation, request_token(accreditation))
    return accreditation


def press_request_decide(
    *, accreditation: PressAccreditation, status: str, by
) -> PressAccreditation:
    """Accept or refuse; the journalist is e-mailed when the decision changes."""
    with transaction.atomic():
        accreditation = (
            PressAccreditation.objects.select_for_update(of=("self",))
            .select_related("congress")
            .get(pk=accreditation.pk)
        )
        if not can_manage_press(by, accreditation.congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition accréditent la presse."))
        if status not in (PressStatus.ACCEPTED, PressStatus.REFUSED):
            raise ValidationError(_("Décision inconnue."))
        if accreditation.status == status:
            return accreditation
        accreditation.status = status
        accreditation.decided_at = timezone.now()
        accreditation.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=by,
            action="press.accepted" if status == PressStatus.ACCEPTED else "press.refused",
            congress=accreditation.congress,
            target=accreditation, details={"name": accreditation.full_name, "media": accreditation.media},
        )  # fmt: skip
        send_after_commit(emails.send_decision, accreditation, request_token(accreditation))
    return accreditation
