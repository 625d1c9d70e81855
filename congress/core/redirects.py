"""Where a view may send someone after an action: only to this site."""

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, url: str | None, fallback: str) -> str:
    """`url` (a `next` parameter, a Referer...) if it stays on this site, else `fallback`.

    Every view that follows such a parameter goes through here (a test checks the code)."""
    if url and url_has_allowed_host_and_scheme(
        url,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure() or settings.PRODUCTION,
    ):
        return url
    return fallback
