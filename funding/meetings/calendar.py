"""One's own meetings as an iCalendar file (icalendar)."""

from icalendar import Calendar, Event


def meetings_ics(congress, rows) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Congres//Rencontres financeurs//FR")
    cal.add("version", "2.0")
    for meeting, start, end in rows:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{congress.slug}")
        event.add("summary", f"{meeting.application.organisation.name} – {meeting.funder}")
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("location", f"Table {meeting.funder.table or '?'}")
        cal.add_component(event)
    return cal.to_ical()
