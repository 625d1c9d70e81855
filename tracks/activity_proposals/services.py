"""Writes of partners' proposals (issue 15): propose, change while waiting, decide.

A decision locks the proposal's row: two organisers deciding at once (or a double click) decide
once; the second reads « déjà décidée » and nothing more is created or sent."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from tracks.activities.services import place_room
from tracks.activity_proposals import emails
from tracks.activity_proposals.models import ActivityProposal, ActivityProposalStatus
from tracks.activity_proposals.permissions import (
    can_edit_activity_proposal,
    can_propose_activity,
)
from tracks.models import Session

FIELDS = ("venue", "title", "session_type", "track", "description", "starts_at", "ends_at",
          "capacity", "is_online")  # fmt: skip


def _check(proposal: ActivityProposal) -> None:
    """The place is the partner's own, the type and topic the edition's, the times within it."""
    congress, errors = proposal.congress, {}
    if proposal.venue.congress_id != congress.pk or proposal.venue.host_id != proposal.partner_id:
        errors["venue"] = _("Choisissez l'un de vos lieux pour cette édition.")
    if proposal.session_type.congress_id != congress.pk:
        errors["session_type"] = _("Ce type d'activité n'est pas celui de cette édition.")
    if proposal.track is not None and proposal.track.congress_id != congress.pk:
        errors["track"] = _("Ce thème n'est pas celui de cette édition.")
    first = timezone.localtime(proposal.starts_at).date()
    last = timezone.localtime(proposal.ends_at).date()
    if first < congress.start_date or last > congress.end_date:
        errors["starts_at"] = _("L'activité doit avoir lieu pendant l'édition, du %(start)s au "
                                "%(end)s.") % {"start": congress.start_date.strftime("%d/%m/%Y"),
                                               "end": congress.end_date.strftime("%d/%m/%Y")}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    proposal.full_clean()


def activity_proposal_submit(*, partner, by, **fields) -> ActivityProposal:
    with transaction.atomic():
        if not can_propose_activity(by, partner):
            raise PermissionDenied(_("Vous ne pouvez pas proposer d'activité pour ce partenaire."))
        proposal = ActivityProposal(
            congress=partner.congress, partner=partner, proposed_by=by,
            **{name: fields[name] for name in FIELDS},
        )  # fmt: skip
        _check(proposal)
        proposal.save()
    return proposal


def activity_proposal_update(*, proposal: ActivityProposal, by, **fields) -> ActivityProposal:
    with transaction.atomic():
        proposal = ActivityProposal.objects.select_for_update().get(pk=proposal.pk)
        if not can_edit_activity_proposal(by, proposal):
            raise PermissionDenied(_("Cette proposition ne peut plus être modifiée."))
        for name in FIELDS:
            setattr(proposal, name, fields[name])
        _check(proposal)
        proposal.save()
    return proposal


def _activity_from(proposal: ActivityProposal) -> Session:
    """The accepted proposal's activity, in its place's first room (created if the place has
    none); unpublished until the programme is, as every activity."""
    room = place_room(venue=proposal.venue)
    session = Session(
        congress=proposal.congress, room=room, title=proposal.title,
        description=proposal.description, session_type=proposal.session_type,
        track=proposal.track, starts_at=proposal.starts_at, ends_at=proposal.ends_at,
        capacity=proposal.capacity or room.capacity,
        registration_required=proposal.capacity is not None, is_online=proposal.is_online,
    )  # fmt: skip
    session.full_clean()
    session.save()
    if proposal.partner.organisation_id:
        session.organisations.add(proposal.partner.organisation_id)
    return session


def activity_proposal_decide(
    *, proposal: ActivityProposal, by, accept: bool, message: str = ""
) -> ActivityProposal:
    with transaction.atomic():
        if not is_organiser(by, proposal.congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition décident."))
        Congress.objects.select_for_update().get(pk=proposal.congress_id)
        proposal = (
            ActivityProposal.objects.select_for_update(of=("self",))  # the topic may be empty
            .select_related("congress", "partner", "venue", "session_type", "track")
            .get(pk=proposal.pk)
        )
        if proposal.status != ActivityProposalStatus.SUBMITTED:
            raise ValidationError(_("Cette proposition est déjà décidée."))
        if accept:
            proposal.session = _activity_from(proposal)
        proposal.status = (
            ActivityProposalStatus.ACCEPTED if accept else ActivityProposalStatus.REFUSED
        )
        proposal.decision_message = message.strip()
        proposal.decided_at, proposal.decided_by = timezone.now(), by
        proposal.save()
        audit_record(
            actor=by, congress=proposal.congress,
            action="activity_proposal.accepted" if accept else "activity_proposal.refused",
            target=proposal, details={"title": proposal.title, "partner": proposal.partner.name},
        )  # fmt: skip
        if proposal.proposed_by_id and proposal.proposed_by.email:
            send_after_commit(emails.send_decision, proposal)
    return proposal
