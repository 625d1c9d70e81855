from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from proposals import services
from proposals.models import ProposalState, Review, WorkshopProposal
from tests.factories import (
    MembershipFactory,
    RoomFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


def assert_each_title_rendered(response, proposals):
    assert response.status_code == 200
    body = response.content.decode()
    assert [p.title for p in proposals if escape(p.title) not in body] == []


def form_data(proposal=None, **extra):
    data = {
        "title": "Épicerie solidaire itinérante", "format": "atelier", "duration_minutes": 90,
        "context": "Zones rurales", "actions": "Un camion", "results": "Transposable",
        "departement": "72", "commune": "Sablé-sur-Sarthe",
        "speakers-TOTAL_FORMS": 1, "speakers-INITIAL_FORMS": 0,
        "speakers-0-name": "Nadia Martin", "speakers-0-function": "Directrice",
    }  # fmt: skip
    if proposal is not None:
        data["version"] = proposal.version
    return data | extra


@pytest.mark.parametrize("n", [1, 3])
def test_proposal_list_query_count(
    client, congress, call, organisation, author, n, django_assert_num_queries
):
    for _ in range(n):
        WorkshopProposalFactory(congress=congress, organisation=organisation)
    client.force_login(author)
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py)
    with django_assert_num_queries(10):
        response = client.get(reverse("proposal_list", args=[congress.slug]))
    assert len(response.context["proposals"]) == n
    assert_each_title_rendered(response, WorkshopProposal.objects.all())


def test_proposal_create_and_edit_through_the_form(
    client, congress, call, track, organisation, author
):
    client.force_login(author)
    response = client.post(
        reverse("proposal_create", args=[congress.slug]),
        form_data(organisation=organisation.pk, track=track.pk),
    )
    proposal = WorkshopProposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    assert list(proposal.speakers.values_list("name", flat=True)) == ["Nadia Martin"]
    response = client.post(
        reverse("proposal_edit", args=[congress.slug, proposal.pk]),
        form_data(proposal, title="Nouveau titre", track=track.pk),
    )
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Nouveau titre", 2)


def test_stale_form_shows_the_conflict(client, congress, call, track, organisation, author):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation, track=track)
    stale = form_data(proposal, title="Titre périmé", track=track.pk)
    services.proposal_update(proposal=proposal, by=author, version=1, title="Titre récent")
    client.force_login(author)
    response = client.post(reverse("proposal_edit", args=[congress.slug, proposal.pk]), stale)
    assert response.status_code == 400
    assert "Quelqu&#x27;un d&#x27;autre a modifié cette proposition" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Titre récent"


def test_form_after_the_deadline_redirects_with_a_message(
    client, congress, call, organisation, author
):
    call.opens_at = timezone.now() - timedelta(days=9)
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()
    client.force_login(author)
    response = client.get(reverse("proposal_create", args=[congress.slug]), follow=True)
    assert response.redirect_chain[0][1] == 302
    assert response.status_code == 200
    assert "L&#x27;appel à propositions est clos" in response.content.decode()


def test_proposal_of_another_organisation_is_hidden(client, congress, call):
    proposal = WorkshopProposalFactory(congress=congress)
    client.force_login(UserFactory())
    assert client.get(proposal.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_review_list_query_count(
    client, congress, call, track, reviewer, n, django_assert_num_queries
):
    for _ in range(n):
        WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    client.force_login(reviewer)
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py)
    with django_assert_num_queries(11):
        response = client.get(reverse("review_list", args=[congress.slug]))
    assert len(response.context["proposals"]) == n
    assert_each_title_rendered(response, WorkshopProposal.objects.all())


def test_review_form_saves_scores(client, congress, call, track, reviewer):
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    criteria = list(call.criteria.all())
    client.force_login(reviewer)
    response = client.post(
        reverse("review_edit", args=[congress.slug, proposal.pk]),
        {
            f"criterion_{criteria[0].pk}": 4,
            f"criterion_{criteria[1].pk}": 2,
            "comment_committee": "Solide",
        },
    )
    assert response.status_code == 302
    review = proposal.reviews.get()
    assert (str(review.weighted_score), review.comment_committee) == ("3.50", "Solide")


