"""Pages kept whole for visitors who are not logged in, and served before their view (issue 18).

`conditional_page` is what a cached public page's view returns: an ETag and a 304 for visitors who
are not logged in, and the whole page (header, menu, footer) kept under what its ETag names, the
path, the language and the site's version, with the visitor's own CSRF token and return address
put back for each request (`_whole_page`). `early_response`, called by `EarlyPageMiddleware`,
serves such a page again before the URL is resolved while everything it was made from holds.
The versions, keys and each process's copies are `congress/core/pagecache.py`'s.
"""

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import cache

from congress.core import pagecache


def clear() -> None:
    """Forget the pages remembered for early visits (the tests, with `pagecache.clear_local`)."""
    with _early_lock:
        _early.clear()


def conditional_page(request, cache_key: str, build, *, scope, early=False, until=None):
    """`conditional()` for an HTML page whose shared part is cached under `cache_key`: only for
    visitors who are not logged in (a logged-in person's header and menus change with their
    roles, which no version follows) and have no message waiting (shown once). The page embeds
    the CSRF token of the visitor's cookie: the cookie is part of the ETag. For these visitors
    the whole page, frame included, is kept too (`_whole_page`).

    `early=True`: the page depends on nothing but the versions its request read and on time up
    to `until` (a datetime, or None: no time at all) or the earliest moment its parts gave
    `pagecache.changes_at`; its next visits may then be served before the view
    (`early_response`)."""
    from django.conf import settings
    from django.contrib import messages

    if request.user.is_authenticated or len(messages.get_messages(request)):
        return build()
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    early_entry = None
    if early:
        # what the page's parts said of their own time (`pagecache.changes_at`)
        bound = pagecache.next_change()
        if bound is not None and (until is None or bound < until):
            until = bound
        early_entry = {"etag_key": cache_key, "scope": scope,
                       "until": None if until is None else until.timestamp()}  # fmt: skip
    return pagecache.conditional(
        request, (cache_key, csrf_cookie),
        lambda: _whole_page(request, cache_key, build, early=early_entry), scope=scope,
    )  # fmt: skip


# What of the visitor's own a page shows to a visitor who is not logged in: the CSRF token of
# its forms and the language form's « next » (the path with its query string, whatever it is).
# Both are left out of a kept page and put back for each visitor.
CSRF_FIELD = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_MARK = "\x00csrf-token\x00"
NEXT_FIELD = re.compile(r'(<input name="next" type="hidden" value=")[^"]*(")')
NEXT_MARK = "\x00next\x00"


def _whole_page(request, cache_key: str, build, *, early=None):
    """The page as `build()` makes it, kept under `cache_key` (what the ETag names), the path,
    the language and the site's version (the menu shows the current edition), with the
    visitor's own values put back for each request. The same rule as a 304: a page whose ETag
    names its content may be served again while the ETag holds; a query string the key does
    not name (junk, an unknown parameter) changes only « next », so it makes no entry. Only a
    plain 200 of HTML is kept (no cookie set, no other header than its type)."""
    from django.utils.translation import get_language

    whole_key = pagecache.key(pagecache.SITE, "whole-page", cache_key, request.path, get_language())
    entry = pagecache.kept(whole_key)
    if entry is not None:
        if early is not None:
            _remember_early(request, whole_key, **early)
        return _kept_response(request, entry)
    response = build()
    if (
        response.status_code != 200 or response.streaming or response.cookies
        or {name.lower() for name, _value in response.items()} != {"content-type"}
        or not response["Content-Type"].startswith("text/html")
    ):  # fmt: skip
        return response
    charset = response.charset
    content = response.content.decode(charset)
    if CSRF_MARK in content or NEXT_MARK in content:  # someone's text with our marks: never kept
        return response
    content = CSRF_FIELD.sub(lambda m: m.group(1) + CSRF_MARK + m.group(2), content)
    content = NEXT_FIELD.sub(lambda m: m.group(1) + NEXT_MARK + m.group(2), content, count=1)
    entry = (response["Content-Type"], content)
    pagecache.keep(whole_key, entry)
    if early is not None:
        _remember_early(request, whole_key, **early)
    return response


