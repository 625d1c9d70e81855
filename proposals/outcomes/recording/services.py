"""Writes of the moderators: record (create or update) a workshop's outcome and its policy
proposals, submit it; organisers reopen it and restore a past version.

Every change leaves a Revision (see history.py)."""

from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.models import User
from proposals.outcomes.recording.history import (
    EDITABLE_POLICY_STATUSES,
    OUTCOME_FIELDS,
    EditConflict,
    apply_policy,
    policy_data_from_snapshot,
    policy_snapshot,
    revise,
    set_policy_m2m,
)
from proposals.outcomes.recording.models import (
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
    Revision,
    RevisionAction,
)
from proposals.outcomes.recording.permissions import (
    can_edit_outcome,
    can_read_history,
    can_reopen_outcome,
)
from tracks.models import Session

__all__ = [
    "EDITABLE_POLICY_STATUSES",
    "OUTCOME_FIELDS",
    "EditConflict",
    "OutcomeRestored",
    "outcome_reopen",
    "outcome_restore",
    "outcome_save",
    "outcome_submit",
]


def _sync_proposals(
    outcome: Outcome, proposals: list[dict], *, by, submit: bool, protected=frozenset()
) -> None:
    """Create, update and delete the editable proposals of an outcome to match `proposals`
    (never deleting those whose pk is in `protected`)."""
    session = outcome.session
    existing = {
        p.pk: p for p in outcome.policy_proposals.filter(status__in=EDITABLE_POLICY_STATUSES)
    }
    kept = set()
    for rank, data in enumerate(proposals, start=1):
        data = dict(data)
        data.setdefault("rank", rank)
        proposal = existing.get(data.get("id"))
        created = proposal is None
        if created:
            proposal = PolicyProposal(
                congress_id=outcome.congress_id, outcome=outcome, track_id=session.track_id
            )
        before = None if created else policy_snapshot(proposal)
        apply_policy(proposal, data)
        if submit:
            proposal.status = PolicyStatus.SUBMITTED
        proposal.full_clean()
        proposal.save()
        if created:
            proposal.sources.add(session)
        set_policy_m2m(proposal, data)
        kept.add(proposal.pk)
        if created or before != policy_snapshot(proposal):
            if not created:
                proposal.version += 1
                proposal.save(update_fields=["version"])
            action = RevisionAction.CREATED if created else RevisionAction.UPDATED
            revise(proposal, action=action, by=by)
    for pk, proposal in existing.items():
        if pk not in kept and pk not in protected:
            proposal.delete()


def _conflict_error(outcome: Outcome) -> EditConflict:
    who = outcome.updated_by.full_name if outcome.updated_by else _("quelqu'un")
    return EditConflict(
        _(
            "%(who)s a enregistré ce compte rendu pendant que vous le modifiiez. Rien n'a été "
            "écrasé : comparez sa version à la vôtre ci-dessous, puis enregistrez à nouveau."
        )
        % {"who": who},
        current=outcome,
    )


def outcome_save(
    *,
    session: Session,
    by: User,
    version: int,
    organisations=(),
    proposals: list[dict] = (),
    submit: bool = False,
    **fields,
) -> Outcome:
    """Record (create or update) the outcome of a workshop and its policy proposals.

    `version` is the outcome version the form was built from (0 for a new outcome): if someone
    saved in between, an EditConflict is raised and nothing is written.
    """
    with transaction.atomic():
        unknown = set(fields) - set(OUTCOME_FIELDS)
        if unknown:
            raise TypeError(f"Unknown outcome fields: {sorted(unknown)}")
        # One writer at a time per workshop (also covers two first saves racing to create it).
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("congress", "track", "session_type")
            .get(pk=session.pk)
        )
        outcome = Outcome.objects.filter(session=session).select_related("updated_by").first()
        if not can_edit_outcome(by, session, outcome):
            raise PermissionDenied(_("Vous ne pouvez pas modifier le compte rendu de cet atelier."))
        if not session.session_type.is_workshop:
            raise ValidationError(_("Seuls les ateliers ont un compte rendu."))
        current_version = outcome.version if outcome else 0
        if version != current_version:
            if outcome is None:
                raise ValidationError(_("Ce compte rendu n'existe pas encore : rechargez la page."))
            raise _conflict_error(outcome)
        created = outcome is None
        if created:
            outcome = Outcome(congress_id=session.congress_id, session=session)
        for name, value in fields.items():
            setattr(outcome, name, value)
        outcome.version = current_version + 1
        outcome.updated_by = by
        if submit:
            if not proposals:
                raise ValidationError(_("Ajoutez au moins une proposition avant de transmettre."))
            outcome.status = OutcomeStatus.SUBMITTED
            outcome.submitted_at = timezone.now()
        outcome.full_clean()
        outcome.save()
        outcome.organisations.set(organisations)
        _sync_proposals(outcome, list(proposals), by=by, submit=submit)
        action = RevisionAction.SUBMITTED if submit else (
            RevisionAction.CREATED if created else RevisionAction.UPDATED
        )  # fmt: skip
        revise(outcome, action=action, by=by)
        return outcome


