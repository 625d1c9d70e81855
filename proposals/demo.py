"""Demo data of the proposals app: the (closed) call of 2024, workshop proposals in every
state, reviews, decisions, and the 24 workshops they became, with moderators and sign-ups.

Scales with ctx.scale: (scale - 1) * 70 more proposals, a fifth of them scheduled as workshops
in generated rooms (about 1 000 proposals and 200 workshops at --scale 14).
"""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from congress.accounts.demo import DEMO_DOMAIN, demo_user
from congress.editions.models import Room
from proposals.demo_data import (
    CRITERIA,
    FIRST,
    FUNCTIONS,
    LAST,
    OTHER_PROPOSALS,
    SLOTS,
    WORKSHOP_ROOMS,
    WORKSHOPS,
    texts,
)
from proposals.demo_timeline import date_programme, seed_upcoming_call, seed_upcoming_proposals
from proposals.models import (
    CallForProposals,
    CallTrack,
    ProposalFormat,
    ProposalState,
    ProposalStateChange,
    Review,
    ReviewCriterion,
    ReviewScore,
    Speaker,
    WorkshopProposal,
)
from proposals.services import proposal_schedule
from tracks.feedback.demo import seed_answers
from tracks.models import Session, SessionType, Track, TrackRole, TrackRoleKind, WorkshopSignup

TZ = ZoneInfo("Europe/Paris")


def dt(congress, day: int, hhmm: str) -> datetime:
    return datetime.combine(
        congress.start_date.replace(day=day), time.fromisoformat(hhmm), tzinfo=TZ
    )


def seed_call(ctx) -> CallForProposals:
    congress = ctx.congress
    call, _ = CallForProposals.objects.get_or_create(
        congress=congress,
        defaults=dict(
            opens_at=datetime(2023, 9, 1, 9, 0, tzinfo=TZ),
            closes_at=datetime(2023, 11, 30, 23, 59, tzinfo=TZ),
            review_closes_at=datetime(2023, 12, 15, 23, 59, tzinfo=TZ),
            guidance="Partagez une expérience de terrain, ses réussites comme ses difficultés, "
            "et ce qui est transposable à un autre territoire. Chaque atelier contribue au fil "
            "rouge « Solidarité et Transversalité : où en sommes-nous ? » et se conclut par des "
            "propositions adressées aux décideurs.",
        ),
    )
    for track in ctx.tracks:
        CallTrack.objects.get_or_create(
            call=call, track=track, defaults={"guidance": track.question or ""}
        )
    for order, (name, description, weight) in enumerate(CRITERIA):
        ReviewCriterion.objects.get_or_create(
            call=call, name=name, defaults=dict(description=description, weight=weight, order=order)
        )
    return call


def seed_roles(ctx) -> dict:
    """A second reviewer on every track, and a moderator per track besides the demo one."""
    second = demo_user(f"relectrice@{DEMO_DOMAIN}", "Sophie Relectrice")
    moderators = {"handicap-inclusion": ctx.accounts["moderator"]}
    names = {"aide-alimentaire": "Bernard Animateur", "insertion": "Nora Animatrice",
             "engagement": "Yves Animateur"}  # fmt: skip
    for track in ctx.tracks:
        TrackRole.objects.get_or_create(track=track, user=second, role=TrackRoleKind.REVIEWER)
        if track.slug in names:
            moderator = demo_user(f"animateur-{track.slug}@{DEMO_DOMAIN}", names[track.slug])
            TrackRole.objects.get_or_create(
                track=track, user=moderator, role=TrackRoleKind.MODERATOR
            )
            moderators[track.slug] = moderator
    ctx.accounts["reviewer2"] = second
    return moderators


def _reviewers_for(ctx, proposal, roles) -> list:
    reviewers = [ctx.accounts["reviewer2"]]
    main = ctx.accounts["reviewer"]
    if proposal.track_id in roles and proposal.organisation.slug != "demo-06":
        reviewers.append(main)
    return reviewers


def _review(ctx, proposal, reviewer, criteria, *, good: bool) -> None:
    if Review.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        return
    rng = ctx.rng
    scores = {c: rng.randint(3, 5) if good else rng.randint(1, 3) for c in criteria}
    total = sum(c.weight for c in criteria)
    weighted = sum(Decimal(s) * c.weight for c, s in scores.items()) / total
    review = Review.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        weighted_score=weighted.quantize(Decimal("0.01")),
        comment_committee="Expérience solide et bien documentée." if good else "Peu transposable.",
        comment_authors="Pensez à détailler les coûts et les partenariats."
        if good
        else "Le lien avec le fil rouge mériterait d'être précisé.",
    )
    ReviewScore.objects.bulk_create(
        [ReviewScore(review=review, criterion=c, score=s) for c, s in scores.items()]
    )


def _history(proposal, states, by) -> None:
    if proposal.history.exists():
        return
    previous = ""
    changes = []
    for state in states:
        changes.append(
            ProposalStateChange(
                proposal=proposal, from_state=previous, to_state=state, by=by,
                at=proposal.submitted_at or proposal.created_at,
            )
        )  # fmt: skip
        previous = state
    ProposalStateChange.objects.bulk_create(changes)


