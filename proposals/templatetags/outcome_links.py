"""What a workshop produced, for its session page (tracks does not import proposals): the
policy proposals it is a source of that readers may see, and for its moderators and the
organisers, its outcome (``{% session_outcome session as produced %}``)."""

from django import template
from django.urls import reverse

from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus
from proposals.outcomes.recording.permissions import can_record_outcome

register = template.Library()


@register.simple_tag(takes_context=True)
def session_outcome(context, session) -> dict:
    """`proposals`: the validated policy proposals citing the session; `outcome_url` and
    `outcome_status`: its outcome form, for those who record it (None otherwise)."""
    if not session.session_type.is_workshop:
        return {"proposals": [], "outcome_url": None, "outcome_status": None}
    user = context["request"].user
    proposals = list(
        PolicyProposal.objects.filter(sources=session, status=PolicyStatus.VALIDATED)
        .order_by("rank", "title")
        .only("pk", "title", "congress_id")
    )
    outcome_url = outcome_status = None
    if user.is_authenticated and can_record_outcome(user, session):
        outcome = getattr(session, "outcome", None)  # the reverse one-to-one, if any
        outcome_url = reverse("outcome_edit", args=[session.congress.slug, session.pk])
        outcome_status = outcome.get_status_display() if outcome else None
    return {"proposals": proposals, "outcome_url": outcome_url, "outcome_status": outcome_status}
