"""What is still missing before the final report is generated: the report page lists it above
its single « Générer » button (nothing here prevents generating: a draft report is useful too)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from congress.editions.models import Congress
from proposals.outcomes.models import OutcomeStatus, PolicyProposal, PolicyStatus
from tracks.models import Session


def report_precheck(congress: Congress, settings=None) -> list[dict]:
    """Each gap as {"text", "url"} (url: the page where it is fixed, or "")."""
    gaps = []
    workshops = (
        Session.objects.filter(congress=congress, session_type__is_workshop=True)
        .exclude(outcome__status=OutcomeStatus.SUBMITTED)
        .count()
    )
    if workshops:
        gaps.append({
            "text": ngettext(
                "%(n)s atelier n'a pas de compte rendu transmis.",
                "%(n)s ateliers n'ont pas de compte rendu transmis.",
                workshops,
            ) % {"n": workshops},
            "url": reverse("outcome_workshop_list", args=[congress.slug]),
        })  # fmt: skip
    counts = PolicyProposal.objects.filter(congress=congress).aggregate(
        pending=Count("pk", filter=Q(status__in=[PolicyStatus.DRAFT, PolicyStatus.SUBMITTED])),
        unaddressed=Count(
            "pk", filter=Q(status=PolicyStatus.VALIDATED, addressees__isnull=True), distinct=True
        ),
    )
    board = reverse("policy_board", args=[congress.slug])
    if counts["pending"]:
        gaps.append({
            "text": ngettext(
                "%(n)s proposition n'est pas encore validée.",
                "%(n)s propositions ne sont pas encore validées.",
                counts["pending"],
            ) % {"n": counts["pending"]},
            "url": board,
        })  # fmt: skip
    if counts["unaddressed"]:
        gaps.append({
            "text": ngettext(
                "%(n)s proposition validée n'a pas de destinataire.",
                "%(n)s propositions validées n'ont pas de destinataire.",
                counts["unaddressed"],
            ) % {"n": counts["unaddressed"]},
            "url": board,
        })  # fmt: skip
    if settings is None or not settings.foreword.strip():
        gaps.append(
            {"text": gettext("L'avant-propos n'est pas écrit."), "url": "#foreword-heading"}
        )
    return gaps
