"""Cache of public pages, invalidated on write (issue 18).

Each edition has a *content version*: an opaque token kept in the shared cache (CACHE_BACKEND=db
or REDIS_URL in production, so every worker sees the same one). Cached pages, fragments and feeds
are stored under keys that contain the version; a write makes a new token, so the next read
misses and renders fresh data. Nothing expires by time to become fresh: old entries are just
never read again (and fall out by the cache's own culling).

Who bumps: not each service by hand, but the models themselves. An app lists, in its
`cached.py` (`watch_models()`, called by congress/apps.py), every model whose rows the cached pages show, with how to find the edition
(or editions) of a row: `watch(Session, lambda s: [s.congress_id])`. A save, a delete or a change
of a many-to-many relation of such a model then bumps the edition's version, whatever service,
admin page or command made it. A service forgetting to bump is therefore impossible; a *page*
reading a model nobody watches is caught by tests/tracks/test_programme_cache.py, which renders
every cached page on a cold cache and checks that each table it reads is watched.
`QuerySet.update()` and `bulk_create()` send no signal: code that uses them on a watched model
calls `bump()` itself.

The bump happens when the transaction commits (see `bump`).
"""

import functools
import hashlib
import os
import secrets
import threading
import time
from pathlib import Path

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from congress.core.localcache import LocalEntries

# The site-wide scope: pages of no edition (home, directory) and rows shown by every edition.
SITE = "site"
# Cached entries are not needed for long: a day bounds what stale keys occupy.
ENTRY_TIMEOUT = 24 * 3600

_watched: dict[type, list] = {}  # model -> [(scopes_of, fields)]
_m2m_fields: dict[type, str] = {}  # through model -> name of the watched model's field


def version_key(scope) -> str:
    return f"pagecache:version:{scope}"


def _new_token() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


# The versions read during the current request, read once each (a page asks for its edition's
# version for its key, its ETag and its Last-Modified). None outside a request: a task or a
# command always reads the shared cache.
_request = threading.local()


def _request_started(**kwargs) -> None:
    _request.versions = {}
    _request.changes_at = None


def _request_finished(**kwargs) -> None:
    _request.versions = None
    _request.changes_at = None


request_started.connect(_request_started, dispatch_uid="pagecache:request_started")
request_finished.connect(_request_finished, dispatch_uid="pagecache:request_finished")


def version(scope) -> str:
    """The current content version of `scope` (an edition's pk, or SITE)."""
    seen = getattr(_request, "versions", None)
    if seen is not None and scope in seen:
        return seen[scope]
    key = version_key(scope)
    token = cache.get(key)
    if token is None:
        cache.add(key, _new_token(), None)
        token = cache.get(key)
    if seen is not None:
        seen[scope] = token
    return token


def changes_at(moment) -> None:
    """What the current request shows will change with time at `moment` (an aware datetime):
    a page served before its view (congress/core/keptpages.py) is not served from then on.
    Moments already past are shown as they are, and ignored."""
    if moment is None or getattr(_request, "versions", None) is None:
        return
    if moment <= timezone.now():
        return
    current = getattr(_request, "changes_at", None)
    if current is None or moment < current:
        _request.changes_at = moment


def next_change():
    """The earliest moment given to `changes_at` during the current request, or None."""
    return getattr(_request, "changes_at", None)


def _set_new_version(scope) -> None:
    token = _new_token()
    cache.set(version_key(scope), token, None)
    seen = getattr(_request, "versions", None)
    if seen is not None:  # a write during a request: its own later reads see it
        seen[scope] = token


