"""The pages and API endpoints of a switched-off feature answer 404 (issue 15; the API in
JSON, through the project's 404 handler).

``guard_feature_urls`` walks the URL patterns once at start-up and wraps every view whose URL
name a feature declares (congress.editions.kinds): the wrapped view reads the edition's switches
(one query) before anything else, so an edition without a call for proposals has no proposal
pages at all, whatever app serves them.
"""

from functools import wraps

from django.http import Http404
from django.urls import URLPattern, URLResolver

from congress.editions.kinds import feature_for_url_name
from congress.editions.models import Congress


def ensure_feature(congress: Congress, code: str) -> None:
    if not congress.feature_on(code):
        raise Http404


def feature_required(view, code: str):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        slug = kwargs.get("congress_slug") or kwargs.get("slug")
        edition = Congress.objects.filter(slug=slug).only("kind", "features").first()
        if edition is not None:
            ensure_feature(edition, code)
        return view(request, *args, **kwargs)

    guarded.feature_code = code
    return guarded


def guard_feature_urls(patterns) -> list:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guard_feature_urls(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            code = feature_for_url_name(pattern.name or "")
            if code and not hasattr(pattern.callback, "feature_code"):
                pattern.callback = feature_required(pattern.callback, code)
    return patterns
