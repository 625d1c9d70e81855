"""E-mails of lent rooms: the place's managers hear of each request, the association of the
answer."""

from django.urls import reverse

from congress.core.mail import send_after_commit, send_templated, site_url
from congress.organisations.models import MembershipRole


def _managers(organisation):
    return [
        m.user
        for m in organisation.memberships.filter(
            role=MembershipRole.MANAGER, user__is_active=True
        ).select_related("user")
    ]


def _send_requested(booking) -> None:
    place = booking.room.place
    url = site_url(reverse("place_room_requests", args=[place.slug]))
    for user in _managers(place):
        send_templated(
            to=user.email,
            template="volunteers/email/room_requested",
            context={"booking": booking, "url": url},
            language=user.preferred_language or "fr",
        )


def notify_booking_requested(booking) -> None:
    send_after_commit(_send_requested, booking)


def _send_decided(booking) -> None:
    people = _managers(booking.organisation)
    if booking.booked_by is not None and booking.booked_by.is_active:
        people = [booking.booked_by] + [p for p in people if p.pk != booking.booked_by_id]
    url = site_url(reverse("place_rooms", args=[booking.room.place.slug]))
    for user in people:
        send_templated(
            to=user.email,
            template="volunteers/email/room_decided",
            context={"booking": booking, "approved": booking.state == "approved", "url": url},
            language=user.preferred_language or "fr",
        )


def notify_booking_decided(booking) -> None:
    send_after_commit(_send_decided, booking)
