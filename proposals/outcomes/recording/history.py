"""The history of outcomes and policy proposals: every change leaves a Revision with a JSON
snapshot of the new state (consolidation steps also go to the organisers' audit log), and the
helpers that apply a proposal's fields, used by recording and by consolidation alike."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from proposals.outcomes.recording.models import (
    Outcome,
    PolicyProposal,
    PolicyStatus,
    Revision,
    RevisionAction,
)
from tracks.models import Track

OUTCOME_FIELDS = (
    "attendee_count",
    "other_organisations",
    "summary",
    "findings",
    "successes",
    "difficulties",
)
POLICY_FIELDS = ("title", "statement", "rationale", "level", "rank")
POLICY_M2M = ("addressees", "related_tracks", "supporting_organisations")
EDITABLE_POLICY_STATUSES = (PolicyStatus.DRAFT, PolicyStatus.SUBMITTED)


class EditConflict(ValidationError):
    """Someone saved a newer version in the meantime; `current` is their version."""

    def __init__(self, message, *, current):
        super().__init__(message, code="conflict")
        self.current = current


# --- snapshots --------------------------------------------------------------------------------


def _ids(manager) -> list[int]:
    return sorted(obj.pk for obj in manager.all())


def policy_snapshot(proposal: PolicyProposal) -> dict:
    data = {name: getattr(proposal, name) for name in POLICY_FIELDS}
    data.update(
        id=proposal.pk,
        track=proposal.track_id,
        status=proposal.status,
        version=proposal.version,
        set_aside_reason=proposal.set_aside_reason,
        merged_into=proposal.merged_into_id,
        split_from=proposal.split_from_id,
        sources=_ids(proposal.sources),
        **{name: _ids(getattr(proposal, name)) for name in POLICY_M2M},
    )
    return data


def outcome_snapshot(outcome: Outcome) -> dict:
    data = {name: getattr(outcome, name) for name in OUTCOME_FIELDS}
    data.update(
        status=outcome.status,
        version=outcome.version,
        organisations=_ids(outcome.organisations),
        policy_proposals=[
            policy_snapshot(p) for p in outcome.policy_proposals.order_by("rank", "pk")
        ],
    )
    return data


# Consolidation steps that also go to the organisers' audit log.
AUDITED_ACTIONS = {
    RevisionAction.REOPENED, RevisionAction.VALIDATED, RevisionAction.SET_ASIDE,
    RevisionAction.MERGED, RevisionAction.SPLIT, RevisionAction.RESTORED,
}  # fmt: skip


def revise(subject, *, action: str, by, note: str = "") -> Revision:
    if isinstance(subject, Outcome):
        revision = Revision.objects.create(
            congress_id=subject.congress_id, outcome=subject, action=action, by=by,
            snapshot=outcome_snapshot(subject), note=note,
        )  # fmt: skip
    else:
        revision = Revision.objects.create(
            congress_id=subject.congress_id, policy_proposal=subject, action=action, by=by,
            snapshot=policy_snapshot(subject), note=note,
        )  # fmt: skip
    if action in AUDITED_ACTIONS:
        kind = "outcome" if isinstance(subject, Outcome) else "policy_proposal"
        audit_record(
            actor=by,
            action=f"{kind}.{action}",
            congress=subject.congress,
            target=subject,
            details={"note": note} if note else {},
        )
    return revision


# --- applying a proposal's fields -------------------------------------------------------------


def check_tracks(congress_id: int, track, related_tracks) -> None:
    for t in [track, *(related_tracks or [])]:
        if t is not None and t.congress_id != congress_id:
            raise ValidationError({"track": _("Ce thème n'appartient pas à cette édition.")})


def apply_policy(proposal: PolicyProposal, data: dict) -> None:
    for name in POLICY_FIELDS:
        if name in data:
            setattr(proposal, name, data[name])
    if data.get("track") is not None:
        proposal.track = data["track"]
    check_tracks(proposal.congress_id, proposal.track, data.get("related_tracks"))


def set_policy_m2m(proposal: PolicyProposal, data: dict) -> None:
    for name in POLICY_M2M:
        if name in data:
            values = list(data[name])
            if name == "related_tracks":
                values = [t for t in values if _pk(t) != proposal.track_id]
            getattr(proposal, name).set(values)


def _pk(value):
    return getattr(value, "pk", value)


def policy_data_from_snapshot(data: dict) -> dict:
    """A proposal snapshot turned back into service input (tracks as objects)."""
    out = {name: data[name] for name in POLICY_FIELDS if name in data}
    if data.get("id"):
        out["id"] = data["id"]
    if data.get("track"):
        out["track"] = Track.objects.get(pk=data["track"])
    for name in POLICY_M2M:
        out[name] = data.get(name, [])
    out["related_tracks"] = list(Track.objects.filter(pk__in=out["related_tracks"]))
    return out
