"""Template tags through which pages of lower sub-domains show registrations without importing
them (registered as the ``registrations`` library in settings.TEMPLATES)."""

from django import template

from congress.registrations import seats, selectors

register = template.Library()


@register.simple_tag
def organisation_orders(organisation):
    """The organisation's orders, for its managers' view of the organisation page."""
    return selectors.organisation_orders(organisation)


@register.simple_tag
def registration_cta(congress):
    """The registration call-to-action of the edition's home page, following the phase."""
    window = selectors.registration_window(congress)
    is_open = window.is_open and congress.tariffs.exists()
    return {
        "window": window,
        "is_open": is_open,
        "places_left": seats.places_left(congress) if is_open else None,
    }
