"""A tag through which the public programme offers a partner's managers their page of activity
proposals (the proposals sub-domain sits above the programme's)."""

from django import template

from tracks.activity_proposals import selectors

register = template.Library()


@register.inclusion_tag("tracks/activity_proposals/_propose_link.html")
def propose_activity_link(user, congress):
    shown = congress.feature_on("partner_activities") and (
        selectors.partners_managed(user, congress).exists()
    )
    return {"shown": shown, "congress": congress}
