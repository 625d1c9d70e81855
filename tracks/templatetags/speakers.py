"""The session page shows its confirmed speakers' profiles (the speakers sub-domain sits above
the programme's pages)."""

from django import template

from tracks.speakers import selectors
from tracks.speakers.services import parse_speaker_line

register = template.Library()


@register.inclusion_tag("tracks/speakers/_session_speakers.html")
def session_speaker_profiles(session):
    """The confirmed profiles, then the programme's speaker lines that have none (written by
    hand or not yet confirmed): each speaker once."""
    profiles = selectors.session_speakers(session)
    names = {profile.name.casefold() for profile in profiles}
    others = [
        line
        for line in session.speaker_list
        if parse_speaker_line(line)["name"].casefold() not in names
    ]
    return {"profiles": profiles, "others": others, "congress": session.congress}
