"""An order before it exists: every check of `order_create`, without writing (issue 12).

The review step shows the draft (lines, total, way to pay, cancellation terms) and the quote
(devis) is printed from it; « Confirmer » then runs the same checks again under the lock.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.models import User
from congress.accounts.permissions import require_confirmed_email
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.organisations.models import Organisation
from congress.registrations import selectors
from congress.registrations.models import PaymentMethod, Tariff
from congress.registrations.permissions import can_register_for
from congress.registrations.seats import tariff_is_allowed
from congress.registrations.window import RegistrationWindow

DELEGATE_FIELDS = (
    "full_name", "email", "function", "days", "needs_lsf", "needs_hearing_loop",
    "needs_step_free", "needs_easy_read", "dietary_needs", "other_needs", "needs_shared",
    "photo_consent",
)  # fmt: skip


@dataclass(frozen=True)
class OrderDraft:
    congress: Congress
    organisation: Organisation | None
    tariff: Tariff
    delegates: list[dict]
    method: str
    total: Decimal
    window: RegistrationWindow
    code_service: str = ""
    engagement_number: str = ""

    @property
    def method_label(self) -> str:
        return PaymentMethod(self.method).label

    @property
    def lines(self) -> list[dict]:
        """One line per person: name, e-mail, days (dates), tariff and price."""
        return [
            {
                "full_name": delegate["full_name"],
                "email": delegate["email"],
                "days": [date.fromisoformat(day) for day in delegate["days"]],
                "tariff": self.tariff,
                "price": self.tariff.price,
            }
            for delegate in self.delegates
        ]


def order_check(
    *,
    congress: Congress,
    by: User,
    tariff: Tariff,
    delegates: list[dict],
    organisation: Organisation | None = None,
    invitation_code: str = "",
    payment_method: str = "",
    code_service: str = "",
    engagement_number: str = "",
    now=None,
) -> OrderDraft:
    """Check an order as `order_create` will (places apart: they are counted under the lock).

    `now` is the moment the order is placed: only the demo seed, placing the orders of a past
    edition at their time, passes it."""
    organiser = is_organiser(by, congress)
    if not (can_register_for(by, organisation) or (organiser and organisation is not None)):
        raise PermissionDenied(
            _("Seuls les gestionnaires de l'organisation peuvent inscrire ses délégué·es.")
        )
    require_confirmed_email(by)
    if tariff.congress_id != congress.pk:
        raise ValidationError({"tariff": _("Ce tarif n'appartient pas à cette édition.")})
    if congress.status != "published":
        raise ValidationError(_("Les inscriptions à cette édition sont closes."))
    window = selectors.registration_window(congress, now)
    if not window.is_open and not organiser:
        raise ValidationError(window.refusal(), code="registration_closed")
    if not delegates:
        raise ValidationError(_("Inscrivez au moins une personne."))
    if len(delegates) > settings.ORDER_MAX_DELEGATES:
        raise ValidationError(
            ngettext(
                "Une commande compte au plus %(n)s personne.",
                "Une commande compte au plus %(n)s personnes.",
                settings.ORDER_MAX_DELEGATES,
            )
            % {"n": settings.ORDER_MAX_DELEGATES}
        )
    if organisation is None:
        if len(delegates) != 1:
            raise ValidationError(_("Une inscription individuelle ne concerne qu'une personne."))
        delegates = [{**delegates[0], "full_name": by.full_name, "email": by.email}]
    if not tariff_is_allowed(tariff, organisation=organisation, invitation_code=invitation_code):
        raise ValidationError({"tariff": _("Ce tarif ne vous est pas ouvert.")})
    if not tariff.on_sale(now):
        raise ValidationError({"tariff": _("Ce tarif n'est pas en vente actuellement.")})
    delegates = _clean_delegates(congress, delegates)
    offered = selectors.payment_methods_offered(congress, tariff, organisation)
    # A free tariff has no payment step: whatever way to pay was picked for the others.
    method = offered[0] if offered == [PaymentMethod.FREE] else payment_method
    method = method or (offered[0] if offered else "")
    if method not in offered:
        if not offered:
            raise ValidationError(
                _("Aucun mode de paiement n'est proposé pour ce tarif : contactez l'organisation.")
            )
        raise ValidationError(
            {"payment_method": _("Ce mode de paiement n'est pas proposé pour ce tarif.")}
        )
    # Abroad, the organisation's EU VAT number identifies it on the invoice instead.
    if method == PaymentMethod.INVOICE and organisation.country == "FR" and not organisation.siret:
        raise ValidationError(_("Le SIRET de l'organisme est nécessaire pour la facture."))
    return OrderDraft(
        congress=congress,
        organisation=organisation,
        tariff=tariff,
        delegates=delegates,
        method=method,
        total=tariff.price * len(delegates),
        window=window,
        code_service=code_service.strip(),
        engagement_number=engagement_number.strip(),
    )


def _clean_delegates(congress: Congress, delegates: list[dict]) -> list[dict]:
    emails_seen = set()
    all_days = [day.isoformat() for day in congress.days]
    delegates = [dict(delegate) for delegate in delegates]
    for delegate in delegates:
        unknown = set(delegate) - set(DELEGATE_FIELDS)
        if unknown:
            raise TypeError(f"Unknown delegate fields: {sorted(unknown)}")
        delegate["days"] = sorted(delegate.get("days") or all_days)
        if not set(delegate["days"]) <= set(all_days):
            raise ValidationError({"days": _("Ces jours ne font pas partie du congrès.")})
        if not delegate.get("email"):
            raise ValidationError({"email": _("Indiquez l'adresse e-mail de chaque personne.")})
        email = User.objects.normalize_email(delegate["email"]).lower()
        if email in emails_seen:
            raise ValidationError(_("La même adresse e-mail figure deux fois dans la commande."))
        emails_seen.add(email)
        delegate["email"] = email
    return delegates
