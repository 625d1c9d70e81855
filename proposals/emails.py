"""Emails of the proposals app (templates/proposals/email/)."""

from django.urls import reverse

from congress.core.mail import send_templated, site_url


def recipients(proposal) -> list[str]:
    """Who hears about a proposal: its organisation's contact and the person who wrote it."""
    emails = [proposal.organisation.contact_email]
    if proposal.created_by and proposal.created_by.email not in emails:
        emails.append(proposal.created_by.email)
    return emails


def send_submission_received(proposal) -> None:
    url = site_url(reverse("proposal_detail", args=[proposal.congress.slug, proposal.pk]))
    for to in recipients(proposal):
        send_templated(
            to=to,
            template="proposals/email/submission_received",
            context={"proposal": proposal, "url": url},
        )


def send_decision(proposal, comments: list[str], note: str) -> None:
    url = site_url(reverse("proposal_detail", args=[proposal.congress.slug, proposal.pk]))
    for to in recipients(proposal):
        send_templated(
            to=to,
            template="proposals/email/decision",
            context={"proposal": proposal, "url": url, "comments": comments, "note": note},
        )
