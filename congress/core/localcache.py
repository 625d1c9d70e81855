"""A process's own copies of shared cache entries (congress/core/pagecache.py, issue 18)."""

import pickle
import threading
from collections import OrderedDict


class LocalEntries:
    """The process's own copies of shared entries, least recently used dropped first past
    `max_bytes`. Sound because an entry's key names its content: the key carries the scope's
    version and the release, and a write makes a new version, hence new keys; an entry is
    never rewritten under its key (see `pagecache.bump` for the one race, which stores the old rows
    under the old key). A hit saves the shared cache's round trip and the unpickling of the
    value (with CACHE_BACKEND=db, a query and the base64 of ~200 KB for the programme).
    Strings and bytes are kept as they are (immutable); anything else pickled, so that each
    reader gets its own copy of, say, a model instance."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple[object, bool, int]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, cache_key: str):
        with self.lock:
            entry = self.entries.get(cache_key)
            if entry is None:
                return None
            self.entries.move_to_end(cache_key)
        value, pickled, _size = entry
        return pickle.loads(value) if pickled else value  # noqa: S301 (our own pickle)

    def put(self, cache_key: str, value) -> None:
        pickled = not isinstance(value, str | bytes)
        stored = pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if pickled else value
        size = len(stored) + len(cache_key)
        if size > self.max_bytes // 8:  # one entry never takes the room of many
            return
        with self.lock:
            previous = self.entries.pop(cache_key, None)
            if previous is not None:
                self.size -= previous[2]
            self.entries[cache_key] = (stored, pickled, size)
            self.size += size
            while self.size > self.max_bytes:
                _key, (_value, _pickled, dropped) = self.entries.popitem(last=False)
                self.size -= dropped

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0
