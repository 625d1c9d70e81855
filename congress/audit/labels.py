"""What the audit log's codes mean, in words (issue 14): each action code written by
`audit_record` gets a label, each detail key a name, and values read as words (« oui »,
dates, lists) rather than raw JSON. `tests/congress/audit/test_labels.py` walks the code base:
every action code recorded anywhere has its label here.

Codes stay stable identifiers in the database; only their display is translated.
"""

import re
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from congress.core.french import format_date

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

ACTION_LABELS = {
    # payments and registrations
    "billing.updated": _("Coordonnées de facturation modifiées"),
    "order.cancelled": _("Commande annulée"),
    "order.late_registration": _("Inscription tardive enregistrée"),
    "order.walk_in": _("Inscription sur place à l'accueil"),
    "order.walk_in_invoiced": _("Facture émise pour une inscription sur place"),
    "registration.resend_confirmation": _("Confirmation d'inscription renvoyée"),
    "payment.recorded": _("Paiement enregistré"),
    "transfers.reconciled": _("Virements rapprochés"),
    "retention.purged": _("Données personnelles effacées (durée de conservation)"),
    "export.registrations.csv": _("Export des inscriptions (CSV)"),
    "export.registrations.xlsx": _("Export des inscriptions (Excel)"),
    # on site
    "desk.grant": _("Accès à l'accueil donné"),
    "desk.revoke": _("Accès à l'accueil retiré"),
    "checkin.undo": _("Arrivée annulée"),
    "certificates.settings": _("Attestations de présence paramétrées"),
    # programme and proposals
    "session.deleted": _("Session supprimée"),
    "lent_room.create": _("Salle prêtée ajoutée"),
    "lent_room.update": _("Salle prêtée modifiée"),
    "lent_room.withdraw": _("Salle retirée du prêt"),
    "lent_room.restore": _("Salle de nouveau prêtée"),
    "room_booking.approve": _("Réservation de salle acceptée"),
    "room_booking.refuse": _("Réservation de salle refusée"),
    "activity.cancelled": _("Activité annulée, inscrits prévenus"),
    "stands.plan": _("Plan de la salle des stands modifié"),
    "activity_proposal.accepted": _("Activité proposée par un partenaire acceptée"),
    "activity_proposal.refused": _("Activité proposée par un partenaire refusée"),
    "venue.deleted": _("Lieu supprimé"),
    "speaker.confirm": _("Profil d'intervenant·e confirmé"),
    "speaker.edit": _("Profil d'intervenant·e modifié par les organisateurs"),
    "press.accepted": _("Accréditation presse acceptée"),
    "press.checkin": _("Arrivée d'un·e journaliste accrédité·e à l'accueil"),
    "press.refused": _("Accréditation presse refusée"),
    "proposal.accepted": _("Proposition d'atelier acceptée"),
    "proposal.waitlisted": _("Proposition d'atelier mise en liste d'attente"),
    "proposal.rejected": _("Proposition d'atelier refusée"),
    "outcome.reopened": _("Compte rendu rouvert"),
    "outcome.validated": _("Compte rendu validé"),
    "outcome.set_aside": _("Compte rendu mis à l'écart"),
    "outcome.merged": _("Compte rendu fusionné"),
    "outcome.split": _("Compte rendu scindé"),
    "outcome.restored": _("Compte rendu restauré"),
    "policy_proposal.reopened": _("Proposition aux décideurs rouverte"),
    "policy_proposal.validated": _("Proposition aux décideurs validée"),
    "policy_proposal.set_aside": _("Proposition aux décideurs mise à l'écart"),
    "policy_proposal.merged": _("Propositions aux décideurs fusionnées"),
    "policy_proposal.split": _("Proposition aux décideurs scindée"),
    "policy_proposal.restored": _("Proposition aux décideurs restaurée"),
    # funding
    "funding.call_create": _("Appel à projets créé"),
    "funding.call_edit": _("Appel à projets modifié"),
    "funding.decide": _("Décision sur une demande de financement"),
    "funding.notify": _("Lettre de décision envoyée"),
    "funding.report": _("Bilan de projet financé déposé"),
    "funding.schedule_build": _("Planning des rendez-vous financeurs construit"),
    "funding.meeting_move": _("Rendez-vous financeur déplacé"),
    "funding.meeting_outcome": _("Suite donnée à un rendez-vous financeur"),
    "funding.notify_failed": _("Échec de l'envoi d'une lettre de décision"),
    "funding.juror_add": _("Juré ajouté à un appel à projets"),
    "funding.juror_invite": _("Juré invité à un appel à projets"),
    "funding.juror_join": _("Invitation de juré acceptée"),
    "funding.juror_remove": _("Juré retiré d'un appel à projets"),
    "funding.juror_invitation_revoke": _("Invitation de juré annulée"),
    "funding.criterion_create": _("Critère d'évaluation ajouté"),
    "funding.criterion_edit": _("Critère d'évaluation modifié"),
    "funding.criterion_delete": _("Critère d'évaluation supprimé"),
    # messages and report
    "message_send": _("Message envoyé aux participants"),
    "report.requested": _("Rapport demandé"),
    "report.published": _("Rapport publié"),
    "report.unpublished": _("Rapport dépublié"),
    "report.foreword_updated": _("Avant-propos du rapport modifié"),
    "export.csv": _("Export de données (CSV)"),
    "export.xlsx": _("Export de données (Excel)"),
}