@pytest.mark.parametrize("anonymous", [True, False])
def test_anonymous_review_hides_the_authors(client, congress, call, track, reviewer, anonymous):
    call.anonymous_review = anonymous
    call.save()
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    client.force_login(reviewer)
    response = client.get(reverse("review_edit", args=[congress.slug, proposal.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert proposal.title in body
    shown = not anonymous
    assert (proposal.organisation.name in body, "Nadia Martin" in body) == (shown, shown)


@pytest.mark.parametrize("n", [1, 3])
def test_ranking_query_count(
    client, congress, call, track, organiser, n, django_assert_num_queries
):
    for _ in range(n):
        WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    client.force_login(organiser)
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py)
    with django_assert_num_queries(8):  # a cold render (its tables cached: proposals/cached.py)
        response = client.get(reverse("ranking", args=[congress.slug]))
    assert response.content.decode().count('name="proposal"') == n
    assert_each_title_rendered(response, WorkshopProposal.objects.all())


def test_ranking_orders_by_weighted_mean(client, congress, call, track, reviewer, organiser):
    low = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED, title="B"
    )
    high = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED, title="A"
    )
    other = UserFactory()
    from tests.factories import TrackRoleFactory

    TrackRoleFactory(track=track, user=other)
    ids = list(call.criteria.order_by("order", "name").values_list("pk", flat=True))
    services.review_save(proposal=low, by=reviewer, scores=dict(zip(ids, [1, 1], strict=True)))
    services.review_save(proposal=high, by=reviewer, scores=dict(zip(ids, [5, 5], strict=True)))
    services.review_save(proposal=high, by=other, scores=dict(zip(ids, [3, 3], strict=True)))
    from proposals.selectors import ranking

    rows = [
        (p.title, float(p.mean_score), p.review_count, float(p.spread)) for p in ranking(congress)
    ]
    assert rows == [("A", 4.0, 2, 2.0), ("B", 1.0, 1, 0.0)]


def test_bulk_decision_from_the_ranking_page(client, congress, call, track, organiser):
    a = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    b = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    client.force_login(organiser)
    response = client.post(
        reverse("ranking", args=[congress.slug]),
        {"proposal": [a.pk, b.pk], "decision": "waitlisted", "confirm": "1"},
    )
    assert response.status_code == 302
    assert set(WorkshopProposal.objects.values_list("state", flat=True)) == {"waitlisted"}


@pytest.mark.parametrize("n", [1, 3])
def test_schedule_list_query_count(
    client, congress, call, track, organiser, n, django_assert_num_queries
):
    for _ in range(n):
        WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    client.force_login(organiser)
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py)
    with django_assert_num_queries(8):
        response = client.get(reverse("schedule_list", args=[congress.slug]))
    assert len(response.context["proposals"]) == n
    assert_each_title_rendered(response, WorkshopProposal.objects.all())