def _kept_response(request, entry):
    """A kept page with this visitor's own CSRF token and return address put back."""
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.utils.html import escape

    content_type, content = entry
    content = content.replace(CSRF_MARK, get_token(request))
    content = content.replace(NEXT_MARK, escape(request.get_full_path()), 1)
    return HttpResponse(content, content_type=content_type)


# --- Pages served before their view ------------------------------------------------------------
# A kept page's own time was mostly its view's: resolving the URL, looking the edition up, reading
# its versions (~80 % of a kept session page). So the process also remembers, per path and
# language, what a page kept whole was made from: the version of every scope the request that
# made it read (the edition's, the site's...). While all of them hold, read in one round trip of
# the shared cache, the next visitor who is not logged in gets the kept page from
# `EarlyPageMiddleware`, before the URL is even resolved. A view opts in (`early=True`) only for
# a page that depends on nothing else but time, and says until when it holds (`until`: the
# session page until the sign-up deadline, the track page until the edition has ended). Only
# paths without a query string are remembered (no stranger fills the index with made-up
# queries); the index is bounded, least recently used dropped first.


@dataclass(frozen=True)
class _Early:
    versions: tuple  # ((scope, token), ...): every version its request read
    until: float | None
    etag_key: str
    whole_key: str
    last_modified: float


EARLY_ENTRIES = 2048
_clock = time.time  # what `until` is compared with (tests move it)
_early: OrderedDict[tuple[str, str, str], _Early] = OrderedDict()
_early_lock = threading.Lock()


def _early_index_key(request) -> tuple[str, str, str] | None:
    """The path, the language and the site's release (the code, and the settings every page
    draws: the demo banner), as the kept page's own key has them."""
    from django.utils.translation import get_language

    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return None
    return (request.path, get_language(), pagecache.release())


def _remember_early(request, whole_key: str, *, etag_key: str, scope, until) -> None:
    seen = pagecache.versions_read()
    index_key = _early_index_key(request)
    if not seen or index_key is None:
        return
    entry = _Early(
        tuple(seen.items()), until, etag_key, whole_key, pagecache.last_modified_of(scope)
    )
    with _early_lock:
        _early[index_key] = entry
        _early.move_to_end(index_key)
        while len(_early) > EARLY_ENTRIES:
            _early.popitem(last=False)


def _forget_early(index_key) -> None:
    with _early_lock:
        _early.pop(index_key, None)


def early_response(request):
    """The kept page of this path for a visitor who is not logged in and has no message
    waiting, if every version it was made from still holds and its time has not run out;
    None otherwise (the view answers)."""
    from django.conf import settings
    from django.contrib.messages.storage.cookie import CookieStorage

    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None  # maybe logged in, maybe a message waiting: the view decides
    index_key = _early_index_key(request)
    if index_key is None:
        return None
    with _early_lock:
        entry = _early.get(index_key)
    if entry is None:
        return None
    if entry.until is not None and _clock() >= entry.until:
        _forget_early(index_key)
        return None
    keys = {scope: pagecache.version_key(scope) for scope, _token in entry.versions}
    current = cache.get_many(list(keys.values()))
    seen = pagecache.versions_read()
    if seen is not None:  # the view, if it runs after all, need not read them again
        seen.update({scope: current[key] for scope, key in keys.items() if key in current})
    if any(current.get(keys[scope]) != token for scope, token in entry.versions):
        _forget_early(index_key)
        return None
    kept = pagecache.kept_in_process(entry.whole_key)
    if kept is None:
        return None
    csrf_cookie = cookies.get(settings.CSRF_COOKIE_NAME, "")
    return pagecache.labelled(
        request,
        (entry.etag_key, csrf_cookie),
        lambda: _kept_response(request, kept),
        entry.last_modified,
    )
