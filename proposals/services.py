"""Writes of the proposals app: the call, proposals, reviews, decisions and scheduling."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.accounts.services import consent_record
from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.organisations.models import Organisation
from congress.organisations.permissions import is_member
from proposals import emails
from proposals.models import (
    DECISION_STATES,
    CallForProposals,
    ProposalState,
    ProposalStateChange,
    Review,
    ReviewScore,
    Speaker,
    WorkshopProposal,
)
from proposals.permissions import can_decide, can_edit_proposal, can_review, is_author
from proposals.selectors import session_placement
from tracks import services as tracks_services
from tracks.models import Session

PROPOSAL_FIELDS = (
    "title", "track", "format", "duration_minutes", "context", "actions", "results",
    "difficulties", "policy_ideas", "departement", "commune", "accessibility_needs",
    "publication_consent",
)  # fmt: skip
REQUIRED_FOR_SUBMISSION = ("title", "track", "context", "actions", "results", "departement")
SPEAKER_FIELDS = ("name", "function", "organisation_name", "email")


def call_closed_error() -> ValidationError:
    return ValidationError(
        _(
            "L'appel à propositions est clos : plus aucune proposition ne peut être déposée ni modifiée."
        ),
        code="call_closed",
    )


def _open_call(congress: Congress) -> CallForProposals:
    call = CallForProposals.objects.filter(congress=congress).first()
    if call is None or not call.is_open():
        raise call_closed_error()
    return call


def _record(proposal, *, from_state: str, by: User | None, note: str = "") -> None:
    ProposalStateChange.objects.create(
        proposal=proposal, from_state=from_state, to_state=proposal.state, by=by, note=note
    )


# --- the call ---------------------------------------------------------------------------------


def call_save(*, congress: Congress, by: User, **fields) -> CallForProposals:
    with transaction.atomic():
        if not is_organiser(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs paramètrent l'appel."))
        call = CallForProposals.objects.filter(congress=congress).first() or CallForProposals(
            congress=congress
        )
        for name, value in fields.items():
            setattr(call, name, value)
        call.full_clean()
        call.save()
        return call


# --- proposals --------------------------------------------------------------------------------


def _set_speakers(proposal: WorkshopProposal, speakers: list[dict]) -> None:
    proposal.speakers.all().delete()
    objs = []
    for order, data in enumerate(speakers):
        speaker = Speaker(
            proposal=proposal, order=order, **{k: data.get(k, "") for k in SPEAKER_FIELDS}
        )
        speaker.full_clean()
        objs.append(speaker)
    Speaker.objects.bulk_create(objs)


def _check_tracks(congress: Congress, fields: dict, related_tracks) -> None:
    for track in [fields.get("track"), *(related_tracks or [])]:
        if track is not None and track.congress_id != congress.pk:
            raise ValidationError({"track": _("Ce thème n'appartient pas à cette édition.")})


def proposal_create(
    *,
    congress: Congress,
    organisation: Organisation,
    by: User,
    speakers: list[dict] = (),
    related_tracks=(),
    co_organisations=(),
    **fields,
) -> WorkshopProposal:
    with transaction.atomic():
        if not is_member(by, organisation):
            raise PermissionDenied(_("Vous devez être membre de l'organisation qui propose."))
        _open_call(congress)
        unknown = set(fields) - set(PROPOSAL_FIELDS)
        if unknown:
            raise TypeError(f"Unknown proposal fields: {sorted(unknown)}")
        _check_tracks(congress, fields, related_tracks)
        proposal = WorkshopProposal(
            congress=congress, organisation=organisation, created_by=by, **fields
        )
        proposal.full_clean()
        proposal.save()
        proposal.related_tracks.set(related_tracks)
        proposal.co_organisations.set([o for o in co_organisations if o.pk != organisation.pk])
        _set_speakers(proposal, list(speakers))
        _record(proposal, from_state="", by=by)
        return proposal


def proposal_update(
    *,
    proposal: WorkshopProposal,
    by: User,
    version: int,
    speakers: list[dict] | None = None,
    related_tracks=None,
    co_organisations=None,
    **fields,
) -> WorkshopProposal:
    """Optimistic locking: `version` is the one the form was built from; a stale form is refused."""
    with transaction.atomic():
        proposal = WorkshopProposal.objects.select_for_update().get(pk=proposal.pk)
        if not can_edit_proposal(by, proposal):
            raise PermissionDenied(_("Vous ne pouvez pas modifier cette proposition."))
        _open_call(proposal.congress)
        if proposal.version != version:
            raise ValidationError(
                _(
                    "Quelqu'un d'autre a modifié cette proposition pendant que vous la rédigiez. "
                    "Rechargez la page pour voir sa version, puis reportez vos changements."
                ),
                code="conflict",
            )
        unknown = set(fields) - set(PROPOSAL_FIELDS)
        if unknown:
            raise TypeError(f"Unknown proposal fields: {sorted(unknown)}")
        _check_tracks(proposal.congress, fields, related_tracks)
        for name, value in fields.items():
            setattr(proposal, name, value)
        proposal.version += 1
        proposal.full_clean()
        if proposal.state == ProposalState.SUBMITTED:
            _check_complete(proposal, speakers)
        proposal.save()
        if related_tracks is not None:
            proposal.related_tracks.set(related_tracks)
        if co_organisations is not None:
            proposal.co_organisations.set(
                [o for o in co_organisations if o.pk != proposal.organisation_id]
            )
        if speakers is not None:
            _set_speakers(proposal, list(speakers))
        return proposal


def _check_complete(proposal: WorkshopProposal, speakers: list[dict] | None = None) -> None:
    missing = {}
    for name in REQUIRED_FOR_SUBMISSION:
        if not getattr(proposal, name):
            label = WorkshopProposal._meta.get_field(name).verbose_name
            missing[name] = _("« %(field)s » est obligatoire pour soumettre la proposition.") % {
                "field": str(label)[:1].upper() + str(label)[1:]
            }
    has_speaker = bool(speakers) if speakers is not None else proposal.speakers.exists()
    if not has_speaker:
        missing["__all__"] = _("Indiquez au moins un intervenant.")
    if missing:
        raise ValidationError(missing, code="incomplete")


def proposal_submit(*, proposal: WorkshopProposal, by: User) -> WorkshopProposal:
    with transaction.atomic():
        proposal = WorkshopProposal.objects.select_for_update().get(pk=proposal.pk)
        if not is_author(by, proposal):
            raise PermissionDenied(_("Vous ne pouvez pas soumettre cette proposition."))
        if proposal.state != ProposalState.DRAFT:
            raise ValidationError(_("Seul un brouillon peut être soumis."))
        call = _open_call(proposal.congress)
        _check_complete(proposal)
        limit = (
            call.tracks.filter(track=proposal.track).values_list("max_proposals", flat=True).first()
        )
        if limit:
            # Serialise submissions to the call, so the limit holds under concurrency.
            CallForProposals.objects.select_for_update().get(pk=call.pk)
            taken = WorkshopProposal.objects.filter(
                track=proposal.track, state__in=(ProposalState.SUBMITTED, *DECISION_STATES)
            ).count()
            if taken >= limit:
                raise ValidationError(
                    _("Le thème « %(track)s » a atteint son nombre maximal de propositions.")
                    % {"track": proposal.track.name}
                )
        proposal.state = ProposalState.SUBMITTED
        proposal.submitted_at = timezone.now()
        proposal.version += 1
        proposal.save(update_fields=["state", "submitted_at", "version", "updated_at"])
        _record(proposal, from_state=ProposalState.DRAFT, by=by)
        consent_record(
            kind="publication",
            given=proposal.publication_consent,
            email=by.email,
            user=by,
            congress=proposal.congress,
            source=f"workshop-proposal:{proposal.pk}",
            recorded_by=by,
        )
        send_after_commit(emails.send_submission_received, proposal)
        return proposal


def proposal_withdraw(*, proposal: WorkshopProposal, by: User) -> WorkshopProposal:
    with transaction.atomic():
        proposal = WorkshopProposal.objects.select_for_update().get(pk=proposal.pk)
        if not is_author(by, proposal):
            raise PermissionDenied(_("Vous ne pouvez pas retirer cette proposition."))
        if proposal.state not in (ProposalState.DRAFT, ProposalState.SUBMITTED):
            raise ValidationError(_("Une proposition déjà décidée ne peut plus être retirée."))
        _open_call(proposal.congress)
        previous = proposal.state
        proposal.state = ProposalState.WITHDRAWN
        proposal.version += 1
        proposal.save(update_fields=["state", "version", "updated_at"])
        _record(proposal, from_state=previous, by=by)
        return proposal


# --- reviews ----------------------------------------------------------------------------------


def review_save(
    *,
    proposal: WorkshopProposal,
    by: User,
    scores: dict[int, int],
    comment_committee: str = "",
    comment_authors: str = "",
) -> Review:
    """Create or update the caller's review. `scores` maps criterion id -> 0..5."""
    with transaction.atomic():
        if not can_review(by, proposal):
            raise PermissionDenied(_("Vous ne pouvez pas relire cette proposition."))
        call = CallForProposals.objects.filter(congress=proposal.congress).first()
        if call is None or not call.review_is_open():
            raise ValidationError(_("La relecture est close."), code="review_closed")
        criteria = list(call.criteria.all())
        if {c.pk for c in criteria} != set(scores):
            raise ValidationError(_("Notez chacun des critères."))
        for value in scores.values():
            if not 0 <= int(value) <= 5:
                raise ValidationError(_("Chaque note va de 0 à 5."))
        total_weight = sum(c.weight for c in criteria)
        weighted = sum(Decimal(scores[c.pk]) * c.weight for c in criteria) / total_weight
        review, _created = Review.objects.select_for_update().get_or_create(
            proposal=proposal, reviewer=by
        )
        review.weighted_score = weighted.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        review.comment_committee = comment_committee
        review.comment_authors = comment_authors
        review.full_clean()
        review.save()
        review.scores.all().delete()
        ReviewScore.objects.bulk_create(
            [ReviewScore(review=review, criterion=c, score=int(scores[c.pk])) for c in criteria]
        )
        return review


