"""When a survey opens and closes: a workshop's when it has ended, the edition's at the start of
its last day; both close at the date the organisers set, by default 30 days after opening."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

DEFAULT_OPEN_DAYS = 30


@dataclass(frozen=True)
class Window:
    opens_at: datetime
    closes_at: datetime

    def state(self, now: datetime | None = None) -> str:
        """``"upcoming"``, ``"open"`` or ``"closed"``."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


def session_window(session, settings) -> Window:
    opens_at = session.ends_at
    closes_at = getattr(settings, "sessions_close_at", None)
    return Window(opens_at, closes_at or opens_at + timedelta(days=DEFAULT_OPEN_DAYS))


def edition_window(congress, settings) -> Window:
    opens_at = timezone.make_aware(datetime.combine(congress.end_date, time.min))
    closes_at = getattr(settings, "edition_closes_at", None)
    return Window(opens_at, closes_at or opens_at + timedelta(days=DEFAULT_OPEN_DAYS))