def _proposal(ctx, *, track, title, org, fmt, summary, state, n) -> WorkshopProposal:
    congress = ctx.congress
    proposal = WorkshopProposal.objects.filter(congress=congress, title=title).first()
    if proposal is not None:
        return proposal
    submitted = None if state == "draft" else datetime(2023, 10, 1 + n % 28, 10, 0, tzinfo=TZ)
    proposal = WorkshopProposal.objects.create(
        congress=congress,
        organisation=org,
        created_by=org.memberships.order_by("pk").first().user
        if org.memberships.exists()
        else None,
        title=title,
        track=track,
        format=fmt,
        duration_minutes=90,
        departement=org.departement,
        commune=org.commune,
        publication_consent=state != "draft",
        state={"reviewed": ProposalState.SUBMITTED}.get(state, state),
        submitted_at=submitted,
        decided_at=datetime(2023, 12, 20, 12, 0, tzinfo=TZ)
        if state in ("accepted", "rejected", "waitlisted")
        else None,
        accessibility_needs="Une intervenante se déplace en fauteuil roulant."
        if n % 7 == 0
        else "",
        **texts(summary, track, org.commune),
    )
    others = [t for t in ctx.tracks if t.pk != track.pk]
    proposal.related_tracks.set([others[n % len(others)]])
    if n % 4 == 0:
        partner = ctx.organisations[(n + 5) % 12]
        if partner.pk != org.pk:
            proposal.co_organisations.add(partner)
    Speaker.objects.bulk_create(
        [
            Speaker(
                proposal=proposal,
                order=k,
                name=f"{FIRST[(n + k) % 10]} {LAST[(n * 3 + k) % 10]}",
                function=FUNCTIONS[(n + k) % len(FUNCTIONS)],
                organisation_name=org.name,
                email=f"intervenant{n}-{k}@{DEMO_DOMAIN}",
            )
            for k in range(1 + n % 2)
        ]
    )
    return proposal


def seed_proposals(ctx, call, moderators) -> None:
    congress = ctx.congress
    organiser = ctx.accounts["organiser"]
    criteria = list(call.criteria.all())
    tracks = {t.slug: t for t in ctx.tracks}
    roles = set(
        TrackRole.objects.filter(
            user=ctx.accounts["reviewer"], role=TrackRoleKind.REVIEWER
        ).values_list("track_id", flat=True)
    )
    rooms = {r.name: r for r in Room.objects.filter(venue__congress=congress)}
    orgs = {o.slug: o for o in ctx.organisations[:12]}
    base_orgs = list(orgs.values())
    n = 0
    for track_index, (slug, workshops) in enumerate(WORKSHOPS.items()):
        track = tracks[slug]
        for slot_index, (title, fmt, summary) in enumerate(workshops):
            n += 1
            org = orgs["demo-02"] if (slug, slot_index) == ("aide-alimentaire", 0) else (
                base_orgs[(n * 5) % 12]
            )  # fmt: skip
            proposal = _proposal(
                ctx, track=track, title=title, org=org, fmt=fmt, summary=summary,
                state=ProposalState.ACCEPTED, n=n,
            )  # fmt: skip
            for reviewer in _reviewers_for(ctx, proposal, roles):
                _review(ctx, proposal, reviewer, criteria, good=True)
            _history(proposal, ["draft", "submitted", "accepted"], organiser)
            if proposal.session_id is None:
                day, start, end = SLOTS[slot_index]
                proposal_schedule(
                    proposal=proposal,
                    by=None,
                    room=rooms[WORKSHOP_ROOMS[track_index]],
                    starts_at=dt(congress, day, start),
                    ends_at=dt(congress, day, end),
                    moderators=[moderators[slug]] if slug in moderators else [],
                )
    for slug, title, org_slug, state, summary in OTHER_PROPOSALS:
        n += 1
        proposal = _proposal(
            ctx, track=tracks[slug], title=title, org=orgs[org_slug], fmt=ProposalFormat.ATELIER,
            summary=summary, state=state, n=n,
        )  # fmt: skip
        if state != "draft":
            path = {"reviewed": ["draft", "submitted"], "submitted": ["draft", "submitted"]}.get(
                state, ["draft", "submitted", state]
            )
            _history(proposal, path, organiser)
        if state in ("reviewed", "rejected", "waitlisted"):
            for reviewer in _reviewers_for(ctx, proposal, roles):
                _review(ctx, proposal, reviewer, criteria, good=state == "waitlisted")
        elif state == "draft":
            _history(proposal, ["draft"], proposal.created_by)