def test_schedule_form_creates_the_workshop(client, congress, call, track, organiser):
    from tests.factories import SessionTypeFactory

    SessionTypeFactory(congress=congress, slug="atelier")
    room = RoomFactory(venue=VenueFactory(congress=congress), capacity=60)
    proposal = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    client.force_login(organiser)
    response = client.post(
        reverse("proposal_schedule", args=[congress.slug, proposal.pk]),
        {"room": room.pk, "day": congress.start_date.isoformat(), "start": "14:00", "end": "15:30"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.session.room, proposal.session.capacity) == (room, 60)
    assert timezone.localtime(proposal.session.starts_at).strftime("%H:%M") == "14:00"


def test_staff_pages_refused_to_others(client, congress, call, author):
    client.force_login(author)
    for name in ("call_settings", "ranking", "schedule_list"):
        assert client.get(reverse(name, args=[congress.slug])).status_code == 403


def test_call_settings_reopen_the_call(client, congress, call, organiser):
    client.force_login(organiser)
    closes = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    opens = (timezone.localtime() - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("call_settings", args=[congress.slug]), {"opens_at": opens, "closes_at": closes}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert timezone.localtime(call.closes_at).strftime("%Y-%m-%dT%H:%M") == closes


# --- API --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_api_proposals_query_count(
    client, congress, call, organisation, author, n, django_assert_num_queries
):
    for _ in range(n):
        WorkshopProposalFactory(congress=congress, organisation=organisation)
    client.force_login(author)
    with django_assert_num_queries(9):  # + the feature guard of the API (issue 15)
        response = client.get(f"/api/v1/congresses/{congress.slug}/proposals/")
    assert response.status_code == 200
    assert sorted(row["id"] for row in response.json()) == sorted(
        WorkshopProposal.objects.values_list("pk", flat=True)
    )


def test_api_proposal_create_update_submit(client, congress, call, track, organisation, author):
    client.force_login(author)
    url = f"/api/v1/congresses/{congress.slug}/proposals/"
    created = client.post(
        url,
        {"organisation": organisation.slug, "title": "Cuisiner ensemble", "track": track.slug,
         "context": "Quartier", "actions": "Ateliers", "results": "Transposable", "departement": "72",
         "speakers": [{"name": "Nadia Martin"}]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    stale = client.patch(
        f"{url}{pk}/", {"title": "X", "version": 0}, content_type="application/json"
    )
    assert stale.status_code == 400
    fresh = client.patch(f"{url}{pk}/", {"title": "Cuisiner ensemble, manger mieux", "version": 1},
                         content_type="application/json")  # fmt: skip
    assert (fresh.status_code, fresh.json()["version"]) == (200, 2)
    submitted = client.post(f"{url}{pk}/submit/")
    assert (submitted.status_code, submitted.json()["state"]) == (200, "submitted")


def test_api_reviews_respect_conflict_of_interest(client, congress, call, track, reviewer):
    own = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    MembershipFactory(user=reviewer, organisation=own.organisation)
    client.force_login(reviewer)
    ids = list(call.criteria.values_list("pk", flat=True))
    response = client.post(
        f"/api/v1/congresses/{congress.slug}/reviews/",
        {"proposal": own.pk, "scores": {str(i): 3 for i in ids}},
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize("n", [1, 3])
def test_api_reviews_query_count(
    client, congress, call, track, reviewer, n, django_assert_num_queries
):
    ids = list(call.criteria.values_list("pk", flat=True))
    for _ in range(n):
        p = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
        services.review_save(proposal=p, by=reviewer, scores={i: 3 for i in ids})
    client.force_login(reviewer)
    with django_assert_num_queries(4):  # + the feature guard of the API (issue 15)
        response = client.get(f"/api/v1/congresses/{congress.slug}/reviews/")
    assert response.status_code == 200
    assert sorted(row["id"] for row in response.json()) == sorted(
        Review.objects.values_list("pk", flat=True)
    )


def test_api_review_with_a_criterion_key_that_is_not_a_number_is_a_400(
    client, congress, call, track, reviewer
):
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    client.force_login(reviewer)
    response = client.post(
        f"/api/v1/congresses/{congress.slug}/reviews/",
        {"proposal": proposal.pk, "scores": {"pertinence": 3}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"scores": ["Chaque clé est l'identifiant d'un critère (un nombre)."]}


def test_proposal_form_in_sections_marks_required_fields_and_saves_an_incomplete_draft(
    client, congress, call, track, organisation, author
):
    client.force_login(author)
    url = reverse("proposal_create", args=[congress.slug])
    page = client.get(url)
    html = page.content.decode()
    for legend in ("1. L'atelier", "2. Ce que vous partagerez", "3. Les intervenants",
                   "4. Les organisations", "5. Publication"):  # fmt: skip
        assert f'<legend class="h4">{legend}</legend>' in html
    form = page.context["form"]
    # The fields needed to submit are marked; the author's only organisation is preselected.
    assert [n for n, f in form.fields.items() if f.required] == [
        "organisation", "title", "track", "format", "duration_minutes", "context", "actions",
        "results", "departement",
    ]  # fmt: skip
    assert form["organisation"].value() == organisation.pk
    assert "required-legend" in html
    # A draft with only a title is saved (the marks do not block a draft).
    response = client.post(url, {
        "organisation": organisation.pk, "title": "Juste un titre", "format": "atelier",
        "duration_minutes": 90, "speakers-TOTAL_FORMS": 1, "speakers-INITIAL_FORMS": 0,
    })  # fmt: skip
    assert response.status_code == 302
    assert WorkshopProposal.objects.get().title == "Juste un titre"
    # Missing the title: the summary at the top links to it.
    response = client.post(url, {"organisation": organisation.pk, "title": "",
                                 "format": "atelier", "duration_minutes": 90,
                                 "speakers-TOTAL_FORMS": 1, "speakers-INITIAL_FORMS": 0})  # fmt: skip
    assert response.status_code == 400
    assert 'href="#id_title"' in response.content.decode()
