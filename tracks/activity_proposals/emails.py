"""The partner who proposed an activity is told of the organisers' decision."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from congress.core.mail import site_url


def send_decision(proposal) -> None:
    congress = proposal.congress
    context = {
        "proposal": proposal,
        "congress": congress,
        "url": site_url(reverse("partner_activity_proposal", args=[congress.slug, proposal.pk])),
    }
    with translation.override("fr"):
        subject = render_to_string(
            "tracks/activity_proposals/email/decision_subject.txt", context
        ).strip()
        body = render_to_string("tracks/activity_proposals/email/decision.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [proposal.proposed_by.email]).send()
