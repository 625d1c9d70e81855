"""Demo data of outcomes and policy proposals, seeded right after proposals/demo.py (the
``outcomes`` domain of ProposalsConfig.domains).

The 24 demo workshops get a submitted outcome; their 60 policy proposals (15 per track) go
through the real services: recorded by the track moderators, consolidated by the organiser
(3 merges of duplicates from different workshops, a few set aside, most validated), endorsed
by demo people, and followed up after the congress (Assemblée nationale commission, Sénat, one
proposal taken up). With --scale N, (N - 1) * 72 more proposals are bulk-created on the
generated workshops (about 1 000 at --scale 14)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F, Q
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.core.seeding import moment, spread
from congress.organisations.models import Organisation
from proposals.demo_data import WORKSHOPS
from proposals.outcomes.consolidation import services as consolidation
from proposals.outcomes.demo_data import (
    ADDRESSEE_CODES,
    FOLLOWUPS,
    MERGES,
    OUTCOME_TEXT,
    PROPOSALS,
)
from proposals.outcomes.endorsements.models import Endorsement, EndorsementPeriod
from proposals.outcomes.followup import services as followup
from proposals.outcomes.followup.models import FollowUp
from proposals.outcomes.recording import services as recording
from proposals.outcomes.recording.models import (
    Addressee,
    Level,
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
    Revision,
    RevisionAction,
    ensure_addressees,
)
from tracks.models import Session, Track, TrackRole, TrackRoleKind

TZ = ZoneInfo("Europe/Paris")


def _addressees(codes: str, by_slug: dict) -> list:
    return [by_slug[ADDRESSEE_CODES[c]] for c in codes.split()]


def _tracks(slugs: str, by_slug: dict) -> list:
    return [by_slug[s] for s in slugs.split()]


def _moderators(congress) -> dict:
    return {
        role.track_id: role.user
        for role in TrackRole.objects.filter(
            track__congress=congress, role=TrackRoleKind.MODERATOR
        ).select_related("user")
    }


def seed_outcomes(ctx) -> None:
    congress = ctx.congress
    organiser = ctx.accounts["organiser"]
    tracks = {t.slug: t for t in Track.objects.filter(congress=congress)}
    addressees = {a.slug: a for a in Addressee.objects.all()}
    moderators = _moderators(congress)
    sessions = {
        s.title: s
        for s in Session.objects.filter(congress=congress, session_type__is_workshop=True)
        .select_related("track")
        .prefetch_related("organisations")
    }
    base_orgs = list(Organisation.objects.filter(slug__startswith="demo-").order_by("slug"))
    existing = set(PolicyProposal.objects.filter(congress=congress).values_list("title", flat=True))
    for track_slug, entries in PROPOSALS.items():
        track = tracks.get(track_slug)
        if track is None:
            continue
        by = moderators.get(track.pk, organiser)
        for index, (title, _fmt, summary) in enumerate(WORKSHOPS[track_slug]):
            session = sessions.get(title)
            if session is None or Outcome.objects.filter(session=session).exists():
                continue
            mine = [e for e in entries if e[0] == index and e[1] not in existing]
            present = list(session.organisations.all()) + [
                base_orgs[(index * 3 + k) % len(base_orgs)] for k in range(2)
            ]
            proposals = [
                {
                    "title": t, "statement": statement, "level": level,
                    "rationale": f"Constat de l'atelier « {session.title} » : {summary}.",
                    "addressees": _addressees(codes, addressees),
                    "related_tracks": _tracks(related, tracks),
                    "supporting_organisations": present[: 1 + n % 3],
                }
                for n, (_i, t, statement, level, codes, related, _state) in enumerate(mine)
            ]  # fmt: skip
            # One outcome left in draft, for the demo moderator to complete and submit.
            draft = (track_slug, index) == ("handicap-inclusion", 4)
            signups = session.signups.count()
            recording.outcome_save(
                session=session,
                by=by,
                version=0,
                organisations=present,
                proposals=proposals,
                submit=bool(proposals) and not draft,
                attendee_count=signups or session.capacity // 2,
                other_organisations="Mission locale du Mans\nFrance Travail Sarthe"
                if index % 2
                else "",
                summary=OUTCOME_TEXT["summary"].format(summary=summary),
                findings=OUTCOME_TEXT["findings"],
                successes=OUTCOME_TEXT["successes"],
                difficulties=OUTCOME_TEXT["difficulties"],
            )
    # Consolidation by the organiser: states, then merges.
    by_title = {p.title: p for p in PolicyProposal.objects.filter(congress=congress)}
    to_merge: dict[str, list] = {}
    for entries in PROPOSALS.values():
        for entry in entries:
            proposal = by_title.get(entry[1])
            state = entry[6]
            if proposal is None or proposal.status != PolicyStatus.SUBMITTED:
                continue
            if state == "v":
                consolidation.policy_proposal_validate(proposal=proposal, by=organiser)
            elif state.startswith("x:"):
                consolidation.policy_proposal_set_aside(
                    proposal=proposal, by=organiser, reason=state[2:]
                )
            elif state.startswith("m:"):
                to_merge.setdefault(state[2:], []).append(proposal)
    for key, originals in to_merge.items():
        track_slug, title, statement, _level, _codes, _related = MERGES[key]
        if title in by_title or len(originals) < 2:
            continue
        merged = consolidation.policy_proposals_merge(
            congress=congress, proposals=originals, by=organiser, title=title,
            statement=statement, track=tracks[track_slug],
        )  # fmt: skip
        consolidation.policy_proposal_validate(proposal=merged, by=organiser)


def seed_generated(ctx) -> None:
    """(scale - 1) * 72 more proposals on the generated workshops, in bulk."""
    extra = max(0, ctx.scale - 1) * 72
    if not extra:
        return
    congress = ctx.congress
    workshops = list(
        Session.objects.filter(
            congress=congress,
            session_type__is_workshop=True,
            title__startswith="Atelier d'échange n°",
        ).order_by("pk")
    ) or list(Session.objects.filter(congress=congress, session_type__is_workshop=True))
    if not workshops:
        return
    Outcome.objects.bulk_create(
        [
            Outcome(
                congress=congress, session=s, attendee_count=20, status=OutcomeStatus.SUBMITTED,
                summary=OUTCOME_TEXT["summary"].format(summary="une action solidaire de proximité"),
                findings=OUTCOME_TEXT["findings"], submitted_at=s.ends_at,
            )
            for s in workshops
        ],
        ignore_conflicts=True,
    )  # fmt: skip
    outcomes = dict(Outcome.objects.filter(session__in=workshops).values_list("session_id", "pk"))
    prefix = "Proposition d'atelier n°"
    done = set(
        PolicyProposal.objects.filter(congress=congress, title__startswith=prefix).values_list(
            "title", flat=True
        )
    )
    levels = [c for c, _label in Level.choices]
    new = []
    for i in range(extra):
        title = f"{prefix} {i + 1}"
        if title in done:
            continue
        session = workshops[i % len(workshops)]
        new.append(
            PolicyProposal(
                congress=congress, outcome_id=outcomes.get(session.pk), title=title,
                statement="Pérenniser par une convention pluriannuelle le financement des actions "
                "solidaires de proximité qui ont fait leurs preuves.",
                rationale="Constat partagé par les participants de l'atelier.",
                level=levels[i % len(levels)], track_id=session.track_id or ctx.tracks[0].pk,
                rank=1 + i // len(workshops),
                status=PolicyStatus.VALIDATED if i % 5 else PolicyStatus.SUBMITTED,
                validated_at=timezone.now() if i % 5 else None,
            )
        )  # fmt: skip
    created = PolicyProposal.objects.bulk_create(new, batch_size=1000)
    if not created:
        return
    created = list(
        PolicyProposal.objects.filter(congress=congress, title__in=[p.title for p in new])
    )
    addressees = list(Addressee.objects.all())
    track_ids = [t.pk for t in ctx.tracks]
    session_by_outcome = {v: k for k, v in outcomes.items()}
    Sources = PolicyProposal.sources.through
    Addressees = PolicyProposal.addressees.through
    Related = PolicyProposal.related_tracks.through
    Sources.objects.bulk_create(
        [Sources(policyproposal_id=p.pk, session_id=session_by_outcome[p.outcome_id])
         for p in created if p.outcome_id in session_by_outcome],
        batch_size=2000, ignore_conflicts=True,
    )  # fmt: skip
    Addressees.objects.bulk_create(
        [Addressees(policyproposal_id=p.pk, addressee_id=addressees[(p.pk + k) % len(addressees)].pk)
         for p in created for k in range(2)],
        batch_size=2000, ignore_conflicts=True,
    )  # fmt: skip
    Related.objects.bulk_create(
        [Related(policyproposal_id=p.pk, track_id=track_ids[(track_ids.index(p.track_id) + 1) % 4])
         for p in created if p.pk % 3 == 0 and p.track_id in track_ids and len(track_ids) == 4],
        batch_size=2000, ignore_conflicts=True,
    )  # fmt: skip
    Revision.objects.bulk_create(
        [Revision(congress=congress, policy_proposal=p, action=RevisionAction.CREATED,
                  snapshot={"title": p.title, "statement": p.statement, "status": p.status,
                            "version": p.version})
         for p in created],
        batch_size=2000,
    )  # fmt: skip


def seed_endorsements(ctx) -> None:
    congress = ctx.congress
    start = datetime.combine(congress.end_date, time(18, 0), tzinfo=TZ)
    EndorsementPeriod.objects.get_or_create(
        congress=congress,
        defaults={
            "starts_at": start,
            # Two months after the congress, as organisers set it in 2024.
            "ends_at": start + timedelta(days=60),
        },
    )
    if Endorsement.objects.filter(proposal__congress=congress).exists():
        return
    validated = list(
        PolicyProposal.objects.filter(congress=congress, status=PolicyStatus.VALIDATED).order_by(
            "pk"
        )
    )
    if not validated:
        return
    rng = ctx.rng
    people = list(ctx.people[:200]) + [ctx.accounts["participant"], ctx.accounts["asso_manager"]]
    rows = []
    for n, proposal in enumerate(validated):
        popularity = 0.05 + (0.5 if n % 7 == 0 else 0.2 if n % 3 == 0 else 0.05)
        for person in people:
            if rng.random() < popularity:
                rows.append(Endorsement(proposal=proposal, user=person))
    Endorsement.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def seed_followups(ctx) -> None:
    congress = ctx.congress
    if FollowUp.objects.filter(proposal__congress=congress).exists():
        return
    organiser = ctx.accounts["organiser"]
    addressees = {a.slug: a for a in Addressee.objects.all()}
    after = congress.end_date
    titles = [m[1] for m in MERGES.values()] + [
        "Pérenniser l'aide à la vie partagée dans l'habitat inclusif",
        "Étendre les Territoires zéro chômeur de longue durée",
        "Doubler les places du Corps européen de solidarité",
        "Ouvrir une épicerie solidaire sur chaque campus",
    ]
    proposals = {
        p.title: p
        for p in PolicyProposal.objects.filter(
            congress=congress, status=PolicyStatus.VALIDATED, title__in=titles
        )
    }
    for n, title in enumerate(titles):
        proposal = proposals.get(title)
        if proposal is None:
            continue
        steps = FOLLOWUPS[:2] if n % 2 == 0 else FOLLOWUPS[2:]
        if title == "Doubler les places du Corps européen de solidarité":
            steps = [
                ("sent", "Commission de la culture et de l'éducation du Parlement européen", "pe",
                 "Transmise aux députés européens de la circonscription et à la commission.", 35),
            ]  # fmt: skip
        for status, institution, code, summary, days in steps:
            followup.followup_record(
                proposal=proposal, by=organiser, status=status,
                date=after + timedelta(days=days), institution=institution,
                addressee=addressees[ADDRESSEE_CODES[code]], summary=summary,
            )  # fmt: skip
    taken_up = proposals.get(MERGES["benevolat"][1])
    if taken_up is not None:
        followup.followup_record(
            proposal=taken_up, by=organiser, status="taken_up", date=after + timedelta(days=120),
            institution="Ministère du Travail, de la Santé et des Solidarités",
            addressee=addressees["gouvernement"],
            summary="Reprise dans l'instruction aux préfets sur les parcours d'insertion : les "
            "missions bénévoles comptent désormais dans les heures d'activité.",
        )  # fmt: skip


def date_outcomes(congress) -> None:
    """Outcomes and policy proposals written during the congress, consolidated (validated,
    merged, set aside) in the three weeks after, endorsed during the endorsement period,
    followed up on the dates of their follow-up (services stamped the day the seed ran)."""
    during = (moment(congress.start_date, 11), moment(congress.end_date, 17))
    after = (moment(congress.end_date + timedelta(days=5)),
             moment(congress.end_date + timedelta(days=20)))  # fmt: skip
    outcomes = Outcome.objects.filter(congress=congress)
    spread(outcomes, ["created_at", "updated_at"], *during)
    outcomes.exclude(submitted_at=None).update(submitted_at=F("updated_at"))
    policies = PolicyProposal.objects.filter(congress=congress)
    spread(policies, ["created_at"], *during)
    spread(policies, ["updated_at"], *after)
    policies.exclude(validated_at=None).update(validated_at=F("updated_at"))
    revisions = Revision.objects.filter(congress=congress)
    written = Q(action=RevisionAction.CREATED) | Q(policy_proposal=None)  # and the outcomes'
    spread(revisions.filter(written), ["at"], *during)
    spread(revisions.exclude(written), ["at"], *after)
    spread(AuditEntry.objects.filter(congress=congress, action__startswith="policy_proposal."),
           ["at"], *after)  # fmt: skip
    period = EndorsementPeriod.objects.filter(congress=congress).first()
    if period is not None:
        spread(Endorsement.objects.filter(proposal__congress=congress), ["created_at"],
               period.starts_at, period.ends_at)  # fmt: skip
    followups = list(FollowUp.objects.filter(proposal__congress=congress).only("pk", "date"))
    for item in followups:
        item.created_at = moment(item.date, 14)
    FollowUp.objects.bulk_update(followups, ["created_at"], batch_size=1000)


def seed(ctx) -> None:
    ensure_addressees()  # the migration creates them, but a flushed database has none
    if not getattr(ctx, "tracks", None):
        ctx.tracks = list(Track.objects.filter(congress=ctx.congress).order_by("order"))
    seed_outcomes(ctx)
    seed_generated(ctx)
    seed_endorsements(ctx)
    seed_followups(ctx)
    date_outcomes(ctx.congress)
    qs = PolicyProposal.objects.filter(congress=ctx.congress)
    ctx.log.append(
        f"Outcomes: {Outcome.objects.filter(congress=ctx.congress).count()} outcomes, "
        f"{qs.count()} policy proposals ({qs.filter(status=PolicyStatus.VALIDATED).count()} "
        f"validated), {Endorsement.objects.filter(proposal__congress=ctx.congress).count()} "
        "endorsements."
    )
