"""Property-based run of the whole API against its own OpenAPI schema (schemathesis).

Every operation of /api/schema/ gets generated requests, anonymous and as a signed-in
organisation manager. Every response is checked: no server error, a documented status code,
the documented content type and body schema; the anonymous run also checks that writes without
credentials are refused. Bounded (a dozen examples per operation) so it stays quick.

Two request-side checks are left out, because they judge the input rules, not the responses:
- ``negative_data_rejection``: DRF coerces compatible scalars on purpose (``0`` for ``false``,
  ``"5"`` for ``5``), so "a request that violates the schema was accepted" flags the framework's
  documented leniency on every endpoint;
- ``positive_data_acceptance``: business rules JSON Schema cannot express (the SIRET checksum,
  an INSEE code, a passed deadline, a full workshop) rightly answer 400 to schema-valid requests.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)

from congress.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

EXCLUDED = [negative_data_rejection, positive_data_acceptance]
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests run in-process inside the test's transaction: like Django's test client, don't
    let the request signals close the database connection under it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def demo_data(db):
    from tests.factories import CongressFactory, MembershipFactory, TrackFactory

    congress = CongressFactory(slug="congres-test", is_current=True)
    TrackFactory(congress=congress, slug="insertion")
    return MembershipFactory(role="manager")


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_api_conforms_to_its_schema_anonymous(case, demo_data):
    case.call_and_validate(excluded_checks=EXCLUDED)


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_api_conforms_to_its_schema_authenticated(case, demo_data):
    from rest_framework.authtoken.models import Token

    token, _created = Token.objects.get_or_create(user=demo_data.user)
    # The token is passed by hand, so schemathesis's "invalid credentials are refused" probe would
    # re-send it; the anonymous run above checks that unauthenticated writes are refused.
    case.call_and_validate(
        headers={"Authorization": f"Token {token.key}"}, excluded_checks=[ignored_auth, *EXCLUDED]
    )
