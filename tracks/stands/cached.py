"""The number of stands shown on an evening's cached edition page (congress/core/pagecache.py)."""

from congress.core import pagecache
from tracks.stands.models import Stand


def watch_models() -> None:
    pagecache.watch(Stand, lambda stand: [stand.congress_id])
