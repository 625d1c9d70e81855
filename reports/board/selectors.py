"""The organisers' to-do board: one step per stage of an edition's life, each with its counter.

Reads across apps (proposals, programme, registrations, outcomes, report), hence in `reports`.
A fixed number of queries, whatever the size of the edition.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from congress.editions.models import Congress
from congress.registrations.models import Order, OrderState
from proposals.models import (
    DECISION_STATES,
    REVIEWABLE_STATES,
    CallForProposals,
    ProposalState,
    WorkshopProposal,
)
from proposals.outcomes.models import OutcomeStatus, PolicyProposal, PolicyStatus
from reports.models import Report, ReportScope
from tracks.models import Session

TODO, IN_PROGRESS, DONE = "todo", "in_progress", "done"

# Orders whose money is still to come, in the order the board lists them.
DUE_ORDER_STATES = (
    OrderState.PENDING_PAYMENT,
    OrderState.AWAITING_MANDATE,
    OrderState.AWAITING_TRANSFER,
    OrderState.AWAITING_ON_SITE,
)


@dataclass
class DueOrders:
    state: str
    label: str
    count: int
    amount: Decimal


@dataclass
class BoardStep:
    key: str
    state: str
    done: int = 0
    total: int = 0
    extra: dict = field(default_factory=dict)


def progress_state(done: int, total: int) -> str:
    """Nothing yet (or nothing to do yet): to do; all of it: done; otherwise in progress."""
    if total == 0 or done == 0:
        return TODO
    return DONE if done >= total else IN_PROGRESS


def _call_step(congress: Congress, now) -> BoardStep:
    call = CallForProposals.objects.filter(congress=congress).first()
    if call is None:
        return BoardStep("call", TODO, extra={"call": None})
    if now < call.opens_at:
        state = TODO
    elif call.is_open(now):
        state = IN_PROGRESS
    else:
        state = DONE
    return BoardStep("call", state, extra={"call": call})


def _proposal_steps(congress: Congress) -> list[BoardStep]:
    counts = WorkshopProposal.objects.filter(congress=congress).aggregate(
        reviewable=Count("id", filter=Q(state__in=REVIEWABLE_STATES), distinct=True),
        reviewed=Count(
            "id", filter=Q(state__in=REVIEWABLE_STATES, reviews__isnull=False), distinct=True
        ),
        decided=Count("id", filter=Q(state__in=DECISION_STATES), distinct=True),
        accepted=Count("id", filter=Q(state=ProposalState.ACCEPTED), distinct=True),
        scheduled=Count(
            "id", filter=Q(state=ProposalState.ACCEPTED, session__isnull=False), distinct=True
        ),
    )
    steps = []
    for key, done, total in (
        ("reviews", counts["reviewed"], counts["reviewable"]),
        ("decisions", counts["decided"], counts["reviewable"]),
        ("programme", counts["scheduled"], counts["accepted"]),
    ):
        steps.append(BoardStep(key, progress_state(done, total), done, total))
    return steps


def _payments_step(congress: Congress) -> BoardStep:
    sums = {"orders": Count("id")}
    for state in DUE_ORDER_STATES:
        sums[f"{state}_n"] = Count("id", filter=Q(state=state))
        sums[f"{state}_amount"] = Sum("total", filter=Q(state=state), default=Decimal(0))
    totals = Order.objects.filter(congress=congress).aggregate(**sums)
    labels = dict(OrderState.choices)
    due = [
        DueOrders(state, labels[state], totals[f"{state}_n"], totals[f"{state}_amount"])
        for state in DUE_ORDER_STATES
        if totals[f"{state}_n"]
    ]
    due_count = sum(d.count for d in due)
    if totals["orders"] == 0:
        state = TODO
    else:
        state = IN_PROGRESS if due_count else DONE
    return BoardStep(
        "payments",
        state,
        done=totals["orders"] - due_count,
        total=totals["orders"],
        extra={"due": due, "due_count": due_count, "due_amount": sum(d.amount for d in due)},
    )


def _outcomes_step(congress: Congress) -> BoardStep:
    counts = Session.objects.filter(congress=congress, session_type__is_workshop=True).aggregate(
        workshops=Count("id"),
        received=Count("id", filter=Q(outcome__status=OutcomeStatus.SUBMITTED)),
    )
    received, workshops = counts["received"], counts["workshops"]
    return BoardStep("outcomes", progress_state(received, workshops), received, workshops)


def _policy_step(congress: Congress) -> BoardStep:
    counts = PolicyProposal.objects.filter(congress=congress).aggregate(
        submitted=Count("id", filter=Q(status=PolicyStatus.SUBMITTED)),
        validated=Count("id", filter=Q(status=PolicyStatus.VALIDATED)),
    )
    to_validate, validated = counts["submitted"], counts["validated"]
    if to_validate:
        state = IN_PROGRESS
    else:
        state = DONE if validated else TODO
    return BoardStep("policy", state, validated, validated + to_validate)


def _report_step(congress: Congress) -> BoardStep:
    report = Report.objects.filter(congress=congress, scope=ReportScope.FULL).first()
    if report is None:
        state = TODO
    elif report.is_busy:
        state = IN_PROGRESS
    else:
        state = DONE if report.has_file else TODO
    return BoardStep("report", state, extra={"report": report})


def staff_board(congress: Congress) -> list[BoardStep]:
    """The steps in the order of the congress's life (seven queries)."""
    return [
        _call_step(congress, timezone.now()),
        *_proposal_steps(congress),
        _payments_step(congress),
        _outcomes_step(congress),
        _policy_step(congress),
        _report_step(congress),
    ]