# --- decisions --------------------------------------------------------------------------------


def proposals_decide(
    *, congress: Congress, proposal_ids: list[int], decision: str, by: User, note: str = ""
) -> list[WorkshopProposal]:
    with transaction.atomic():
        if not can_decide(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs décident."))
        if decision not in DECISION_STATES:
            raise ValidationError(_("Décision inconnue."))
        proposals = list(
            WorkshopProposal.objects.select_for_update(of=("self",))
            .filter(congress=congress, pk__in=proposal_ids)
            .select_related("organisation", "created_by", "congress")
        )
        if len(proposals) != len(set(proposal_ids)):
            raise ValidationError(_("Certaines propositions n'existent pas dans cette édition."))
        now = timezone.now()
        for proposal in proposals:
            if proposal.state not in (ProposalState.SUBMITTED, *DECISION_STATES):
                raise ValidationError(
                    _("« %(title)s » n'est pas soumise : pas de décision possible.")
                    % {"title": proposal.title}
                )
            if proposal.state == decision:
                continue
            if proposal.session_id and decision != ProposalState.ACCEPTED:
                raise ValidationError(
                    _("« %(title)s » est déjà au programme : retirez d'abord la session.")
                    % {"title": proposal.title}
                )
            previous = proposal.state
            proposal.state = decision
            proposal.decided_at = now
            proposal.version += 1
            proposal.save(update_fields=["state", "decided_at", "version", "updated_at"])
            _record(proposal, from_state=previous, by=by, note=note)
            audit_record(
                actor=by,
                action=f"proposal.{decision}",
                congress=congress,
                target=proposal,
                details={"from": previous, "note": note} if note else {"from": previous},
            )
            comments = [
                c
                for c in proposal.reviews.exclude(comment_authors="").values_list(
                    "comment_authors", flat=True
                )
            ]
            send_after_commit(emails.send_decision, proposal, comments, note)
        return proposals


# --- scheduling -------------------------------------------------------------------------------


def proposal_schedule(
    *,
    proposal: WorkshopProposal,
    by: User | None,
    room,
    starts_at,
    ends_at,
    capacity: int | None = None,
    moderators=(),
    placed: str | None = None,
) -> Session:
    """Turn an accepted proposal into a workshop session (or move it). `placed`: where the
    caller saw it (`session_placement`); refused if it has moved since (a stale grid)."""
    with transaction.atomic():
        proposal = (
            WorkshopProposal.objects.select_for_update(of=("self",))
            .select_related("congress", "track", "organisation")
            .get(pk=proposal.pk)
        )
        if by is not None and not can_decide(by, proposal.congress):
            raise PermissionDenied(_("Seuls les organisateurs construisent le programme."))
        if proposal.state != ProposalState.ACCEPTED:
            raise ValidationError(_("Seule une proposition acceptée peut être programmée."))
        if placed is not None and session_placement(proposal.session) != placed:
            raise ValidationError(
                _("Cet atelier a été déplacé entre-temps : la grille est à jour, recommencez.")
            )
        speakers = "\n".join(
            ", ".join(part for part in (s.name, s.function, s.organisation_name) if part)
            for s in proposal.speakers.all()
        )
        session = tracks_services.session_save(
            congress=proposal.congress,
            by=by,
            session=proposal.session,
            moderators=list(moderators),
            organisations=[proposal.organisation, *proposal.co_organisations.all()],
            session_type=tracks_services.workshop_session_type(proposal.congress, proposal.format),
            track=proposal.track,
            title=proposal.title,
            description="\n\n".join(p for p in (proposal.context, proposal.results) if p),
            speakers=speakers,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity or room.capacity,
        )
        if proposal.session_id != session.pk:
            proposal.session = session
            proposal.save(update_fields=["session", "updated_at"])
        return session
