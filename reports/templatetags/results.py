"""Template tags through which the edition's home page (congress.editions, a lower layer) shows
what an ended edition produced without importing it (`{% load results %}`)."""

from django import template

from reports import selectors

register = template.Library()


@register.simple_tag
def edition_results(congress):
    """Validated policy proposals, how many were followed up, the published report."""
    return selectors.edition_results(congress)
