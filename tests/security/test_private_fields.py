"""The permission matrix, for response FIELDS: every API answer, for every role, is walked and
no private field of an object reaches a role without the right to it (review issue 10, finding 3).

Objects with a public and a private side:
  organisations  SIRET, RNA, address, contact e-mail, phone, INSEE code...: their members only
  delegates      needs (accessibility, diet), e-mail: whoever may see the order
"""

import logging

import pytest
from django.urls import reverse

from congress.organisations.models import Membership
from congress.registrations.models import Order
from congress.registrations.permissions import can_view_order
from tests.security.test_permission_matrix import MATRIX, ROLES, request_as

ORGANISATION_PRIVATE = {
    "siret", "rna", "address", "postal_code", "insee_code", "contact_email", "phone",
    "description", "public_listing",
}  # fmt: skip
DELEGATE_PRIVATE = {
    "email", "needs_lsf", "needs_hearing_loop", "needs_step_free", "needs_easy_read",
    "dietary_needs", "other_needs",
}  # fmt: skip

# Every way of asking for organisations: lists with each filter, the detail of each one.
ORGANISATION_QUERIES = [
    "", "?mine=1", "?mine=0", "?mine=", "?mine=true", "?kind=association", "?departement=72",
    "?mine=1&kind=association", "?kind=ccas&mine=1", "?page=1",
]  # fmt: skip


def _urls(world) -> list[str]:
    urls = []
    for case in MATRIX:
        if case.api and case.method == "get":
            urls.append(reverse(case.name, kwargs=case.kwargs(world)))
    base = reverse("organisation-list")
    urls += [base + query for query in ORGANISATION_QUERIES]
    for name in ("org_a", "org_b", "org_listed"):
        urls.append(reverse("organisation-detail", kwargs={"slug": world.objects[name].slug}))
    return sorted(set(urls))


def _walk(body, parent=None):
    """Every dict in a JSON body, with the dict holding it."""
    if isinstance(body, dict):
        yield body, parent
        for value in body.values():
            yield from _walk(value, body)
    elif isinstance(body, list):
        for item in body:
            yield from _walk(item, parent)


def _leaks(world, role: str, body) -> list[str]:
    user = world.users.get(role)
    found = []
    for obj, parent in _walk(body):
        private = ORGANISATION_PRIVATE & set(obj)
        if private and "slug" in obj and "kind" in obj:  # an organisation
            member = (
                user is not None
                and Membership.objects.filter(user=user, organisation__slug=obj["slug"]).exists()
            )
            if not member:
                found.append(f"organisation {obj['slug']}: {sorted(private)}")
        private = DELEGATE_PRIVATE & set(obj)
        if private and "days" in obj:  # a delegate, inside its order
            order = Order.objects.get(pk=parent["id"]) if parent and "reference" in parent else None
            if user is None or order is None or not can_view_order(user, order):
                found.append(f"delegate {obj.get('id')}: {sorted(private)}")
    return found


def test_no_role_sees_private_fields_it_has_no_right_to(world, caplog):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    leaks = []
    checked = 0
    for url in _urls(world):
        for role in ROLES:
            outcome = request_as(world, role, "get", url, api=True)
            if outcome.body is None:
                continue
            checked += 1
            leaks += [f"{url} as {role}: {leak}" for leak in _leaks(world, role, outcome.body)]
    assert checked > 100
    assert not leaks, "private fields shown to roles without the right:\n" + "\n".join(leaks)


@pytest.mark.parametrize("query", ["?mine=1", "?mine=0"])
def test_members_still_get_their_organisations_private_fields(world, query):
    outcome = request_as(world, "manager_a", "get", reverse("organisation-list") + query, api=True)
    records = {o["slug"]: o for o in outcome.body["results"]}
    if query == "?mine=1":
        assert records["org-a"]["siret"] == world.org_a.siret
    assert "siret" not in records.get("org-listed", {})
