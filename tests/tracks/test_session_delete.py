"""An organiser deletes a session from the staff programme page; refused once people signed up
or its outcome is recorded."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from congress.audit.models import AuditEntry
from proposals.models import ProposalState
from proposals.outcomes.models import Outcome
from tests.factories import (
    SessionFactory,
    UserFactory,
    WorkshopProposalFactory,
    WorkshopSignupFactory,
)
from tests.spaces import plain
from tracks import services
from tracks.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(congress):
    return SessionFactory(congress=congress, title="Plénière d'ouverture")


def delete(client, session):
    return client.post(reverse("session_delete", args=[session.congress.slug, session.pk]))


def flashed(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_an_organiser_deletes_a_session(client, organiser, session):
    client.force_login(organiser)
    response = delete(client, session)
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("staff_sessions", args=[session.congress.slug]),
    )
    assert Session.objects.count() == 0
    assert plain(flashed(response)) == plain(["La session « Plénière d'ouverture » est supprimée."])
    assert list(AuditEntry.objects.values_list("action", "target_repr", "actor")) == [
        ("session.deleted", "Plénière d'ouverture", organiser.pk)
    ]


def test_a_session_with_sign_ups_is_not_deleted(client, organiser, session):
    WorkshopSignupFactory(session=session)
    client.force_login(organiser)
    response = delete(client, session)
    assert response.status_code == 302
    assert list(Session.objects.values_list("pk", flat=True)) == [session.pk]
    assert plain(flashed(response)) == plain(
        ["Des personnes sont inscrites à cette session : elle ne peut pas être supprimée."]
    )
    assert AuditEntry.objects.count() == 0


def test_a_session_with_an_outcome_is_not_deleted(client, organiser, session):
    Outcome.objects.create(congress=session.congress, session=session)
    client.force_login(organiser)
    response = delete(client, session)
    assert response.status_code == 302
    assert list(Session.objects.values_list("pk", flat=True)) == [session.pk]
    assert Outcome.objects.count() == 1
    assert plain(flashed(response)) == plain(
        ["Le compte rendu de cette session est enregistré : elle ne peut pas être supprimée."]
    )


def test_deleting_a_scheduled_workshop_sends_its_proposal_back_to_scheduling(
    client, organiser, session
):
    proposal = WorkshopProposalFactory(
        congress=session.congress, state=ProposalState.ACCEPTED, session=session
    )
    client.force_login(organiser)
    delete(client, session)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.session_id) == (ProposalState.ACCEPTED, None)


def test_deleting_is_refused_to_a_moderator_or_participant(client, session):
    client.force_login(UserFactory())
    assert delete(client, session).status_code == 403
    assert Session.objects.count() == 1


def test_deleting_is_a_post(client, organiser, session):
    client.force_login(organiser)
    url = reverse("session_delete", args=[session.congress.slug, session.pk])
    assert client.get(url).status_code == 405
    assert Session.objects.count() == 1


def test_the_delete_button_asks_first_and_is_hidden_once_people_signed_up(
    client, organiser, congress
):
    free = SessionFactory(congress=congress, title="Forum libre")
    full = SessionFactory(congress=congress, title="Atelier plein", starts_at=free.ends_at,
                          ends_at=free.ends_at + (free.ends_at - free.starts_at))  # fmt: skip
    WorkshopSignupFactory(session=full)
    client.force_login(organiser)
    text = client.get(reverse("staff_sessions", args=[congress.slug])).text
    assert reverse("session_delete", args=[congress.slug, free.pk]) in text
    assert plain("Supprimer la session « Forum libre » du programme ?") in plain(text)
    assert reverse("session_delete", args=[congress.slug, full.pk]) not in text


def test_the_service_refuses_a_non_organiser(session):
    with pytest.raises(PermissionDenied):
        services.session_delete(session=session, by=UserFactory())
    assert Session.objects.count() == 1
