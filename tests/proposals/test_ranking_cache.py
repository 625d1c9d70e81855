"""The review ranking's cached tables (issue 18, proposals/cached.py): fresh after every write of
what they show, read from the cache otherwise, only watched tables in a cold render, and the
ticked boxes of a refused decision never stored."""

import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.core import pagecache
from proposals import cached, services
from proposals.models import ProposalState
from tests.factories import WorkshopProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(congress):
    from tests.factories import UserFactory

    user = UserFactory()
    congress.organisers.add(user)
    return user


@pytest.fixture
def proposal(congress, call, track, organisation):
    return WorkshopProposalFactory(
        congress=congress, track=track, organisation=organisation, title="Atelier Logement",
        state=ProposalState.SUBMITTED,
    )  # fmt: skip


def scores(call, *values):
    ids = call.criteria.order_by("order", "name").values_list("pk", flat=True)
    return dict(zip(ids, values, strict=True))


# Each write returns (text, shown or gone).
def _review(congress, call, proposal, reviewer, organiser):
    services.review_save(proposal=proposal, by=reviewer, scores=scores(call, 4, 2))
    return "3,50", True


def _decision(congress, call, proposal, reviewer, organiser):
    services.proposals_decide(
        congress=congress, proposal_ids=[proposal.pk], decision="waitlisted", by=organiser
    )
    return '"État">Liste d&#x27;attente</td>', True


def _retitle(congress, call, proposal, reviewer, organiser):
    proposal.title = "Atelier Santé"
    proposal.save()
    return "Atelier Santé", True


def _new_proposal(congress, call, proposal, reviewer, organiser):
    WorkshopProposalFactory(
        congress=congress, track=proposal.track, title="Atelier Mobilité",
        state=ProposalState.SUBMITTED,
    )  # fmt: skip
    return "Atelier Mobilité", True


def _organisation(congress, call, proposal, reviewer, organiser):
    proposal.organisation.name = "Banque alimentaire"
    proposal.organisation.save()
    return "Banque alimentaire", True


def _track(congress, call, proposal, reviewer, organiser):
    proposal.track.name = "Se loger"
    proposal.track.save()
    return "Se loger", True


WRITES = [_review, _decision, _retitle, _new_proposal, _organisation, _track]


def test_every_write_makes_the_next_read_fresh(
    client, congress, call, proposal, reviewer, organiser
):
    url = reverse("ranking", args=[congress.slug])
    client.force_login(organiser)
    for write in WRITES:
        before = client.get(url).content.decode()
        assert re.sub(r'value="\w+"', "", before) == re.sub(
            r'value="\w+"', "", client.get(url).content.decode()
        )
        needle, present = write(congress, call, proposal, reviewer, organiser)
        after = client.get(url).content.decode()
        assert (needle in after) is present, write.__name__
        assert (needle in before) is not present, write.__name__
        proposal.refresh_from_db()


def test_a_warm_read_runs_none_of_the_ranking_queries(
    client, congress, call, proposal, organiser, django_assert_num_queries
):
    url = reverse("ranking", args=[congress.slug])
    client.force_login(organiser)
    client.get(url)
    # the session, the user, the edition, the organiser check, the feature switches, the header
    with CaptureQueriesContext(connection) as queries:
        assert "Atelier Logement" in client.get(url).content.decode()
    assert not [q for q in queries if "proposals_workshopproposal" in q["sql"]]


def test_every_table_the_cold_ranking_reads_is_watched(congress, call, proposal, reviewer):
    services.review_save(proposal=proposal, by=reviewer, scores=scores(call, 4, 2))
    watched = pagecache.watched_models()
    covered = {m._meta.db_table for m in watched}
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = cached.ranking_tables(congress, set())
    assert "Atelier Logement" in html
    read = {t for q in queries for t in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', q["sql"])}
    models = {m._meta.db_table: m._meta.label for m in apps.get_models()}
    assert "proposals_review" in read
    assert {models.get(t, t) for t in read - covered} == set()


def test_the_ticked_boxes_of_a_refused_decision_are_never_stored(
    client, congress, call, proposal, organiser
):
    url = reverse("ranking", args=[congress.slug])
    client.force_login(organiser)
    refused = client.post(url, {"proposal": [proposal.pk]}).content.decode()  # no decision
    assert f'id="p-{proposal.pk}" checked' in refused
    assert f'id="p-{proposal.pk}" checked' not in client.get(url).content.decode()
