"""The organisations directory's cached pages (issue 18; congress/core/pagecache.py explains the
cache). Keyed on the normalised filters and page only: other parameters share the entry, and a
free-text search is rendered live rather than stored (no one fills the cache with strings)."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from congress.core import pagecache
from congress.organisations import selectors
from congress.organisations.forms import DirectoryFilterForm
from congress.organisations.models import Organisation

PER_PAGE = 30


def watch_models() -> None:
    pagecache.watch(Organisation, lambda organisation: [pagecache.SITE])


def directory_body(query) -> tuple[str, str] | None:
    """The directory's HTML for this query and its key, or None when it is not cached (a
    search, or filters that do not validate: the live page shows their errors)."""
    filters = DirectoryFilterForm(query or None)
    if query and (not filters.is_valid() or filters.cleaned_data["q"]):
        return None
    values = {name: query.get(name, "") for name in ("kind", "departement")}

    def render(page) -> str:
        form = DirectoryFilterForm({**values, "q": ""} if any(values.values()) else None)
        return render_to_string(
            "congress/organisations/_organisation_list_body.html",
            {"page": page, "filters": form, "page_query": pagecache.query_string(values)},
        )

    return pagecache.cached_page(
        pagecache.SITE, "organisations", (get_language(), values["kind"], values["departement"]),
        lambda: selectors.organisation_directory(**values), PER_PAGE, query.get("page"), render,
    )  # fmt: skip
