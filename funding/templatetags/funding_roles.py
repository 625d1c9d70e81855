"""« Mon compte » links to the funding pages of the person's roles, lent by the funding app
(congress cannot import it): a funder's meetings, a project holder's applications."""

from django import template

from funding.meetings.models import Funder
from funding.models import Application
from proposals.permissions import user_organisation_ids

register = template.Library()


@register.simple_tag
def funding_roles(user, congress) -> dict:
    """Whether the person's organisations fund (a funder of the edition's meetings) or hold a
    project (an application to one of the edition's calls)."""
    if congress is None or not (user.is_authenticated and user.is_active):
        return {"funder": False, "holder": False}
    ids = user_organisation_ids(user)
    return {
        "funder": Funder.objects.filter(congress=congress, organisation_id__in=ids).exists(),
        "holder": Application.objects.filter(
            call__congress=congress, organisation_id__in=ids
        ).exists(),
    }
