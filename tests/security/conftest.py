"""One "world" for the permission matrix: an edition with two tracks, two organisations,
a user for every role, and objects of every kind (some of them belonging to another
organisation, another track or another edition, to be guessed at).

Its parts are built by tests/security/*_world.py, in the order below (later parts use the
objects of earlier ones); tests/security/world.py holds the World and the shared helpers."""

import pytest

from tests.security.documents_world import add_documents
from tests.security.editions_world import add_editions
from tests.security.funding_world import add_funding
from tests.security.people_world import add_invitations, add_people
from tests.security.programme_world import add_programme
from tests.security.proposals_world import add_outcomes, add_proposals
from tests.security.public_world import add_public_programmes
from tests.security.registrations_world import add_registrations
from tests.security.volunteer_world import add_volunteers
from tests.security.world import World


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    # Card payment "configured" (no network is used): the webhook then checks signatures.
    settings.STRIPE_SECRET_KEY = "sk_test_matrix"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_matrix"
    # The mail provider's webhook exists (its token is set): a forged token is still refused.
    settings.MAIL_WEBHOOK_TOKEN = "mail-webhook-token-matrix"
    settings.MEDIA_ROOT = tmp_path / "media"  # generated report files
    w = World()
    add_editions(w)
    add_people(w)
    add_programme(w)
    add_registrations(w)
    add_invitations(w)
    add_proposals(w)
    add_outcomes(w)
    add_documents(w)
    add_funding(w)  # calls for projects and funder meetings (issue 16)
    add_volunteers(w)
    add_public_programmes(w)  # issue 15
    return w
