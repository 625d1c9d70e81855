"""Crafted values in every filter parameter of every list page and list endpoint: never a 5xx.

The list views and their parameters are discovered, so a new list or filter is covered without
touching this file: the URL resolver gives every route; a DRF view whose GET action is `list`
(or a list view of its own) is a list endpoint, its parameters are its filterset fields,
search, ordering, pagination and whatever its code reads from `query_params`; an HTML view that
reads `request.GET` or builds a filter form is a list page, its parameters are the names it
reads, its filter form's fields and the fields of the GET forms on the rendered page.
"""

import inspect
import re
from html.parser import HTMLParser
from itertools import product

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.http import urlencode

pytestmark = pytest.mark.django_db

CRAFTED = {
    "nul": "%00",
    "nul-inside": "a%00b",
    "overlong-utf8-nul": "%C0%80",
    "overlong-utf8-slash": "%C0%AF",
    "not-utf8": "%FF%FE",
    "lone-surrogate": "%ED%A0%80",
    "very-long": "x" * 5000,
    "huge-number": "9" * 40,
}
GET_READ = re.compile(r"""(?:GET|query_params)(?:\.get|\.getlist)?\(?\[?\s*["']([\w-]+)["']""")
FILTER_FORM = re.compile(r"\b(\w*FilterForm)\(")
KWARG = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def route_url(route: str, kwargs: dict) -> str:
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1)], url)
    return "/" + url.replace("^", "").replace("$", "")


class GetFormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names, self._in_get_form = set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea") and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


HANDS_QUERY = re.compile(r"\b(\w+)\.(\w+)\([^()]*request\.GET")


def _sources(callback):
    """The view's source and module, and those of the helpers it hands its query to
    (`cached.programme_body(congress, request.GET)`: the cached programme reads its filters
    there)."""
    source, module = inspect.getsource(callback), inspect.getmodule(callback)
    yield source, module
    for owner, name in HANDS_QUERY.findall(source):
        helper = getattr(getattr(module, owner, None), name, None)
        if inspect.isfunction(helper):
            yield inspect.getsource(helper), inspect.getmodule(helper)


def view_parameters(pattern: URLPattern) -> tuple[str, set[str]] | None:
    """("api" or "page", parameter names) for a list view, None for anything else."""
    callback = pattern.callback
    cls = getattr(callback, "cls", None)
    actions = getattr(callback, "actions", None)
    if cls is not None and hasattr(cls, "get") or actions:
        is_api = hasattr(cls, "filter_backends")
        is_list = (actions or {}).get("get") == "list" or (not actions and hasattr(cls, "list"))
        if not (is_api and is_list):
            return None
        names = set(GET_READ.findall(inspect.getsource(cls)))
        names |= set(getattr(cls, "filterset_fields", None) or [])
        if getattr(cls, "filterset_class", None) is not None:
            names |= set(cls.filterset_class.base_filters)
        if getattr(cls, "search_fields", None):
            names.add("search")
        if getattr(cls, "ordering_fields", None):
            names.add("ordering")
        paginator = getattr(cls, "pagination_class", None)
        if paginator is not None:
            names |= {"page", "limit", "offset", "cursor"} & set(dir(paginator))
            names.add(getattr(paginator, "page_query_param", None) or "page")
            if getattr(paginator, "page_size_query_param", None):
                names.add(paginator.page_size_query_param)
        return "api", names
    if cls is not None:  # a class-based Django view (login, password reset...): not a list
        return None
    names = set()
    for source, module in _sources(callback):
        names |= set(GET_READ.findall(source))
        for form_name in FILTER_FORM.findall(source):
            form_class = getattr(module, form_name, None)
            if isinstance(form_class, type) and issubclass(form_class, forms.BaseForm):
                names |= set(form_class.base_fields)
    if not names:
        return None
    return "page", names


def list_views():
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/schema", "api/docs")) or "format" in route:
            continue
        found = view_parameters(pattern)
        if found is not None:
            yield route, found


@pytest.fixture
def reachable(world, client):
    """Each list view with path arguments and a user that gets a 200 from it."""
    o = world.objects
    slugs = {
        "congress_slug": [o["edition"].slug],
        "organisation_slug": [o["org_a"].slug],
        "slug": [o["edition"].slug, o["org_a"].slug, o["track_1"].slug],
        "track_slug": [o["track_1"].slug],
    }
    people = [world.users[role] for role in ("organiser", "manager_a", "reviewer_1")]
    people += [world.users["moderator_1"], None]
    found, unreachable = [], []
    for route, (kind, names) in list_views():
        kwarg_names = [a or b for a, b in KWARG.findall(route)]
        if any(name not in slugs for name in kwarg_names):
            unreachable.append(route)
            continue
        choices = product(*(slugs[name] for name in kwarg_names), people)
        for *values, user in choices:
            url = route_url(route, dict(zip(kwarg_names, values, strict=True)))
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            if response.status_code == 200:
                if kind == "page":
                    parser = GetFormFields()
                    parser.feed(response.text)
                    names = names | parser.names
                found.append((url, kind, user, sorted(names)))
                break
        else:
            unreachable.append(route)
    return found, unreachable


def test_every_filter_parameter_of_every_list_refuses_crafted_values_without_a_5xx(
    client, reachable
):
    found, unreachable = reachable
    urls = {url for url, *_ in found}
    # Discovery works: the lists named in the security review are among those exercised.
    for expected in (
        "/api/v1/organisations/",
        "/api/v1/congresses/matrix-edition/sessions/",
        "/organisations/",
        "/staff/matrix-edition/audit/",
        "/congresses/matrix-edition/programme/",
        "/staff/matrix-edition/registrations/",
    ):
        assert expected in urls, (expected, sorted(urls), unreachable)
    assert len(found) >= 20
    client.raise_request_exception = False  # collect every 500, not only the first
    failures = []
    for url, kind, user, names in found:
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, (label, value) in product(names, CRAFTED.items()):
            query = f"{urlencode({name: ''})}{value}"
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                failures.append((url, name, label, response.status_code))
            elif label not in ("very-long", "huge-number"):
                if response.status_code != 400:
                    failures.append((url, name, label, response.status_code))
                elif kind == "api":
                    assert "caractères nuls" in response.json()["detail"]
    assert failures == []
