"""The speakers' profiles shown on the cached session pages (congress/core/pagecache.py): a
profile confirmed, edited, linked to a session or deleted makes its edition's pages fresh."""

from congress.core import pagecache
from tracks.speakers.models import SpeakerProfile


def watch_models() -> None:
    pagecache.watch(SpeakerProfile, lambda profile: [profile.congress_id])
