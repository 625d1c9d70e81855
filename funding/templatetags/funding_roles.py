"""« Mon compte » links to the funding pages of the person's roles, lent by the funding app
(congress cannot import it): a project holder's applications, the funders' and the holders'
meetings, for every edition where the person's organisations hold that role."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from funding.models import Application, Funder
from proposals.permissions import user_organisation_ids

register = template.Library()


@register.simple_tag
def funding_links(user) -> list[tuple[str, str]]:
    """(label, url) of the funding pages the person has a role on, latest edition first."""
    if not (user.is_authenticated and user.is_active):
        return []
    ids = user_organisation_ids(user)
    if not ids:
        return []
    fields = ("congress__slug", "congress__name", "congress__start_date")
    funds = set(Funder.objects.filter(organisation_id__in=ids).values_list(*fields))
    holds = set(
        Application.objects.filter(organisation_id__in=ids).values_list(
            *(f"call__{f}" for f in fields)
        )
    )
    links = []
    for slug, name, start in sorted(funds | holds, key=lambda e: (e[2], e[0]), reverse=True):
        if (slug, name, start) in holds:
            links.append(
                (
                    _("Mes demandes de financement : %(name)s") % {"name": name},
                    reverse("funding_application_list", args=[slug]),
                )
            )
        links.append(
            (
                _("Mes rendez-vous financeurs : %(name)s") % {"name": name},
                reverse("funding_my_meetings", args=[slug]),
            )
        )
    return links
