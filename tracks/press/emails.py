"""The journalist is told their request was received, then of the organisers' decision."""

from django.urls import reverse

from congress.core.mail import send_templated, site_url


def _context(accreditation, token: str) -> dict:
    congress = accreditation.congress
    return {
        "accreditation": accreditation,
        "congress": congress,
        "request_url": site_url(reverse("press_request_detail", args=[congress.slug, token])),
    }


def send_received(accreditation, token: str) -> None:
    send_templated(
        to=accreditation.email,
        template="tracks/press/email/received",
        context=_context(accreditation, token),
    )


def send_decision(accreditation, token: str) -> None:
    send_templated(
        to=accreditation.email,
        template="tracks/press/email/decision",
        context=_context(accreditation, token),
    )
