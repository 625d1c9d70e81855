from django import template

from tracks.permissions import moderator_track_ids, reviewer_track_ids

register = template.Library()


@register.simple_tag
def programme_roles(user) -> dict:
    """What the account page offers: reviewing, moderating."""
    return {
        "reviewer": bool(reviewer_track_ids(user)),
        "moderator": bool(moderator_track_ids(user)),
    }
