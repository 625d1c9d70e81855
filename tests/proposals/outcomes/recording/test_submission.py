"""The outcome form's draft endpoint (autosave) and the confirmation before transmission,
including their abuse cases: another track's moderator, a stale version, a submitted outcome."""

import pytest
from django.urls import reverse

from proposals.outcomes.models import Outcome, Revision
from proposals.outcomes.recording import services
from tests.factories import TrackRoleFactory, UserFactory
from tests.proposals.outcomes.conftest import proposal_data
from tests.proposals.outcomes.recording.test_views import outcome_post
from tests.spaces import plain
from tracks.models import TrackRoleKind

pytestmark = pytest.mark.django_db


def draft_url(congress, workshop):
    return reverse("outcome_draft", args=[congress.slug, workshop.pk])


def test_draft_endpoint_saves_and_returns_version_and_new_proposal_ids(
    client, congress, workshop_a, moderator
):
    client.force_login(moderator)
    proposals = [
        {**proposal_data("Première"), "track": workshop_a.track_id},
        {"level": "national", "track": workshop_a.track_id},  # an untouched block: no proposal
        {**proposal_data("Troisième"), "track": workshop_a.track_id},
    ]
    response = client.post(draft_url(congress, workshop_a), outcome_post(0, proposals))
    assert response.status_code == 200
    body = response.json()
    outcome = Outcome.objects.get(session=workshop_a)
    assert (outcome.status, outcome.version, outcome.summary) == ("draft", 1, "Synthèse")
    assert body["saved"] is True and body["version"] == 1
    by_title = dict(outcome.policy_proposals.values_list("title", "pk"))
    assert body["proposal_ids"] == {"p-0-id": by_title["Première"], "p-2-id": by_title["Troisième"]}
    # The next autosave carries the ids and the version: it updates, creates nothing.
    again = outcome_post(1, proposals, summary="Synthèse revue")
    again.update({"p-0-id": by_title["Première"], "p-2-id": by_title["Troisième"]})
    assert client.post(draft_url(congress, workshop_a), again).json()["version"] == 2
    outcome.refresh_from_db()
    assert outcome.summary == "Synthèse revue"
    assert dict(outcome.policy_proposals.values_list("title", "pk")) == by_title


def test_draft_endpoint_refuses_a_stale_version_and_changes_nothing(
    client, congress, workshop_a, moderator, other_moderator
):
    services.outcome_save(session=workshop_a, by=other_moderator, version=0, proposals=[],
                          summary="Version de Bernard")  # fmt: skip
    revisions = Revision.objects.count()
    client.force_login(moderator)
    response = client.post(draft_url(congress, workshop_a), outcome_post(0, [], summary="Mienne"))
    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert "Bernard Animateur" in response.json()["message"]
    outcome = Outcome.objects.get()
    assert (outcome.summary, outcome.version) == ("Version de Bernard", 1)
    assert Revision.objects.count() == revisions


def test_draft_endpoint_refuses_another_tracks_moderator(client, congress, workshop_a, track_b):
    intruder = UserFactory()
    TrackRoleFactory(track=track_b, user=intruder, role=TrackRoleKind.MODERATOR)
    client.force_login(intruder)
    response = client.post(draft_url(congress, workshop_a), outcome_post(0, []))
    assert response.status_code == 403
    assert not Outcome.objects.exists()


def test_draft_endpoint_refuses_a_submitted_outcome_and_get(
    client, congress, workshop_a, moderator
):
    outcome = services.outcome_save(session=workshop_a, by=moderator, version=0, submit=True,
                                    proposals=[proposal_data("Une")], summary="Transmis")  # fmt: skip
    client.force_login(moderator)
    url = draft_url(congress, workshop_a)
    assert client.get(url).status_code == 405
    response = client.post(url, outcome_post(outcome.version, [], summary="Réécrit"))
    assert response.status_code == 403
    outcome.refresh_from_db()
    assert (outcome.summary, outcome.status) == ("Transmis", "submitted")


