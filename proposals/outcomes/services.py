"""Writes of outcomes and policy proposals: record, submit, reopen, consolidate (edit, merge,
split, validate, set aside), restore from history, endorse, follow up.

Every change leaves a Revision with a JSON snapshot of the new state."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from congress.accounts.models import User
from congress.audit.services import audit_record
from congress.editions.models import Congress
from proposals.outcomes.models import (
    Endorsement,
    EndorsementPeriod,
    FollowUp,
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
    Revision,
    RevisionAction,
)
from proposals.outcomes.permissions import (
    can_consolidate,
    can_edit_outcome,
    can_endorse,
    can_read_history,
    can_record_followup,
    can_reopen_outcome,
    endorsement_period_open,
)
from tracks.models import Session

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
SPLIT_REASON = gettext_noop(
    "Scindée en deux propositions (voir les propositions issues de la scission)."
)


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


def _revise(subject, *, action: str, by, note: str = "") -> Revision:
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


# --- outcomes ---------------------------------------------------------------------------------


def _check_tracks(congress_id: int, track, related_tracks) -> None:
    for t in [track, *(related_tracks or [])]:
        if t is not None and t.congress_id != congress_id:
            raise ValidationError({"track": _("Ce thème n'appartient pas à cette édition.")})


def _apply_policy(proposal: PolicyProposal, data: dict) -> None:
    for name in POLICY_FIELDS:
        if name in data:
            setattr(proposal, name, data[name])
    if data.get("track") is not None:
        proposal.track = data["track"]
    _check_tracks(proposal.congress_id, proposal.track, data.get("related_tracks"))


def _set_policy_m2m(proposal: PolicyProposal, data: dict) -> None:
    for name in POLICY_M2M:
        if name in data:
            values = list(data[name])
            if name == "related_tracks":
                values = [t for t in values if _pk(t) != proposal.track_id]
            getattr(proposal, name).set(values)


def _pk(value):
    return getattr(value, "pk", value)


def _sync_proposals(outcome: Outcome, proposals: list[dict], *, by, submit: bool) -> None:
    """Create, update and delete the editable proposals of an outcome to match `proposals`."""
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
        _apply_policy(proposal, data)
        if submit:
            proposal.status = PolicyStatus.SUBMITTED
        proposal.full_clean()
        proposal.save()
        if created:
            proposal.sources.add(session)
        _set_policy_m2m(proposal, data)
        kept.add(proposal.pk)
        if created or before != policy_snapshot(proposal):
            if not created:
                proposal.version += 1
                proposal.save(update_fields=["version"])
            action = RevisionAction.CREATED if created else RevisionAction.UPDATED
            _revise(proposal, action=action, by=by)
    for pk, proposal in existing.items():
        if pk not in kept:
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


@transaction.atomic
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
    _revise(outcome, action=action, by=by)
    return outcome


@transaction.atomic
def outcome_reopen(*, outcome: Outcome, by: User) -> Outcome:
    outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
    if not can_reopen_outcome(by, outcome):
        raise PermissionDenied(_("Seuls les organisateurs rouvrent un compte rendu."))
    if outcome.status != OutcomeStatus.SUBMITTED:
        raise ValidationError(_("Ce compte rendu n'est pas transmis."))
    outcome.status = OutcomeStatus.DRAFT
    outcome.version += 1
    outcome.updated_by = by
    outcome.save(update_fields=["status", "version", "updated_by", "updated_at"])
    _revise(outcome, action=RevisionAction.REOPENED, by=by)
    return outcome


def _snapshot_policy_data(data: dict) -> dict:
    from tracks.models import Track

    out = {name: data[name] for name in POLICY_FIELDS if name in data}
    if data.get("id"):
        out["id"] = data["id"]
    if data.get("track"):
        out["track"] = Track.objects.get(pk=data["track"])
    for name in POLICY_M2M:
        out[name] = data.get(name, [])
    out["related_tracks"] = list(Track.objects.filter(pk__in=out["related_tracks"]))
    return out


@transaction.atomic
def outcome_restore(*, outcome: Outcome, revision: Revision, by: User) -> Outcome:
    """Bring an outcome (and its still editable proposals) back to a past revision.

    The restore is itself a new revision; nothing of the history is lost."""
    outcome = (
        Outcome.objects.select_for_update(of=("self",)).select_related("session").get(pk=outcome.pk)
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
    proposals = [
        _snapshot_policy_data(p)
        for p in snap.get("policy_proposals", [])
        if p.get("status") in EDITABLE_POLICY_STATUSES
    ]
    _sync_proposals(outcome, proposals, by=by, submit=False)
    _revise(
        outcome,
        action=RevisionAction.RESTORED,
        by=by,
        note=_("Version du %(at)s")
        % {"at": timezone.localtime(revision.at).strftime("%d/%m/%Y %H:%M")},
    )
    return outcome


# --- consolidation by organisers --------------------------------------------------------------


def _consolidator_or_403(by, congress) -> None:
    if not can_consolidate(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs consolident les propositions."))


def _locked(proposal: PolicyProposal) -> PolicyProposal:
    return PolicyProposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def policy_proposal_update(
    *, proposal: PolicyProposal, by: User, version: int, **data
) -> PolicyProposal:
    """Organisers rework the wording, level, addressees, tracks and supporters."""
    proposal = _locked(proposal)
    _consolidator_or_403(by, proposal.congress)
    if proposal.status == PolicyStatus.MERGED:
        raise ValidationError(
            _("Une proposition fusionnée ne se modifie plus : modifiez le résultat.")
        )
    if proposal.version != version:
        raise EditConflict(
            _("Cette proposition a été modifiée entre-temps. Rechargez la page."), current=proposal
        )
    unknown = set(data) - set(POLICY_FIELDS) - set(POLICY_M2M) - {"track"}
    if unknown:
        raise TypeError(f"Unknown policy proposal fields: {sorted(unknown)}")
    _apply_policy(proposal, data)
    proposal.version += 1
    proposal.full_clean()
    proposal.save()
    _set_policy_m2m(proposal, data)
    _revise(proposal, action=RevisionAction.UPDATED, by=by)
    return proposal


@transaction.atomic
def policy_proposal_validate(*, proposal: PolicyProposal, by: User) -> PolicyProposal:
    proposal = _locked(proposal)
    _consolidator_or_403(by, proposal.congress)
    if proposal.status not in (*EDITABLE_POLICY_STATUSES, PolicyStatus.SET_ASIDE):
        raise ValidationError(_("Cette proposition ne peut pas être validée."))
    proposal.status = PolicyStatus.VALIDATED
    proposal.set_aside_reason = ""
    proposal.validated_at = timezone.now()
    proposal.version += 1
    proposal.save()
    _revise(proposal, action=RevisionAction.VALIDATED, by=by)
    return proposal


@transaction.atomic
def policy_proposal_set_aside(*, proposal: PolicyProposal, by: User, reason: str) -> PolicyProposal:
    proposal = _locked(proposal)
    _consolidator_or_403(by, proposal.congress)
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif.")})
    if proposal.status == PolicyStatus.MERGED:
        raise ValidationError(_("Une proposition fusionnée ne peut pas être écartée."))
    proposal.status = PolicyStatus.SET_ASIDE
    proposal.set_aside_reason = reason.strip()
    proposal.version += 1
    proposal.save()
    _revise(proposal, action=RevisionAction.SET_ASIDE, by=by, note=reason.strip()[:255])
    return proposal


@transaction.atomic
def policy_proposals_merge(
    *,
    congress: Congress,
    proposals: list[PolicyProposal],
    by: User,
    title: str,
    statement: str,
    rationale: str = "",
    track=None,
) -> PolicyProposal:
    """Merge duplicates (typically from several workshops) into one new proposal that keeps all
    sources, supporters, addressees and tracks; the originals stay readable, status "merged"."""
    _consolidator_or_403(by, congress)
    ids = sorted({p.pk for p in proposals})
    originals = list(
        PolicyProposal.objects.select_for_update()
        .filter(congress=congress, pk__in=ids)
        .order_by("pk")
    )
    if len(ids) < 2 or len(originals) != len(ids):
        raise ValidationError(_("Choisissez au moins deux propositions de cette édition."))
    if any(p.status in (PolicyStatus.MERGED, PolicyStatus.SET_ASIDE) for p in originals):
        raise ValidationError(
            _("Une proposition déjà fusionnée ou écartée ne peut être fusionnée.")
        )
    first = originals[0]
    merged = PolicyProposal(
        congress=congress,
        title=title,
        statement=statement,
        rationale=rationale
        or "\n\n".join(dict.fromkeys(p.rationale for p in originals if p.rationale)),
        level=first.level,
        track=track or first.track,
        rank=min(p.rank for p in originals),
        status=PolicyStatus.SUBMITTED,
    )
    _check_tracks(congress.pk, merged.track, [])
    merged.full_clean()
    merged.save()
    values = {}
    for name, column in (
        ("sources", "session_id"),
        ("addressees", "addressee_id"),
        ("supporting_organisations", "organisation_id"),
        ("related_tracks", "track_id"),
    ):
        through = getattr(PolicyProposal, name).through
        values[name] = set(
            through.objects.filter(policyproposal__in=originals).values_list(column, flat=True)
        )
    values["related_tracks"] |= {p.track_id for p in originals}
    values["related_tracks"].discard(merged.track_id)
    for name, ids in values.items():
        getattr(merged, name).set(ids)
    # Supporters of the originals support the result (once each).
    users = set(
        Endorsement.objects.filter(proposal__in=originals).values_list("user_id", flat=True)
    )
    Endorsement.objects.bulk_create(
        [Endorsement(proposal=merged, user_id=u) for u in users], ignore_conflicts=True
    )
    _revise(
        merged,
        action=RevisionAction.MERGED,
        by=by,
        note=_("Fusion de %(n)s propositions") % {"n": len(originals)},
    )
    for original in originals:
        original.status = PolicyStatus.MERGED
        original.merged_into = merged
        original.version += 1
        original.save(update_fields=["status", "merged_into", "version", "updated_at"])
        _revise(original, action=RevisionAction.MERGED, by=by, note=merged.title[:255])
    return merged


@transaction.atomic
def policy_proposal_split(
    *, proposal: PolicyProposal, by: User, parts: list[dict]
) -> list[PolicyProposal]:
    """Split one proposal in two (or more): the new ones keep its sources, supporters,
    addressees and tracks; the original is set aside with the reason "split"."""
    proposal = _locked(proposal)
    _consolidator_or_403(by, proposal.congress)
    if proposal.status in (PolicyStatus.MERGED, PolicyStatus.SET_ASIDE):
        raise ValidationError(_("Cette proposition ne peut plus être scindée."))
    if len(parts) < 2:
        raise ValidationError(_("Une scission donne au moins deux propositions."))
    sources = list(proposal.sources.all())
    m2m = {name: list(getattr(proposal, name).all()) for name in POLICY_M2M}
    created = []
    for n, part in enumerate(parts):
        child = PolicyProposal(
            congress_id=proposal.congress_id,
            outcome_id=proposal.outcome_id,
            title=part["title"],
            statement=part["statement"],
            rationale=part.get("rationale") or proposal.rationale,
            level=proposal.level,
            track_id=proposal.track_id,
            rank=proposal.rank + n,
            status=PolicyStatus.SUBMITTED,
            split_from=proposal,
        )
        child.full_clean()
        child.save()
        child.sources.set(sources)
        for name, values in m2m.items():
            getattr(child, name).set(values)
        _revise(child, action=RevisionAction.SPLIT, by=by, note=proposal.title[:255])
        created.append(child)
    proposal.status = PolicyStatus.SET_ASIDE
    proposal.set_aside_reason = _(SPLIT_REASON)
    proposal.version += 1
    proposal.save()
    _revise(proposal, action=RevisionAction.SPLIT, by=by)
    return created


@transaction.atomic
def policy_proposal_restore(
    *, proposal: PolicyProposal, revision: Revision, by: User
) -> PolicyProposal:
    """Restore the wording, level, tracks, addressees and supporters of a past revision (the
    status and the merge/split links are not rolled back). A new revision is recorded."""
    proposal = _locked(proposal)
    if not can_read_history(by, proposal.congress):
        raise PermissionDenied(_("Seuls les organisateurs restaurent une version."))
    if revision.policy_proposal_id != proposal.pk:
        raise ValidationError(_("Cette révision ne concerne pas cette proposition."))
    data = _snapshot_policy_data(revision.snapshot)
    data.pop("id", None)
    _apply_policy(proposal, data)
    proposal.version += 1
    proposal.full_clean()
    proposal.save()
    _set_policy_m2m(proposal, data)
    _revise(
        proposal,
        action=RevisionAction.RESTORED,
        by=by,
        note=_("Version du %(at)s")
        % {"at": timezone.localtime(revision.at).strftime("%d/%m/%Y %H:%M")},
    )
    return proposal


# --- endorsements -----------------------------------------------------------------------------


@transaction.atomic
def endorsement_period_save(
    *, congress: Congress, by: User, starts_at, ends_at
) -> EndorsementPeriod:
    if not can_consolidate(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs fixent la période de soutien."))
    period = EndorsementPeriod.objects.filter(congress=congress).first() or EndorsementPeriod(
        congress=congress
    )
    period.starts_at = starts_at
    period.ends_at = ends_at
    period.full_clean()
    period.save()
    return period


def endorsement_create(*, proposal: PolicyProposal, user: User) -> Endorsement:
    """Support a validated proposal; once per person (a double click changes nothing)."""
    if not can_endorse(user, proposal):
        if proposal.status == PolicyStatus.VALIDATED and not endorsement_period_open(
            proposal.congress
        ):
            raise ValidationError(_("La période de soutien n'est pas ouverte."), code="closed")
        raise PermissionDenied(_("Seuls les participants inscrits soutiennent une proposition."))
    try:
        with transaction.atomic():
            return Endorsement.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        return Endorsement.objects.get(proposal=proposal, user=user)


@transaction.atomic
def endorsement_withdraw(*, proposal: PolicyProposal, user: User) -> int:
    if not endorsement_period_open(proposal.congress):
        raise ValidationError(_("La période de soutien n'est pas ouverte."), code="closed")
    deleted, _detail = Endorsement.objects.filter(proposal=proposal, user=user).delete()
    return deleted


# --- follow-up --------------------------------------------------------------------------------


@transaction.atomic
def followup_record(
    *,
    proposal: PolicyProposal,
    by: User,
    status: str,
    date,
    institution: str,
    addressee=None,
    summary: str = "",
    document=None,
) -> FollowUp:
    proposal = _locked(proposal)
    if not can_record_followup(by, proposal):
        raise PermissionDenied(
            _("Seuls les organisateurs enregistrent les suites d'une proposition validée.")
        )
    followup = FollowUp(
        proposal=proposal, status=status, date=date, institution=institution,
        addressee=addressee, summary=summary, recorded_by=by,
    )  # fmt: skip
    if document is not None:
        followup.document = document
    followup.full_clean()
    followup.save()
    latest = proposal.followups.order_by("-date", "-pk").first()
    proposal.followup_status = latest.status
    proposal.save(update_fields=["followup_status", "updated_at"])
    return followup
