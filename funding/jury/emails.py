"""E-mails of the jury: the invitation to sit on a call's jury."""

from django.urls import reverse

from congress.core.mail import send_templated, site_url


def send_juror_invitation(invitation, token: str) -> None:
    send_templated(
        to=invitation.email,
        template="funding/jury/email/invitation",
        context={
            "invitation": invitation,
            "call": invitation.call,
            "url": site_url(reverse("funding_juror_invitation_accept", args=[token])),
        },
    )