def test_draft_endpoint_invalid_input_changes_nothing(client, congress, workshop_a, moderator):
    client.force_login(moderator)
    data = outcome_post(0, [{"title": "Sans énoncé", "track": workshop_a.track_id}])
    response = client.post(draft_url(congress, workshop_a), data)
    # A block being typed: answered without saving (not an error the browser would report).
    assert response.status_code == 200
    assert response.json()["saved"] is False
    assert "incomplet" in response.json()["message"]
    assert not Outcome.objects.exists()


def test_confirmation_lists_what_is_missing_and_stale_version_is_refused(
    client, congress, workshop_a, moderator, other_moderator
):
    outcome = services.outcome_save(session=workshop_a, by=moderator, version=0,
                                    proposals=[proposal_data("Sans destinataire")])  # fmt: skip
    client.force_login(moderator)
    url = reverse("outcome_submit", args=[congress.slug, workshop_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["warnings"] == [
        "La synthèse des échanges est vide.",
        "Le nombre de participants est à zéro.",
        "1 proposition n'a pas de destinataire.",
    ]
    # Someone saves in between: the confirmation (built from version 1) transmits nothing.
    services.outcome_save(session=workshop_a, by=other_moderator, version=1,
                          proposals=[proposal_data("Sans destinataire")], summary="Ajout")  # fmt: skip
    response = client.post(url, {"version": 1})
    assert response.status_code == 302
    assert response.url == reverse("outcome_edit", args=[congress.slug, workshop_a.pk])
    outcome.refresh_from_db()
    assert outcome.status == "draft"


def test_confirmation_refuses_without_proposals_and_other_tracks(
    client, congress, workshop_a, moderator, track_b
):
    outcome = services.outcome_save(session=workshop_a, by=moderator, version=0, proposals=[])
    intruder = UserFactory()
    TrackRoleFactory(track=track_b, user=intruder, role=TrackRoleKind.MODERATOR)
    url = reverse("outcome_submit", args=[congress.slug, workshop_a.pk])
    client.force_login(intruder)
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": outcome.version}).status_code == 403
    client.force_login(moderator)
    client.post(url, {"version": outcome.version})
    outcome.refresh_from_db()
    assert outcome.status == "draft"


def test_draft_endpoint_answers_400_when_the_service_refuses(
    client, congress, workshop_a, moderator
):
    client.force_login(moderator)
    # Built from a version that does not exist (the outcome was never saved): refused in JSON.
    response = client.post(draft_url(congress, workshop_a), outcome_post(1, []))
    assert response.status_code == 400
    assert plain(response.json()) == {
        "saved": False,
        "message": "Ce compte rendu n'existe pas encore : rechargez la page.",
    }
    assert not Outcome.objects.exists()


def test_confirmation_without_a_draft_goes_back_to_the_form(
    client, congress, workshop_a, moderator, organiser
):
    url = reverse("outcome_submit", args=[congress.slug, workshop_a.pk])
    edit_url = reverse("outcome_edit", args=[congress.slug, workshop_a.pk])
    client.force_login(moderator)
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(edit_url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Il n'y a pas de brouillon à transmettre."
    ]
    assert not Outcome.objects.exists()
    # Transmitted already: even an organiser (who may still edit it) gets no confirmation page.
    outcome = services.outcome_save(session=workshop_a, by=moderator, version=0, submit=True,
                                    proposals=[proposal_data("Une")])  # fmt: skip
    client.force_login(organiser)
    assert client.get(url).url == edit_url
    response = client.post(url, {"version": outcome.version})
    assert response.status_code == 302 and response.url == edit_url
    submitted_at = outcome.submitted_at
    outcome.refresh_from_db()
    assert (outcome.status, outcome.version, outcome.submitted_at) == (
        "submitted", 1, submitted_at
    )  # fmt: skip
