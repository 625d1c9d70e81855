"""E-mails of missions: the association hears of each offer of help, the volunteer of the
answer."""

from django.urls import reverse

from congress.core.mail import send_after_commit, send_templated, site_url
from congress.organisations.models import MembershipRole


def _send_received(application) -> None:
    mission = application.mission
    managers = mission.organisation.memberships.filter(
        role=MembershipRole.MANAGER, user__is_active=True
    ).select_related("user")
    url = site_url(reverse("mission_applications", args=[mission.pk]))
    for membership in managers:
        send_templated(
            to=membership.user.email,
            template="volunteers/email/application_received",
            context={"application": application, "url": url},
            language=membership.user.preferred_language or "fr",
        )


def notify_application_received(application) -> None:
    send_after_commit(_send_received, application)


def _send_decided(application) -> None:
    send_templated(
        to=application.user.email,
        template="volunteers/email/application_decided",
        context={
            "application": application,
            "accepted": application.status == "accepted",
            "url": site_url(application.mission.get_absolute_url()),
        },
        language=application.user.preferred_language or "fr",
    )


def notify_application_decided(application) -> None:
    send_after_commit(_send_decided, application)


def _send_withdrawn(mission, person) -> None:
    managers = mission.organisation.memberships.filter(
        role=MembershipRole.MANAGER, user__is_active=True
    ).select_related("user")
    url = site_url(reverse("mission_applications", args=[mission.pk]))
    for membership in managers:
        send_templated(
            to=membership.user.email,
            template="volunteers/email/application_withdrawn",
            context={"mission": mission, "person": person, "url": url},
            language=membership.user.preferred_language or "fr",
        )


def notify_application_withdrawn(mission, person) -> None:
    """An accepted volunteer withdrew: the association's managers hear a place is free."""
    send_after_commit(_send_withdrawn, mission, person)
