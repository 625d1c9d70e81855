"""E-mails of the organisations sub-domain: invitations."""

from django.urls import reverse

from congress.core.mail import send_templated, site_url


def send_invitation(invitation, token: str) -> None:
    send_templated(
        to=invitation.email,
        template="congress/organisations/email/invitation",
        context={
            "invitation": invitation,
            "url": site_url(reverse("invitation_accept", args=[token])),
        },
    )
