"""Writes of press accreditations (issue 15): a journalist's request (one per press card and
edition), the organisers' decision (e-mailed, audited), the arrival at the welcome desk."""

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core import throttling
from congress.core.mail import send_after_commit
from congress.onsite.permissions import can_check_in
from tracks.press import emails
from tracks.press.models import PressAccreditation, PressCheckIn, PressStatus
from tracks.press.permissions import can_manage_press, press_requests_open

SIGNING_SALT = "tracks.press.request"
# The public form needs no account: a stranger could post requests in a loop. A journalist
# asks once or twice; a newsroom's shared address, a few more.
REQUESTS_PER_EMAIL = throttling.Limit("press-request-email", attempts=3, window_seconds=3600)
REQUESTS_PER_CLIENT = throttling.Limit("press-request-client", attempts=10, window_seconds=3600)
DUPLICATE_CARD = _(
    "Une demande avec ce numéro de carte de presse existe déjà pour cette édition. Si elle "
    "n'est pas la vôtre, écrivez au contact presse de l'édition : une fois refusée, votre "
    "demande pourra être envoyée."
)


def request_token(accreditation: PressAccreditation) -> str:
    return signing.dumps(accreditation.pk, salt=SIGNING_SALT)


def request_from_token(congress, token: str) -> PressAccreditation | None:
    try:
        pk = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    return PressAccreditation.objects.filter(pk=pk, congress=congress).first()


def press_request_blocked(email: str, client: str) -> bool:
    return throttling.is_blocked(
        REQUESTS_PER_EMAIL, email.strip().lower()
    ) or throttling.is_blocked(REQUESTS_PER_CLIENT, client)


def press_request_attempted(email: str, client: str) -> None:
    throttling.record_attempt(REQUESTS_PER_EMAIL, email.strip().lower())
    throttling.record_attempt(REQUESTS_PER_CLIENT, client)


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
        try:
            with transaction.atomic():
                accreditation.save(update_fields=["status", "decided_at"])
        except IntegrityError:  # a refused request taken back while another holds its card
            raise ValidationError(
                _(
                    "Une autre demande avec ce numéro de carte de presse est en cours pour "
                    "cette édition : décidez d'abord de celle-là."
                )
            ) from None
        audit_record(
            actor=by,
            action="press.accepted" if status == PressStatus.ACCEPTED else "press.refused",
            congress=accreditation.congress,
            target=accreditation, details={"name": accreditation.full_name, "media": accreditation.media},
        )  # fmt: skip
        send_after_commit(emails.send_decision, accreditation, request_token(accreditation))
    return accreditation


def press_check_in(*, congress, pk: int, day, by) -> tuple[PressAccreditation, PressCheckIn, bool]:
    """Record an accepted journalist's arrival at the welcome desk on `day`, once: under the
    accreditation's row lock (an organiser refusing it at the same moment waits, then the desk
    sees the refusal), a second call finds the first arrival (created False, nothing audited).
    Returns the accreditation, the arrival and whether it was recorded now."""
    with transaction.atomic():
        if not can_check_in(by, congress):
            raise PermissionDenied(_("Vous ne faites pas partie de l'accueil de ce congrès."))
        if day not in congress.days:
            raise ValidationError(_("Ce jour n'est pas un jour du congrès."))
        # Another edition's journalist: DoesNotExist (the desk answers 404).
        accreditation = PressAccreditation.objects.select_for_update().get(pk=pk, congress=congress)
        if accreditation.status != PressStatus.ACCEPTED:
            raise ValidationError(_("Cette demande d'accréditation presse n'est pas acceptée."))
        existing = PressCheckIn.objects.select_related("by").filter(
            accreditation=accreditation, day=day
        )
        check_in = existing.first()
        if check_in is not None:
            return accreditation, check_in, False
        check_in = PressCheckIn.objects.create(
            accreditation=accreditation, day=day, by=by, checked_in_at=timezone.now()
        )
        audit_record(
            actor=by,
            action="press.checkin",
            congress=congress,
            target=accreditation,
            details={"name": accreditation.full_name, "day": day.isoformat()},
        )
        return accreditation, check_in, True