DETAIL_LABELS = {
    "after_deadline": _("après la date limite"),
    "already_paid": _("déjà payées"),
    "amount": _("montant"),
    "audience": _("destinataires"),
    "credit_note": _("avoir"),
    "day": _("jour"),
    "media": _("média"),
    "name": _("nom"),
    "delegates": _("personnes"),
    "fields": _("champs modifiés"),
    "filters": _("filtres"),
    "from": _("état précédent"),
    "granted": _("accordée"),
    "image": _("image"),
    "kind": _("type"),
    "note": _("note"),
    "outcome": _("suite donnée"),
    "paid": _("payées"),
    "paid_on": _("payée le"),
    "personal": _("inscriptions anonymisées"),
    "partner": _("partenaire"),
    "phase": _("période"),
    "placed": _("rendez-vous placés"),
    "published": _("publié"),
    "reference": _("référence"),
    "refund": _("remboursement"),
    "sensitive": _("besoins effacés"),
    "shift_title": _("créneau"),
    "side": _("côté"),
    "slot": _("créneau"),
    "starts_at": _("début"),
    "table": _("tableau"),
    "title": _("titre"),
    "to": _("destinataires"),
    "total": _("total"),
    "unmet": _("souhaits non satisfaits"),
    "version": _("version"),
    "waitlist": _("entrées de liste d'attente effacées"),
}
# Technical keys that another detail already says in words (the shift's id beside its title).
HIDDEN_DETAILS = {"shift"}

VALUE_LABELS = {
    "accepted": _("acceptée"),
    "waitlisted": _("liste d'attente"),
    "rejected": _("refusée"),
    "submitted": _("soumise"),
    "funder": _("financeur"),
    "holder": _("porteur de projet"),
    "follow_up": _("suite souhaitée"),
    "invited": _("candidature invitée"),
    "none": _("pas de suite"),
}


def action_label(code: str) -> str:
    """The action in words; an unknown code (recorded by an older version) shows as itself."""
    return str(ACTION_LABELS.get(code, code))


def _value(value) -> str:
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    if value in ("", None, [], {}):
        return "—"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{_key(k)}\u202f: {_value(v)}" for k, v in value.items())
    if isinstance(value, str):
        return _date_or_text(value)
    return str(value)


def _date_or_text(text: str) -> str:
    if text in VALUE_LABELS:
        return str(VALUE_LABELS[text])
    if not ISO_DAY.match(text):
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) == 10:  # a day: « 2027-06-15 »
        return format_date(date.fromisoformat(text), "j F Y")
    return format_date(moment, "j F Y H:i")


def _key(key: str) -> str:
    return str(DETAIL_LABELS.get(key, key))


def readable_details(details: dict) -> list[tuple[str, str]]:
    """(name, value) pairs of an entry's details, in words, technical keys left out."""
    return [
        (_key(key), _value(value))
        for key, value in (details or {}).items()
        if key not in HIDDEN_DETAILS
    ]
