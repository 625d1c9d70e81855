"""iCalendar feeds of the programme (icalendar library)."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _


def ical_response(sessions, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        ical_bytes(sessions, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ical_bytes(sessions, *, name: str) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Congres national des Solidarites//programme//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = settings.SITE_URL.rstrip("/")
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{host.split('//')[-1]}")
        event.add("summary", session.title)
        if getattr(session, "cancelled_at", None):
            event.add("status", "CANCELLED")
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", timezone.now())
        event.add("location", f"{session.room.name}")
        description = session.description
        markers = session.accessibility_markers
        if markers:
            access = _("Accessibilité : %(list)s.") % {
                "list": ", ".join(str(m.label) for m in markers)
            }
            description = f"{description}\n\n{access}" if description else access
        if description:
            event.add("description", description)
        event.add("url", host + session.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()
