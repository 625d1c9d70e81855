"""Tags through which the programme and account pages show the person's open surveys (the
feedback sub-domain sits above the pages' own)."""

from django import template

from tracks.feedback import selectors

register = template.Library()


@register.inclusion_tag("tracks/feedback/_open_surveys.html")
def open_surveys(user, congress=None):
    """The call to action: the surveys the person may answer now (of one edition, or all)."""
    return {"surveys": selectors.open_surveys(user, congress)}
