"""Template tags through which pages of lower sub-domains show registrations without importing
them (registered as the ``registrations`` library in settings.TEMPLATES)."""

from datetime import timedelta

from django import template
from django.utils import timezone

from congress.core import pagecache
from congress.registrations import seats, selectors
from congress.registrations.window import end_of_day

register = template.Library()


@register.simple_tag
def organisation_orders(organisation):
    """The organisation's orders, for its managers' view of the organisation page."""
    return selectors.organisation_orders(organisation)


@register.simple_tag
def registration_cta(congress):
    """The registration call-to-action of the edition's home page, following the phase. The
    moments it changes with time go to `pagecache.changes_at`: the window's opening, closing
    and end, and the end of the first waiting-list offer still holding a place."""
    now = timezone.now()
    window = selectors.registration_window(congress, now)
    just_after = timedelta(microseconds=1)  # the phase turns once `now >` these
    for moment in (
        window.opens_at,
        window.closes_at + just_after,
        end_of_day(congress.end_date) + just_after,
    ):
        pagecache.changes_at(moment)
    is_open = window.is_open and congress.tariffs.exists()
    places_left = None
    if is_open:
        places_left = seats.places_left(congress)
        if congress.capacity is not None:
            pagecache.changes_at(seats.next_offer_lapse(congress, now))
    return {"window": window, "is_open": is_open, "places_left": places_left}
