"""The registrations board sorts on a name kept on each registration (`Registration.sort_name`,
congress/registrations/sorting.py; issue 18): the order's organisation, or the person who placed
an order without one. It is written with every registration and follows the renames."""

import ast
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.accounts import services as account_services
from congress.organisations import services as organisation_services
from congress.profile import services as profile_services
from congress.registrations import services
from congress.registrations.models import Registration
from congress.registrations.selectors import registrations_board
from tests.congress.registrations.conftest import delegate
from tests.factories import OrganisationFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def board_names(edition) -> list[str]:
    return [r.full_name for r in registrations_board(edition)]


def sort_names(edition) -> set[str]:
    return set(Registration.objects.filter(congress=edition).values_list("sort_name", flat=True))


@pytest.fixture
def two_orders(edition, tariffs, ccas_manager):
    """A CCAS's order of two delegates, and a person registering herself."""
    person = UserFactory(full_name="Zoé Martin", email="zoe@example.org")
    services.order_create(
        congress=edition, by=ccas_manager, organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"], delegates=[delegate(2), delegate(1)],
        code_service="SERV", engagement_number="EJ-1",
    )  # fmt: skip
    services.order_create(
        congress=edition, by=person, tariff=tariffs["individual"],
        delegates=[{"full_name": "Zoé Martin", "email": "zoe@example.org"}],
        payment_method="transfer",
    )  # fmt: skip
    return person


def test_a_new_order_s_delegates_hold_its_organisation_or_its_buyer(edition, two_orders):
    assert sort_names(edition) == {"CCAS de Coulaines", "Zoé Martin"}
    # by organisation or buyer, then the order's delegates together by name
    assert board_names(edition) == ["Délégué·e 1", "Délégué·e 2", "Zoé Martin"]


def test_a_renamed_organisation_moves_its_delegates(edition, two_orders, ccas_manager):
    organisation = ccas_manager.memberships.get().organisation
    organisation_services.organisation_update(
        organisation=organisation, by=ccas_manager, name="Zonza, centre communal"
    )
    assert sort_names(edition) == {"Zonza, centre communal", "Zoé Martin"}
    assert board_names(edition) == ["Zoé Martin", "Délégué·e 1", "Délégué·e 2"]
    organisation.refresh_from_db()
    organisation.name = "Accueil de Coulaines"  # a save elsewhere (the admin) is followed too
    organisation.save()
    assert board_names(edition) == ["Délégué·e 1", "Délégué·e 2", "Zoé Martin"]


def test_a_renamed_buyer_moves_her_own_order_only(edition, two_orders, ccas_manager):
    account_services.user_update_profile(
        user=two_orders, full_name="Alice Martin", phone="", preferred_language="fr"
    )
    assert board_names(edition) == ["Zoé Martin", "Délégué·e 1", "Délégué·e 2"]
    # the manager who placed the CCAS's order renamed: that order still sorts by the CCAS
    account_services.user_update_profile(
        user=ccas_manager, full_name="Aaron Premier", phone="", preferred_language="fr"
    )
    assert sort_names(edition) == {"CCAS de Coulaines", "Alice Martin"}


def test_an_erased_buyer_s_name_is_not_kept_in_the_sort_name(edition, two_orders):
    two_orders.set_password("motdepasse-solide-42")
    two_orders.save()
    profile_services.user_delete_account(user=two_orders, password="motdepasse-solide-42")
    assert "Zoé Martin" not in sort_names(edition)
    assert not Registration.objects.filter(sort_name__icontains="Zoé").exists()


def test_a_login_or_an_unrelated_save_touches_no_registration():
    person, organisation = UserFactory(), OrganisationFactory()
    with CaptureQueriesContext(connection) as seen:
        person.save(update_fields=["last_login"])
        organisation.save(update_fields=["orphaned_at"])
        person.save()
    touched = [q["sql"] for q in seen if "congress_registration" in q["sql"]]
    assert len(touched) == 1  # only the full save of the person looks


def test_the_migration_fills_the_registrations_already_there(edition):
    organisation = OrganisationFactory(name="Banque alimentaire de la Sarthe")
    with_organisation = RegistrationFactory(
        congress=edition, order__congress=edition, order__organisation=organisation
    )
    alone = RegistrationFactory(congress=edition, order__congress=edition)
    Registration.objects.update(sort_name="")
    fill = __import__("congress.migrations.0023_registration_sort_name", fromlist=["fill"]).fill
    fill(django_apps, None)
    with_organisation.refresh_from_db()
    alone.refresh_from_db()
    assert with_organisation.sort_name == "Banque alimentaire de la Sarthe"
    assert alone.sort_name == alone.order.placed_by.full_name


def _registrations_made_without_a_sort_name() -> list[str]:
    """Every `Registration(...)` or `Registration.objects.create(...)` in the code that does
    not pass `sort_name=`."""
    missing = []
    for app in ("congress", "tracks", "proposals", "reports", "funding", "volunteers"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                made = (isinstance(func, ast.Name) and func.id == "Registration") or (
                    isinstance(func, ast.Attribute)
                    and func.attr in ("create", "get_or_create", "update_or_create")
                    and ast.unparse(func.value) == "Registration.objects"
                )
                if made and not any(k.arg in ("sort_name", "defaults") for k in node.keywords):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return missing


def test_every_registration_the_code_makes_is_given_its_sort_name():
    assert _registrations_made_without_a_sort_name() == []
