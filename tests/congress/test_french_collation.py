"""Names sort with a French collation everywhere, on SQLite and on PostgreSQL (issue 14).

Accented names sort with their letter (« Épicerie » among the E, before « Tremplin »), case
does not matter. The tests run on both databases: SQLite here, PostgreSQL in CI (scripts/test.sh
runs the whole suite on it), where the same orderings go through the ICU collation `fr-x-icu`.
"""

import pytest
from django.db import connection
from django.urls import reverse

from congress.accounts.models import User
from congress.core.collation import by_name, french_sort_key
from congress.organisations.models import Organisation
from congress.organisations.selectors import organisation_directory, organisation_members
from congress.registrations.selectors import registrations_board
from proposals.outcomes.recording.forms import _organisations as outcome_organisations
from proposals.outcomes.recording.models import Addressee
from reports.selectors import organisations_for_annex
from tests.factories import CongressFactory, OrganisationFactory, SessionFactory, UserFactory
from tracks.forms import moderator_candidates
from tracks.selectors import session_attendees, track_roles_of_congress

NAMES = ["Tremplin", "Épicerie solidaire du Maine", "zèbre", "Abri", "école de la rue", "Eden"]
FRENCH_ORDER = [
    "Abri",
    "école de la rue",
    "Eden",
    "Épicerie solidaire du Maine",
    "Tremplin",
    "zèbre",
]


def test_french_sort_key_puts_accented_and_lowercase_names_with_their_letter():
    assert sorted(NAMES, key=french_sort_key) == FRENCH_ORDER
    assert sorted(NAMES) != FRENCH_ORDER  # the code-point order this replaces


@pytest.fixture
def organisations():
    return [OrganisationFactory(name=name, public_listing=True) for name in NAMES]


@pytest.mark.django_db
def test_the_database_sorts_names_the_french_way(organisations):
    assert list(Organisation.objects.values_list("name", flat=True)) == FRENCH_ORDER
    descending = Organisation.objects.order_by(*by_name("-name")).values_list("name", flat=True)
    assert list(descending) == FRENCH_ORDER[::-1]


@pytest.mark.django_db
def test_people_sort_by_name_the_french_way():
    for name in NAMES:
        UserFactory(full_name=name)
    assert list(User.objects.values_list("full_name", flat=True)) == FRENCH_ORDER


@pytest.mark.django_db
def test_the_directory_and_the_outcome_form_list_organisations_the_french_way(
    organisations, client
):
    for where, queryset in {
        "directory (selector)": organisation_directory(),
        "outcome form select": outcome_organisations(),
    }.items():
        assert [o.name for o in queryset if o.name in NAMES] == FRENCH_ORDER, where
    page = client.get(reverse("organisation_list")).content.decode()
    positions = [page.index(name) for name in FRENCH_ORDER]
    assert positions == sorted(positions), "directory page"


def places_that_sort_names(congress, organisation, session) -> dict:
    """Every read that lists people or organisations by name (boards, selects, annexes)."""
    return {
        "directory": organisation_directory(),
        "organisation members": organisation_members(organisation),
        "registrations board": registrations_board(congress),
        "session attendees": session_attendees(session),
        "track roles board": track_roles_of_congress(congress),
        "moderator select": moderator_candidates(congress),
        "outcome form organisations": outcome_organisations(),
        "report annex of organisations": organisations_for_annex(congress),
        "report addressees": Addressee.objects.order_by(*by_name("=order", "name")),
        "every organisation": Organisation.objects.all(),
        "every person": User.objects.all(),
    }


@pytest.mark.django_db
def test_every_place_that_sorts_names_uses_the_french_collation():
    congress, organisation = CongressFactory(), OrganisationFactory()
    session = SessionFactory(congress=congress)
    collation = '"fr-x-icu"' if connection.vendor == "postgresql" else '"french"'
    plain = []
    for where, queryset in places_that_sort_names(congress, organisation, session).items():
        sql = str(queryset.query)
        if f"COLLATE {collation}" not in sql.partition("ORDER BY")[2]:
            plain.append(where)
        list(queryset)  # the database accepts the query
    assert plain == []


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_has_the_icu_collation_used_for_names():
    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider FROM pg_collation WHERE collname = 'fr-x-icu'")
        assert cursor.fetchone() == ("i",)
