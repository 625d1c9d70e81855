"""The registration window of an edition: its phase and effective dates (issue 12).

Organisers may set the dates per edition; blank ones are derived from the edition's own dates
here, and only here, so that pages, services and the API agree.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Blank registration close: the end of the day before the first day.
CLOSE_DAYS_BEFORE = 1
# Blank cancellation deadline: the end of the day fourteen days before the first day.
CANCELLATION_DAYS_BEFORE = 14

UPCOMING, OPEN, CLOSED, PAST = "upcoming", "open", "closed", "past"


def end_of_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def format_moment(moment: datetime) -> str:
    """« 1er mars 2027 à 23:59 » in French, « 1 March 2027 at 23:59 » in English."""
    local = timezone.localtime(moment)
    day = "1er" if local.day == 1 and translation.get_language() == "fr" else str(local.day)
    return _("%(day)s %(month_year)s à %(time)s") % {
        "day": day,
        "month_year": date_format(local, "F Y"),
        "time": date_format(local, "H:i"),
    }


@dataclass(frozen=True)
class RegistrationWindow:
    phase: str
    opens_at: datetime | None
    closes_at: datetime
    cancellation_deadline: datetime
    custom_refund_terms: str

    @property
    def is_open(self) -> bool:
        return self.phase == OPEN

    def cancellation_open(self, now=None) -> bool:
        return (now or timezone.now()) <= self.cancellation_deadline

    @property
    def refund_terms(self) -> str:
        if self.custom_refund_terms:
            return self.custom_refund_terms
        return _(
            "Annulation en ligne avec remboursement intégral jusqu'au %(deadline)s. Après cette "
            "date, l'inscription n'est plus remboursée : écrivez aux organisateurs."
        ) % {"deadline": format_moment(self.cancellation_deadline)}

    def closing(self) -> str:
        return _("Inscriptions ouvertes jusqu'au %(date)s.") % {
            "date": format_moment(self.closes_at)
        }

    def refusal(self) -> str:
        """Why registering is refused now (the phase is not « open »)."""
        if self.phase == UPCOMING:
            return _("Les inscriptions ouvriront le %(date)s.") % {
                "date": format_moment(self.opens_at)
            }
        if self.phase == PAST:
            return _("Cette édition est terminée : les inscriptions sont closes.")
        return _("Les inscriptions sont closes depuis le %(date)s.") % {
            "date": format_moment(self.closes_at)
        }

    def cancellation_refusal(self) -> str:
        return _(
            "Le délai d'annulation avec remboursement est dépassé depuis le %(date)s : "
            "écrivez aux organisateurs."
        ) % {"date": format_moment(self.cancellation_deadline)}