def _inside_a_test_transaction() -> bool:
    """A test's transaction is never committed (Django's TestCase marks its atomic blocks)."""
    return any(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def bump(*scopes) -> None:
    """Make every cached page of these scopes stale once the write is committed (at once
    outside a transaction). A reader that takes the old version before the commit caches the
    old rows under it, which nobody reads after the bump. Not at once inside the transaction:
    with the database cache that write would lock the version's row until the commit and
    serialise every writer of the edition. In a test (never committed): at once."""
    for scope in {s for s in scopes if s is not None}:
        if _inside_a_test_transaction():
            _set_new_version(scope)
        transaction.on_commit(lambda scope=scope: _set_new_version(scope))


def watch(model, scopes_of, *, fields=None) -> None:
    """Bump the scopes returned by `scopes_of(instance)` on every write of `model`. Several
    apps may watch one model (each knows its own pages). With `fields`, a save naming only
    other fields (`save(update_fields=["last_login"])`) bumps nothing."""
    _watched.setdefault(model, []).append((scopes_of, frozenset(fields or ())))
    uid = f"pagecache:{model._meta.label}"
    post_save.connect(_on_write, sender=model, dispatch_uid=uid + ":save")
    post_delete.connect(_on_write, sender=model, dispatch_uid=uid + ":delete")
    for field in model._meta.local_many_to_many:
        _m2m_fields[field.remote_field.through] = field.name
        m2m_changed.connect(
            _on_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
        )


def watched_models() -> set[type]:
    return set(_watched)


def _scopes(model, instance, update_fields=None) -> set:
    scopes = set()
    for scopes_of, fields in _watched[model]:
        if fields and update_fields is not None and not fields & set(update_fields):
            continue
        scopes.update(scopes_of(instance))
    return scopes


def _on_write(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures loading
        return
    bump(*_scopes(sender, instance, kwargs.get("update_fields")))


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not reverse:  # session.moderators.add(user)
        if action.startswith("post_"):
            bump(*_scopes(type(instance), instance))
        return
    # user.moderated_sessions.add(session): the sessions on the other side change; before a
    # clear, the ones still linked.
    if action == "pre_clear":
        rows = model._default_manager.filter(**{_m2m_fields[sender]: instance})
    elif action in {"post_add", "post_remove"}:
        rows = model._default_manager.filter(pk__in=pk_set or ())
    else:
        return
    bump(*{scope for row in rows for scope in _scopes(model, row)})


# What a page is made of besides its rows: the code, templates, catalogues and static files.
CODE_DIRS = ("congress", "tracks", "proposals", "funding", "volunteers", "messaging", "reports",
             "templates", "locale", "static")  # fmt: skip
CODE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json"}


@functools.cache
def code_token(root: Path, dirs: tuple[str, ...] = CODE_DIRS) -> str:
    """A digest of the names, sizes and modification times of the files pages are made from,
    read once per process: a deploy that changes a template, a view or a translation makes
    new keys and ETags, so neither the shared cache (kept across deploys with CACHE_BACKEND=db)
    nor a browser's copy serves the old page (« not modified »)."""
    digest = hashlib.sha256()
    for name in dirs:
        for folder, subfolders, files in os.walk(root / name):
            subfolders.sort()
            for file in sorted(files):
                path = Path(folder, file)
                if path.suffix in CODE_SUFFIXES:
                    info = path.stat()
                    digest.update(
                        f"{path.relative_to(root)}:{info.st_size}:{info.st_mtime_ns};".encode()
                    )
    return digest.hexdigest()[:16]


def release() -> str:
    """What the pages depend on besides their edition's rows: the code (`code_token`), an
    optional RELEASE label set by the deployment, and the settings drawn on every page (the
    demo banner)."""
    from django.conf import settings

    demo = "demo" if getattr(settings, "DEMO_SITE", False) else "live"
    return f"{code_token(Path(settings.BASE_DIR))}-{os.environ.get('RELEASE', '')}-{demo}"


def key(scope, name: str, *parts) -> str:
    """A cache key for `name` of `scope` at its current version and the site's `release()`,
    varying by `parts`."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"pagecache:{scope}:{version(scope)}:{release()}:{name}:{digest}"


# PAGECACHE_LOCAL_MB per worker process (0: no local copies, every read goes to the shared cache).
_local = LocalEntries(int(float(os.environ.get("PAGECACHE_LOCAL_MB", "32")) * 1024 * 1024))


def clear_local() -> None:
    """Forget the process's copies and this thread's versions of the request (the tests, after
    clearing the shared cache)."""
    _local.clear()
    _request_finished()


def get_or_render(cache_key: str, render):
    """The entry under `cache_key` (a `key()`: its content never changes), rendered by
    `render()` and stored on a miss; kept in the process too (`LocalEntries`)."""
    value = _local.get(cache_key)
    if value is not None:
        return value
    value = cache.get(cache_key)
    if value is None:
        value = render()
        cache.set(cache_key, value, ENTRY_TIMEOUT)
    _local.put(cache_key, value)
    return value


def kept(cache_key: str):
    """The entry under `cache_key` (a `key()`) from the process's copies, else from the shared
    cache (then copied into the process); None when neither has it."""
    value = _local.get(cache_key)
    if value is None:
        value = cache.get(cache_key)
        if value is not None:
            _local.put(cache_key, value)
    return value


def kept_in_process(cache_key: str):
    """The process's own copy of the entry under `cache_key`, or None (no shared cache read)."""
    return _local.get(cache_key)


def keep(cache_key: str, value) -> None:
    """Store `value` under `cache_key` (a `key()`) in the shared cache and the process."""
    cache.set(cache_key, value, ENTRY_TIMEOUT)
    _local.put(cache_key, value)


def versions_read() -> dict | None:
    """The versions the current request has read so far, by scope (None outside a request)."""
    return getattr(_request, "versions", None)


def etag_of(cache_key: str) -> str:
    return '"' + hashlib.sha256(cache_key.encode()).hexdigest()[:32] + '"'


def not_modified(request, etag: str) -> bool:
    """True when the client's If-None-Match already names `etag` (answer 304)."""
    header = request.headers.get("If-None-Match", "")
    return etag in {tag.strip().removeprefix("W/") for tag in header.split(",")} or header == "*"


def last_modified_of(scope):
    """When `scope` last changed (the time inside its version token), for Last-Modified."""
    return int(version(scope)[:-8], 16) / 1e9


def conditional(request, etag_parts, build, *, scope):
    """Answer 304 when the client already holds this exact content, else `build()` the
    response and label it with an ETag (and Last-Modified: the scope's last change).
    `etag_parts` must name everything the response depends on (a cache key, the user...)."""
    return labelled(request, etag_parts, build, last_modified_of(scope))


def labelled(request, etag_parts, build, last_modified: float):
    """304 when the client holds the response these `etag_parts` (and the release) name, else
    `build()`; either way labelled with its ETag, Last-Modified and « revalidate each time »."""
    from django.http import HttpResponseNotModified
    from django.utils.http import http_date

    tag = etag_of("\x1f".join(str(p) for p in (release(), *etag_parts)))
    response = HttpResponseNotModified() if not_modified(request, tag) else build()
    response["ETag"] = tag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "private, no-cache"
    return response


def page_number(value, count: int, per_page: int) -> int:
    """The page `Paginator.get_page(value)` shows for `count` rows: 1 for anything that is not
    a number, the last page for a number out of range. Cached lists key on this number, never
    on the raw `?page=`, so no query string makes a new entry."""
    last = max(1, -(-count // per_page))
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= last else last


def cached_page(scope, name: str, parts: tuple, rows, per_page: int, page_value, render):
    """One page of a list, cached: (html, key). `parts` are the list's normalised filters (and
    the language); `rows()` makes the list's queryset (called on a miss only: building a
    filtered queryset costs more than reading the cache); the row count is cached beside
    them, `page_value` (the raw `?page=`) clamped to it, and `render(page)` called on a miss
    with a Django Page of the rows."""
    from django.core.paginator import Paginator

    count = get_or_render(key(scope, name + ":count", *parts), lambda: rows().count())
    number = page_number(page_value, count, per_page)
    cache_key = key(scope, name, number, *parts)

    def render_page():
        paginator = Paginator(rows(), per_page)
        paginator.count = count  # a cached_property: no second COUNT
        return render(paginator.page(number))

    return get_or_render(cache_key, render_page), cache_key


def query_string(values: dict) -> str:
    """`a=1&b=2&` of the non-empty normalised filters, for the links of a cached list."""
    from django.utils.http import urlencode

    kept = {k: v for k, v in values.items() if v not in ("", None)}
    return urlencode(kept) + "&" if kept else ""
