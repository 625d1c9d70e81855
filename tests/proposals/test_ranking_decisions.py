"""Bulk decisions on the ranking page: no default, a summary, then confirm (issue 14)."""

import pytest
from django.urls import reverse

from proposals.models import ProposalState, WorkshopProposal
from proposals.selectors import decision_preview
from tests.factories import SessionFactory, UserFactory, WorkshopProposalFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


@pytest.fixture
def submitted(congress, track):
    return [
        WorkshopProposalFactory(
            congress=congress, track=track, state=ProposalState.SUBMITTED, title=f"Atelier {i}"
        )
        for i in range(2)
    ]


def states():
    return sorted(WorkshopProposal.objects.values_list("title", "state"))


def test_the_decision_has_no_default(client, congress, call, submitted, organiser):
    client.force_login(organiser)
    body = client.get(reverse("ranking", args=[congress.slug])).content.decode()
    select = body[body.index('name="decision"') :].split("</select>")[0]
    assert select.count("selected") == 1
    assert '<option value="" selected>— Choisissez une décision —</option>' in body


def test_no_decision_chosen_is_a_clear_error_and_changes_nothing(
    client, congress, call, submitted, organiser, mailoutbox
):
    client.force_login(organiser)
    response = client.post(
        reverse("ranking", args=[congress.slug]), {"proposal": [submitted[0].pk], "decision": ""}
    )
    assert response.status_code == 200  # the form again, with its errors
    body = response.content.decode()
    assert '<a href="#id_decision">Choisissez une décision.</a>' in body
    assert f'value="{submitted[0].pk}" id="p-{submitted[0].pk}" checked' in body
    assert states() == [("Atelier 0", "submitted"), ("Atelier 1", "submitted")]
    assert mailoutbox == []


def test_no_proposal_ticked_is_a_clear_error(client, congress, call, submitted, organiser):
    client.force_login(organiser)
    response = client.post(reverse("ranking", args=[congress.slug]), {"decision": "accepted"})
    assert response.status_code == 200  # the form again, with its errors
    assert "Cochez au moins une proposition." in response.content.decode()


def test_a_proposal_of_another_edition_is_refused(client, congress, call, organiser):
    foreign = WorkshopProposalFactory(state=ProposalState.SUBMITTED)
    client.force_login(organiser)
    response = client.post(
        reverse("ranking", args=[congress.slug]),
        {"proposal": [foreign.pk], "decision": "accepted", "confirm": "1"},
    )
    assert response.status_code == 200  # the form again, with its errors
    assert "Certaines propositions n&#x27;existent pas dans cette édition." in (
        response.content.decode()
    )
    assert WorkshopProposal.objects.get().state == "submitted"


def test_the_summary_says_what_will_happen_before_anything_happens(
    client, congress, call, submitted, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ranking", args=[congress.slug]),
            {"proposal": [p.pk for p in submitted], "decision": "accepted", "note": "Bravo"},
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 propositions seront acceptées." in body
    assert "2 e-mails seront envoyés aux auteurs." in body  # one contact each, no author account
    assert '<button type="submit" name="confirm" value="1"' in body
    assert '<input type="hidden" name="note" value="Bravo">' in body
    assert states() == [("Atelier 0", "submitted"), ("Atelier 1", "submitted")]
    assert mailoutbox == []


def test_confirming_applies_the_decision_and_mails_the_authors(
    client, congress, call, submitted, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ranking", args=[congress.slug]),
            {"proposal": [p.pk for p in submitted], "decision": "rejected", "confirm": "1"},
        )
    assert response.status_code == 302
    assert states() == [("Atelier 0", "rejected"), ("Atelier 1", "rejected")]
    assert len(mailoutbox) == 2
    follow = client.get(response["Location"]).content.decode()
    assert "Décision enregistrée pour 2 propositions." in follow


def test_back_returns_to_the_ranking_with_the_choice_kept(
    client, congress, call, submitted, organiser
):
    client.force_login(organiser)
    response = client.post(
        reverse("ranking", args=[congress.slug]),
        {"proposal": [submitted[1].pk], "decision": "waitlisted", "back": "1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="p-{submitted[1].pk}" checked' in body
    assert f'id="p-{submitted[0].pk}" aria-label' in body
    assert '<option value="waitlisted" selected>' in body
    assert states() == [("Atelier 0", "submitted"), ("Atelier 1", "submitted")]


def test_a_refusal_from_the_service_is_shown_on_the_ranking(
    client, congress, call, submitted, organiser
):
    scheduled = submitted[0]
    scheduled.state = ProposalState.ACCEPTED
    scheduled.session = SessionFactory(congress=congress)
    scheduled.save()
    client.force_login(organiser)
    response = client.post(
        reverse("ranking", args=[congress.slug]),
        {"proposal": [scheduled.pk], "decision": "rejected", "confirm": "1"},
    )
    assert response.status_code == 200  # the form again, with its errors
    assert plain("est déjà au programme : retirez d&#x27;abord la session.") in (
        plain(response.content.decode())
    )
    assert WorkshopProposal.objects.get(pk=scheduled.pk).state == "accepted"


def test_preview_counts_each_recipient_and_skips_unchanged(congress, track):
    author = UserFactory(email="auteur@asso.fr")
    mailed_twice = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED, created_by=author,
        title="B",
    )  # fmt: skip
    already = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.ACCEPTED, title="A"
    )
    preview = decision_preview([mailed_twice, already], "accepted")
    assert (preview.changed, preview.unchanged, preview.email_count) == (
        [mailed_twice],
        [already],
        2,
    )
