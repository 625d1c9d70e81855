"""Writes of the organisers on policy proposals: rework, validate, set aside, merge duplicates,
split, restore a past version. Every change leaves a Revision (see recording/history.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from congress.accounts.models import User
from congress.editions.models import Congress
from proposals.outcomes.endorsements.models import Endorsement
from proposals.outcomes.recording.history import (
    EDITABLE_POLICY_STATUSES,
    POLICY_FIELDS,
    POLICY_M2M,
    EditConflict,
    apply_policy,
    check_tracks,
    policy_data_from_snapshot,
    revise,
    set_policy_m2m,
)
from proposals.outcomes.recording.models import (
    PolicyProposal,
    PolicyStatus,
    Revision,
    RevisionAction,
)
from proposals.outcomes.recording.permissions import can_consolidate, can_read_history

SPLIT_REASON = gettext_noop(
    "Scindée en deux propositions (voir les propositions issues de la scission)."
)


def _consolidator_or_403(by, congress) -> None:
    if not can_consolidate(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs consolident les propositions."))


def _locked(proposal: PolicyProposal) -> PolicyProposal:
    return PolicyProposal.objects.select_for_update().get(pk=proposal.pk)


def policy_proposal_update(
    *, proposal: PolicyProposal, by: User, version: int, **data
) -> PolicyProposal:
    """Organisers rework the wording, level, addressees, tracks and supporters."""
    with transaction.atomic():
        proposal = _locked(proposal)
        _consolidator_or_403(by, proposal.congress)
        if proposal.status == PolicyStatus.MERGED:
            raise ValidationError(
                _("Une proposition fusionnée ne se modifie plus : modifiez le résultat.")
            )
        if proposal.version != version:
            raise EditConflict(
                _("Cette proposition a été modifiée entre-temps. Rechargez la page."),
                current=proposal,
            )
        unknown = set(data) - set(POLICY_FIELDS) - set(POLICY_M2M) - {"track"}
        if unknown:
            raise TypeError(f"Unknown policy proposal fields: {sorted(unknown)}")
        apply_policy(proposal, data)
        proposal.version += 1
        proposal.full_clean()
        proposal.save()
        set_policy_m2m(proposal, data)
        revise(proposal, action=RevisionAction.UPDATED, by=by)
        return proposal


def policy_proposal_validate(*, proposal: PolicyProposal, by: User) -> PolicyProposal:
    with transaction.atomic():
        proposal = _locked(proposal)
        _consolidator_or_403(by, proposal.congress)
        if proposal.status not in (*EDITABLE_POLICY_STATUSES, PolicyStatus.SET_ASIDE):
            raise ValidationError(_("Cette proposition ne peut pas être validée."))
        proposal.status = PolicyStatus.VALIDATED
        proposal.set_aside_reason = ""
        proposal.validated_at = timezone.now()
        proposal.version += 1
        proposal.save()
        revise(proposal, action=RevisionAction.VALIDATED, by=by)
        return proposal


def policy_proposal_set_aside(*, proposal: PolicyProposal, by: User, reason: str) -> PolicyProposal:
    with transaction.atomic():
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
        revise(proposal, action=RevisionAction.SET_ASIDE, by=by, note=reason.strip()[:255])
        return proposal


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
    with transaction.atomic():
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
        check_tracks(congress.pk, merged.track, [])
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
        revise(
            merged,
            action=RevisionAction.MERGED,
            by=by,
            note=ngettext(
                "Fusion de %(n)s proposition", "Fusion de %(n)s propositions", len(originals)
            )
            % {"n": len(originals)},
        )
        for original in originals:
            original.status = PolicyStatus.MERGED
            original.merged_into = merged
            original.version += 1
            original.save(update_fields=["status", "merged_into", "version", "updated_at"])
            revise(original, action=RevisionAction.MERGED, by=by, note=merged.title[:255])
        return merged


def policy_proposal_split(
    *, proposal: PolicyProposal, by: User, parts: list[dict]
) -> list[PolicyProposal]:
    """Split one proposal in two (or more): the new ones keep its sources, supporters,
    addressees and tracks; the original is set aside with the reason "split"."""
    with transaction.atomic():
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
            revise(child, action=RevisionAction.SPLIT, by=by, note=proposal.title[:255])
            created.append(child)
        proposal.status = PolicyStatus.SET_ASIDE
        proposal.set_aside_reason = _(SPLIT_REASON)
        proposal.version += 1
        proposal.save()
        revise(proposal, action=RevisionAction.SPLIT, by=by)
        return created


def policy_proposal_restore(
    *, proposal: PolicyProposal, revision: Revision, by: User
) -> PolicyProposal:
    """Restore the wording, level, tracks, addressees and supporters of a past revision (the
    status and the merge/split links are not rolled back). A new revision is recorded."""
    with transaction.atomic():
        proposal = _locked(proposal)
        if not can_read_history(by, proposal.congress):
            raise PermissionDenied(_("Seuls les organisateurs restaurent une version."))
        if revision.policy_proposal_id != proposal.pk:
            raise ValidationError(_("Cette révision ne concerne pas cette proposition."))
        data = policy_data_from_snapshot(revision.snapshot)
        data.pop("id", None)
        apply_policy(proposal, data)
        proposal.version += 1
        proposal.full_clean()
        proposal.save()
        set_policy_m2m(proposal, data)
        revise(
            proposal,
            action=RevisionAction.RESTORED,
            by=by,
            note=_("Version du %(at)s")
            % {"at": timezone.localtime(revision.at).strftime("%d/%m/%Y %H:%M")},
        )
        return proposal
