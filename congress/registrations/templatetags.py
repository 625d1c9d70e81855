"""Template tags through which pages of lower sub-domains show registrations without importing
them (registered as the ``registrations`` library in settings.TEMPLATES)."""

from django import template

from congress.registrations import selectors

register = template.Library()


@register.simple_tag
def organisation_orders(organisation):
    """The organisation's orders, for its managers' view of the organisation page."""
    return selectors.organisation_orders(organisation)