def seed_generated(ctx) -> None:
    """(scale - 1) * 70 proposals, a fifth of them accepted and scheduled (bulk inserts)."""
    extra = max(0, ctx.scale - 1) * 70
    if not extra:
        return
    congress = ctx.congress
    venue = congress.venues.order_by("pk").first()
    workshop_type = SessionType.objects.filter(congress=congress, slug="atelier").first()
    accepted_count = extra // 5
    room_count = -(-accepted_count // len(SLOTS))
    existing_rooms = {r.name: r for r in venue.rooms.filter(name__startswith="Salle annexe")}
    Room.objects.bulk_create(
        [
            Room(venue=venue, name=f"Salle annexe {i + 1}", capacity=50, order=100 + i)
            for i in range(room_count)
            if f"Salle annexe {i + 1}" not in existing_rooms
        ]
    )
    rooms = list(venue.rooms.filter(name__startswith="Salle annexe").order_by("order"))
    titles = set(
        WorkshopProposal.objects.filter(
            congress=congress, title__startswith="Atelier d'échange n°"
        ).values_list("title", flat=True)
    )
    orgs = ctx.organisations
    new = []
    for i in range(extra):
        title = f"Atelier d'échange n° {i + 1}"
        if title in titles:
            continue
        track = ctx.tracks[i % 4]
        org = orgs[(i * 7) % len(orgs)]
        state = ProposalState.ACCEPTED if i < accepted_count else (
            [ProposalState.SUBMITTED, ProposalState.REJECTED, ProposalState.WAITLISTED][i % 3]
        )  # fmt: skip
        new.append(
            WorkshopProposal(
                congress=congress, organisation=org, title=title, track=track,
                state=state, submitted_at=datetime(2023, 11, 2, 10, 0, tzinfo=TZ),
                departement=org.departement, commune=org.commune, publication_consent=True,
                **texts("une action solidaire de proximité", track, org.commune),
            )
        )  # fmt: skip
    WorkshopProposal.objects.bulk_create(new, batch_size=1000)
    to_schedule = list(
        WorkshopProposal.objects.filter(
            congress=congress,
            title__startswith="Atelier d'échange n°",
            state=ProposalState.ACCEPTED,
            session__isnull=True,
        ).order_by("pk")
    )
    taken = set(Session.objects.filter(room__in=rooms).values_list("room_id", "starts_at"))
    free = [
        (room, SLOTS[s])
        for room in rooms
        for s in range(len(SLOTS))
        if (room.pk, dt(congress, SLOTS[s][0], SLOTS[s][1])) not in taken
    ]
    sessions = []
    for proposal, (room, (day, start, end)) in zip(to_schedule, free, strict=False):
        sessions.append(
            Session(
                congress=congress, session_type=workshop_type, track=proposal.track,
                title=proposal.title, description=proposal.context, room=room,
                starts_at=dt(congress, day, start), ends_at=dt(congress, day, end),
                capacity=room.capacity,
            )
        )  # fmt: skip
    Session.objects.bulk_create(sessions, batch_size=1000)
    by_title = {
        s.title: s
        for s in Session.objects.filter(congress=congress, title__startswith="Atelier d'échange n°")
    }
    for proposal in to_schedule:
        proposal.session = by_title.get(proposal.title)
    WorkshopProposal.objects.bulk_update(to_schedule, ["session"], batch_size=1000)


def seed_signups(ctx) -> None:
    congress = ctx.congress
    workshops = list(
        Session.objects.filter(congress=congress, session_type__is_workshop=True).order_by(
            "starts_at", "pk"
        )
    )
    if not workshops or WorkshopSignup.objects.filter(session__congress=congress).exists():
        return
    by_slot: dict = {}
    for session in workshops:
        by_slot.setdefault(session.starts_at, []).append(session)
    seats = {s.pk: s.capacity for s in workshops}
    rng = ctx.rng
    signups = []
    participant = ctx.accounts["participant"]
    for session in workshops[0:1] + workshops[5:6]:
        signups.append(WorkshopSignup(session=session, user=participant))
        seats[session.pk] -= 1
    for person in ctx.people:
        for _start, sessions in by_slot.items():
            if rng.random() < 0.5:
                session = rng.choice(sessions)
                if seats[session.pk] > 0:
                    seats[session.pk] -= 1
                    signups.append(WorkshopSignup(session=session, user=person))
    WorkshopSignup.objects.bulk_create(signups, batch_size=2000, ignore_conflicts=True)


def seed(ctx) -> None:
    if not getattr(ctx, "tracks", None):
        ctx.tracks = list(Track.objects.filter(congress=ctx.congress).order_by("order"))
    call = seed_call(ctx)
    moderators = seed_roles(ctx)
    seed_proposals(ctx, call, moderators)
    seed_generated(ctx)
    seed_signups(ctx)
    upcoming_call = seed_upcoming_call(ctx)
    seed_upcoming_proposals(ctx, upcoming_call)
    date_programme(ctx, call)
    seed_answers(ctx)  # the workshops' and the congress's surveys: the programme is dated now
    ctx.logins.append(
        ("relectrice (tous les thèmes)", ctx.accounts["reviewer2"].email, "relecture, classement")
    )
    ctx.log.append(
        f"Programme: {Session.objects.filter(congress=ctx.congress).count()} sessions, "
        f"{WorkshopProposal.objects.filter(congress=ctx.congress).count()} proposals. "
        "The 2024 call is closed; the call of the upcoming edition "
        f"({ctx.upcoming.start_date:%d/%m/%Y}) is open."
    )
