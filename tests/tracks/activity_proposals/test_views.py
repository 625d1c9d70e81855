"""Pages of partners' proposals (issue 15): the partner's page, the organisers' list and
decision; query counts of both lists."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.spaces import plain
from tests.tracks.activity_proposals.conftest import fields
from tracks.activity_proposals import services
from tracks.activity_proposals.models import ActivityProposal
from tracks.models import Session

pytestmark = pytest.mark.django_db


def submit(call, n=1):
    return [
        services.activity_proposal_submit(
            partner=call.partner, by=call.manager, **fields(call, title=f"Visite {i}")
        )
        for i in range(n)
    ]


def form_data(call, **overrides):
    values = fields(call, **overrides)
    data = {
        "partner": call.partner.pk, "venue": values["venue"].pk, "title": values["title"],
        "session_type": values["session_type"].pk, "track": values["track"].pk,
        "description": values["description"], "capacity": values["capacity"],
        "starts_at": values["starts_at"].strftime("%Y-%m-%dT%H:%M"),
        "ends_at": values["ends_at"].strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip
    return data


def test_a_partner_proposes_from_its_page_and_a_bad_time_changes_nothing(client, call):
    client.force_login(call.manager)
    url = reverse("partner_activity_proposals", args=[call.week.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["form"].fields["venue"].queryset) == [call.venue]
    bad = form_data(call)
    bad["starts_at"] = bad["starts_at"].replace(str(call.week.start_date), "2001-01-01")
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "pendant l'édition" in plain(response.content.decode())
    assert ActivityProposal.objects.count() == 0
    response = client.post(url, form_data(call), follow=True)
    assert "Votre proposition est envoyée" in plain(response.content.decode())
    assert ActivityProposal.objects.get().title == "Portes ouvertes de la bagagerie"


def test_someone_elses_proposal_is_neither_read_nor_changed(client, call):
    (proposal,) = submit(call)
    stranger = MembershipFactory(role="manager").user
    client.force_login(stranger)
    url = reverse("partner_activity_proposal", args=[call.week.slug, proposal.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(call, title="Détournée")).status_code == 403
    assert (
        client.get(reverse("partner_activity_proposals", args=[call.week.slug])).status_code == 403
    )
    client.force_login(call.manager)
    response = client.post(url, form_data(call, title="Visite et café"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Visite et café"


def test_an_organiser_accepts_from_the_list_and_a_second_decision_is_refused(client, call):
    (proposal,) = submit(call)
    client.force_login(call.organiser)
    url = reverse("staff_activity_proposal", args=[call.week.slug, proposal.pk])
    assert client.post(url, {}).status_code == 400  # no decision chosen
    response = client.post(url, {"decision": "accept", "message": "Merci"}, follow=True)
    assert "est acceptée" in plain(response.content.decode())
    response = client.post(url, {"decision": "refuse"})
    assert response.status_code == 400
    assert "déjà décidée" in plain(response.content.decode())
    assert (ActivityProposal.objects.get().status, Session.objects.count()) == ("accepted", 1)


@pytest.mark.parametrize("n", [1, 3])
def test_partner_list_query_count(client, call, n, django_assert_num_queries):
    submit(call, n)
    client.force_login(call.manager)
    with django_assert_num_queries(16):
        response = client.get(reverse("partner_activity_proposals", args=[call.week.slug]))
    html = response.content.decode()
    assert all(f"Visite {i}" in html for i in range(n))


@pytest.mark.parametrize("n", [1, 3])
def test_organisers_list_query_count(client, call, n, django_assert_num_queries):
    submit(call, n)
    client.force_login(call.organiser)
    url = reverse("staff_activity_proposals", args=[call.week.slug])
    with django_assert_num_queries(8):
        response = client.get(url, {"status": "submitted"})
    html = response.content.decode()
    assert all(f"Visite {i}" in html for i in range(n))
    assert "Visite 0" not in client.get(url, {"status": "refused"}).content.decode()
