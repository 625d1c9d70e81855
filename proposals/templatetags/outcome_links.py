"""What a workshop produced, for its session page (tracks does not import proposals): the
policy proposals it is a source of that readers may see, and for its moderators and the
organisers, the link to its outcome form (``{% session_outcome_link session as outcome %}``)."""

from django import template
from django.urls import reverse

from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus
from proposals.outcomes.recording.permissions import can_record_outcome

register = template.Library()


@register.simple_tag
def session_policy_proposals(session) -> list:
    """The validated policy proposals citing the session (what every reader sees: cached with
    the session page's shared part, tracks/cached_pages.py)."""
    if not session.session_type.is_workshop:
        return []
    return list(
        PolicyProposal.objects.filter(sources=session, status=PolicyStatus.VALIDATED)
        .order_by("rank", "title")
        .only("pk", "title", "congress_id")
    )


@register.simple_tag(takes_context=True)
def session_outcome_link(context, session) -> dict:
    """`url` and `status` of the workshop's outcome form, for those who record it (the
    moderators and organisers; no query for anyone else)."""
    user = context["request"].user
    if not (session.session_type.is_workshop and user.is_authenticated):
        return {"url": None, "status": None}
    if not can_record_outcome(user, session):
        return {"url": None, "status": None}
    outcome = getattr(session, "outcome", None)  # the reverse one-to-one, if any
    return {
        "url": reverse("outcome_edit", args=[session.congress.slug, session.pk]),
        "status": outcome.get_status_display() if outcome else None,
    }
