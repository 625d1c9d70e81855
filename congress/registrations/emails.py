"""E-mails of registrations: confirmation with the personal ticket (PDF) and an .ics, waitlist
offers, payment instructions."""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from congress.core.mail import send_templated, site_url
from congress.registrations.tickets import ticket_pdf


def congress_ics(congress) -> bytes:
    """The edition as an iCalendar event (all-day, first to last day)."""

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Congrès national des Solidarités//FR")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"congress-{congress.pk}@{settings.SITE_URL.split('//')[-1].split('/')[0]}")
    event.add("summary", congress.name)
    event.add("dtstart", congress.start_date)
    event.add("dtend", congress.end_date + timedelta(days=1))
    venue = congress.venues.first()
    event.add(
        "location", f"{venue.name}, {venue.address}, {venue.city}" if venue else congress.city
    )
    event.add("url", site_url(congress.get_absolute_url()))
    calendar.add_component(event)
    return calendar.to_ical()


def send_registration_confirmation(registration) -> None:

    congress = registration.congress
    context = {
        "registration": registration,
        "congress": congress,
        "url": site_url(reverse("account")),
    }
    with translation.override("fr"):
        subject = render_to_string(
            "congress/registrations/email/registration_confirmed_subject.txt", context
        ).strip()
        body = render_to_string("congress/registrations/email/registration_confirmed.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    message.attach(
        f"billet-{congress.slug}-{registration.pk}.pdf",
        ticket_pdf([registration]),
        "application/pdf",
    )
    message.attach(f"{congress.slug}.ics", congress_ics(congress), "text/calendar")
    message.send()


def send_waitlist_offer(entry) -> None:
    send_templated(
        to=entry.user.email,
        template="congress/registrations/email/waitlist_offer",
        context={
            "entry": entry,
            "url": site_url(reverse("registration_start", kwargs={"slug": entry.congress.slug})),
        },
        language=entry.user.preferred_language,
    )


def send_payment_instructions(order, window) -> None:
    """To the person who placed an order to be paid by transfer or on site: how to pay."""
    send_templated(
        to=order.placed_by.email,
        template="congress/registrations/email/order_payment_instructions",
        context={
            "order": order,
            "congress": order.congress,
            "window": window,
            "url": site_url(order.get_absolute_url()),
        },
        language=order.placed_by.preferred_language,
    )
