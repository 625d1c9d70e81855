"""A place with partners' proposals waiting for a decision is not deleted with them (issue 15):
the organisers are told to decide first; decided proposals go with their place."""

import pytest
from django.urls import reverse

from congress.audit.models import AuditEntry
from congress.editions.models import Venue
from tests.spaces import plain
from tests.tracks.activity_proposals.conftest import submit
from tracks.activities import staff
from tracks.activity_proposals import services
from tracks.activity_proposals.models import ActivityProposal

pytestmark = pytest.mark.django_db


def test_a_place_with_a_waiting_proposal_is_kept_with_a_clear_message(client, call):
    proposal = submit(call)
    call.week.features = {"many_venues": True}
    call.week.save(update_fields=["features"])
    client.force_login(call.organiser)
    url = reverse("staff_venue_delete", args=[call.week.slug, call.venue.pk])
    response = client.post(url, follow=True)
    text = [plain(str(m)) for m in response.context["messages"]]
    assert text == [
        plain(
            "Des propositions d'activités attendent une décision dans ce lieu : acceptez-les ou "
            "refusez-les d'abord."
        )
    ]
    assert Venue.objects.filter(pk=call.venue.pk).exists()
    assert ActivityProposal.objects.filter(pk=proposal.pk, status="submitted").exists()
    assert not AuditEntry.objects.filter(action="venue.deleted").exists()


def test_once_decided_the_place_goes_with_its_refused_proposals(call):
    proposal = submit(call)
    services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=False)
    staff.venue_delete(congress=call.week, venue=call.venue, by=call.organiser)
    assert not Venue.objects.filter(pk=call.venue.pk).exists()
    assert not ActivityProposal.objects.exists()
    assert AuditEntry.objects.filter(action="venue.deleted").count() == 1
