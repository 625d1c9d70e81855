"""The session page shows its confirmed speakers' profiles (the speakers sub-domain sits above
the programme's pages)."""

from django import template

from tracks.speakers import selectors

register = template.Library()


@register.inclusion_tag("tracks/speakers/_session_speakers.html")
def session_speaker_profiles(session):
    return {"profiles": selectors.session_speakers(session), "congress": session.congress}