def outcome_submit(*, session: Session, by: User, version: int) -> Outcome:
    """Transmit a saved draft to the organisers, as it is: the moderators can no longer edit it
    (organisers may reopen it). `version` is the one the confirmation page showed."""
    with transaction.atomic():
        session = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
        outcome = Outcome.objects.filter(session=session).select_related("updated_by").first()
        if not can_edit_outcome(by, session, outcome):
            raise PermissionDenied(_("Vous ne pouvez pas modifier le compte rendu de cet atelier."))
        if outcome is None:
            raise ValidationError(_("Enregistrez le compte rendu avant de le transmettre."))
        if outcome.status != OutcomeStatus.DRAFT:
            raise ValidationError(_("Ce compte rendu est déjà transmis."))
        if version != outcome.version:
            raise _conflict_error(outcome)
        proposals = list(outcome.policy_proposals.filter(status__in=EDITABLE_POLICY_STATUSES))
        if not proposals:
            raise ValidationError(_("Ajoutez au moins une proposition avant de transmettre."))
        outcome.status = OutcomeStatus.SUBMITTED
        outcome.submitted_at = timezone.now()
        outcome.version += 1
        outcome.updated_by = by
        outcome.save(
            update_fields=["status", "submitted_at", "version", "updated_by", "updated_at"]
        )
        for proposal in proposals:
            if proposal.status != PolicyStatus.SUBMITTED:
                proposal.status = PolicyStatus.SUBMITTED
                proposal.version += 1
                proposal.save(update_fields=["status", "version"])
                revise(proposal, action=RevisionAction.UPDATED, by=by)
        revise(outcome, action=RevisionAction.SUBMITTED, by=by)
        return outcome


def _lock_workshop(outcome: Outcome) -> None:
    """The workshop's row, the one lock of every writer of its outcome (save and submit take it
    first too): an organiser's reopen or restore locking only the outcome let a moderator's
    save, which had read the version before, write over it."""
    Session.objects.select_for_update(of=("self",)).only("pk").get(pk=outcome.session_id)


def outcome_reopen(*, outcome: Outcome, by: User) -> Outcome:
    with transaction.atomic():
        _lock_workshop(outcome)
        outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
        if not can_reopen_outcome(by, outcome):
            raise PermissionDenied(_("Seuls les organisateurs rouvrent un compte rendu."))
        if outcome.status != OutcomeStatus.SUBMITTED:
            raise ValidationError(_("Ce compte rendu n'est pas transmis."))
        outcome.status = OutcomeStatus.DRAFT
        outcome.version += 1
        outcome.updated_by = by
        outcome.save(update_fields=["status", "version", "updated_by", "updated_at"])
        revise(outcome, action=RevisionAction.REOPENED, by=by)
        return outcome


class OutcomeRestored(NamedTuple):
    """A restored outcome and the proposals of the chosen version it left as they are now
    (merged, split, set aside or validated since: restoring them would make duplicates)."""

    outcome: Outcome
    not_restored: list[PolicyProposal]


def outcome_restore(*, outcome: Outcome, revision: Revision, by: User) -> OutcomeRestored:
    """Bring an outcome (and its still editable proposals) back to a past revision.

    The restore is itself a new revision; nothing of the history is lost. A proposal that has
    been consolidated since (merged, split, set aside, validated) is never brought back nor
    duplicated, and the proposals born of a split are kept: they are listed in the result."""
    with transaction.atomic():
        _lock_workshop(outcome)
        outcome = (
            Outcome.objects.select_for_update(of=("self",))
            .select_related("session")
            .get(pk=outcome.pk)
        )
        if not can_read_history(by, outcome.congress):
            raise PermissionDenied(_("Seuls les organisateurs restaurent une version."))
        if revision.outcome_id != outcome.pk:
            raise ValidationError(_("Cette révision ne concerne pas ce compte rendu."))
        snap = revision.snapshot
        for name in OUTCOME_FIELDS:
            setattr(outcome, name, snap.get(name, getattr(outcome, name)))
        outcome.version += 1
        outcome.updated_by = by
        outcome.full_clean()
        outcome.save()
        outcome.organisations.set(snap.get("organisations", []))
        wanted = [
            p
            for p in snap.get("policy_proposals", [])
            if p.get("status") in EDITABLE_POLICY_STATUSES
        ]
        now = PolicyProposal.objects.select_for_update().in_bulk([p["id"] for p in wanted])
        consolidated = [
            now[p["id"]] for p in wanted
            if p["id"] in now and now[p["id"]].status not in EDITABLE_POLICY_STATUSES
        ]  # fmt: skip
        skipped = {p.pk for p in consolidated}
        proposals = [policy_data_from_snapshot(p) for p in wanted if p["id"] not in skipped]
        born_of_split = set(
            outcome.policy_proposals.filter(split_from__isnull=False).values_list("pk", flat=True)
        )
        _sync_proposals(outcome, proposals, by=by, submit=False, protected=born_of_split)
        note = _("Version du %(at)s") % {
            "at": timezone.localtime(revision.at).strftime("%d/%m/%Y %H:%M")
        }
        if consolidated:
            note += " – " + ngettext(
                "%(n)s proposition consolidée depuis n'est pas restaurée",
                "%(n)s propositions consolidées depuis ne sont pas restaurées",
                len(consolidated),
            ) % {"n": len(consolidated)}
        revise(outcome, action=RevisionAction.RESTORED, by=by, note=note)
        return OutcomeRestored(outcome, consolidated)
