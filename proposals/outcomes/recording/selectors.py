"""Reads of the record: the moderator's workshops and their outcomes, revisions, and the
filters and search shared by the organisers' board and the public list of policy proposals."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from proposals.outcomes.recording.history import EDITABLE_POLICY_STATUSES
from proposals.outcomes.recording.models import Outcome, OutcomeStatus, PolicyProposal, Revision
from tracks.models import Session
from tracks.permissions import moderator_track_ids


def workshops_for_moderator(user, congress: Congress) -> QuerySet[Session]:
    """Workshops whose outcome the user records: those of their tracks and those they moderate
    (organisers: all the workshops of the edition)."""
    qs = Session.objects.filter(congress=congress, session_type__is_workshop=True)
    if not is_organiser(user, congress):
        qs = qs.filter(
            Q(track_id__in=moderator_track_ids(user))
            | Q(
                pk__in=Session.moderators.through.objects.filter(user_id=user.pk).values(
                    "session_id"
                )
            )
        )
    return (
        qs.select_related("track", "room", "outcome")
        .annotate(
            signup_count=Count("signups", distinct=True),
            proposal_count=Count("outcome__policy_proposals", distinct=True),
        )
        .order_by("track__order", "starts_at", "title")
    )


def outcome_for_session(session: Session) -> Outcome | None:
    return (
        Outcome.objects.filter(session=session)
        .select_related("updated_by")
        .prefetch_related("organisations")
        .first()
    )


def editable_proposals(outcome: Outcome) -> list[PolicyProposal]:
    """The outcome's proposals its moderators still edit, in the workshop's order."""
    return list(
        outcome.policy_proposals.filter(status__in=EDITABLE_POLICY_STATUSES)
        .prefetch_related("addressees")
        .order_by("rank", "pk")
    )


def outcome_steps(outcome: Outcome | None) -> dict:
    """The form's steps, each with its anchor and whether it is filled in (the progress shown
    above the form); the last one, transmission, is done once the outcome is submitted."""
    proposals = (
        outcome.policy_proposals.filter(status__in=EDITABLE_POLICY_STATUSES).exists()
        if outcome
        else False
    )
    done = [
        bool(outcome and (outcome.attendee_count or outcome.other_organisations)),
        bool(outcome and (outcome.summary or outcome.findings)),
        proposals,
        bool(outcome and outcome.status == OutcomeStatus.SUBMITTED),
    ]
    names = [
        _("Participants et organisations"),
        _("Les échanges"),
        _("Propositions aux décideurs"),
        _("Relecture et transmission"),
    ]
    items = [
        {"number": n, "anchor": f"step-{n}", "name": name, "done": is_done}
        for n, (name, is_done) in enumerate(zip(names, done, strict=True), start=1)
    ]
    return {"items": items, "done": sum(done)}


def submission_warnings(outcome: Outcome, proposals: list[PolicyProposal]) -> list[str]:
    """What a moderator may want to complete before transmitting (nothing here prevents it)."""
    warnings = []
    if not outcome.summary.strip():
        warnings.append(_("La synthèse des échanges est vide."))
    if not outcome.attendee_count:
        warnings.append(_("Le nombre de participants est à zéro."))
    without = [p for p in proposals if not p.addressees.all()]
    if without:
        warnings.append(
            ngettext(
                "%(n)s proposition n'a pas de destinataire.",
                "%(n)s propositions n'ont pas de destinataire.",
                len(without),
            )
            % {"n": len(without)}
        )
    return warnings


def _involves(track_slug: str) -> Q:
    through = PolicyProposal.related_tracks.through
    return Q(track__slug=track_slug) | Q(
        Exists(through.objects.filter(policyproposal=OuterRef("pk"), track__slug=track_slug))
    )


def with_lists(qs: QuerySet[PolicyProposal], *, sources: bool = True) -> QuerySet[PolicyProposal]:
    qs = qs.select_related("track", "merged_into").prefetch_related("related_tracks", "addressees")
    if sources:
        qs = qs.prefetch_related(
            Prefetch("sources", queryset=Session.objects.only("pk", "title", "track_id"))
        )
    return qs


def filter_policy_proposals(
    qs: QuerySet[PolicyProposal],
    *,
    track: str = "",
    related_track: str = "",
    involves: list[str] = (),
    level: str = "",
    addressee: str = "",
    status: str = "",
    workshop: int | None = None,
    followup_status: str = "",
    q: str = "",
) -> QuerySet[PolicyProposal]:
    if track:
        qs = qs.filter(track__slug=track)
    if related_track:
        through = PolicyProposal.related_tracks.through
        qs = qs.filter(
            Exists(through.objects.filter(policyproposal=OuterRef("pk"), track__slug=related_track))
        )
    for slug in involves:
        qs = qs.filter(_involves(slug))
    if level:
        qs = qs.filter(level=level)
    if addressee:
        through = PolicyProposal.addressees.through
        qs = qs.filter(
            Exists(through.objects.filter(policyproposal=OuterRef("pk"), addressee__slug=addressee))
        )
    if status:
        qs = qs.filter(status=status)
    if workshop:
        through = PolicyProposal.sources.through
        qs = qs.filter(
            Exists(through.objects.filter(policyproposal=OuterRef("pk"), session_id=workshop))
        )
    if followup_status:
        qs = qs.filter(followup_status=followup_status)
    if q:
        qs = search(qs, q)
    return qs


def search(qs: QuerySet[PolicyProposal], text: str) -> QuerySet[PolicyProposal]:
    """Full-text search on PostgreSQL (French configuration), icontains elsewhere."""
    if connection.vendor == "postgresql":
        vector = SearchVector("title", "statement", "rationale", config="french")
        return qs.annotate(search_vector=vector).filter(
            Q(search_vector=SearchQuery(text, config="french"))
            | Q(title__icontains=text)
            | Q(statement__icontains=text)
        )
    return qs.search(text)


def revisions_of(subject) -> QuerySet[Revision]:
    return subject.revisions.select_related("by").order_by("-at", "-pk")
