"""The place's agenda as an iCalendar feed (subscribed to from a phone or a calendar app)."""

from django.conf import settings

from congress.core.mail import site_url


def agenda_ical(entries, *, name: str, now) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Congres national des Solidarites//agenda du lieu//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = settings.SITE_URL.rstrip("/").split("//")[-1]
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("summary", entry.title)
        event.add("dtstart", entry.starts_at)
        event.add("dtend", entry.ends_at)
        event.add("dtstamp", now)
        event.add("location", f"{entry.where}, {name}")
        event.add("description", entry.who)
        if entry.url:
            event.add("url", site_url(entry.url))
        calendar.add_component(event)
    return calendar.to_ical()
