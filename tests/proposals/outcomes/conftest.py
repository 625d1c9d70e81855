import threading

import pytest
from rest_framework.test import APIClient

from tests.factories import (
    CongressFactory,
    EndorsementPeriodFactory,
    OrganisationFactory,
    PolicyProposalFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    WorkshopFactory,
    make_participant,
)
from tracks.models import SessionType, TrackRoleKind


@pytest.fixture
def congress():
    return CongressFactory(is_current=True)


@pytest.fixture
def track_a(congress):
    return TrackFactory(congress=congress, name="L'aide alimentaire et la qualité", slug="aide")


@pytest.fixture
def track_b(congress):
    return TrackFactory(congress=congress, name="Le handicap-inclusion", slug="handicap")


@pytest.fixture
def workshop_type(congress):
    return SessionType.objects.create(
        congress=congress, name="Atelier", slug="atelier", is_workshop=True
    )


@pytest.fixture
def workshop_a(congress, track_a, workshop_type):
    return WorkshopFactory(
        congress=congress, track=track_a, session_type=workshop_type, title="Épiceries solidaires"
    )


@pytest.fixture
def workshop_b(congress, track_b, workshop_type, workshop_a):
    return WorkshopFactory(
        congress=congress,
        track=track_b,
        session_type=workshop_type,
        room=workshop_a.room,
        starts_at=workshop_a.ends_at,
        ends_at=workshop_a.ends_at + (workshop_a.ends_at - workshop_a.starts_at),
        title="Accessibilité numérique",
    )


@pytest.fixture
def moderator(track_a):
    user = UserFactory(full_name="Amina Animatrice")
    TrackRoleFactory(track=track_a, user=user, role=TrackRoleKind.MODERATOR)
    return user


@pytest.fixture
def other_moderator(track_a):
    user = UserFactory(full_name="Bernard Animateur")
    TrackRoleFactory(track=track_a, user=user, role=TrackRoleKind.MODERATOR)
    return user


@pytest.fixture
def organiser(congress):
    user = UserFactory(full_name="Claire Organisatrice")
    congress.organisers.add(user)
    return user


@pytest.fixture
def participant(congress):
    user = UserFactory(full_name="Paul Participant")
    make_participant(user, congress)
    return user


@pytest.fixture
def open_period(congress):
    return EndorsementPeriodFactory(congress=congress)


def proposal_data(title, **extra):
    return {
        "title": title,
        "statement": f"{title} : ce qui doit changer.",
        "rationale": "Constat partagé par les participants.",
        "level": "national",
        **extra,
    }


def make_proposals(congress, track, workshops, n, **extra):
    org = OrganisationFactory()
    other = type(track).objects.create(congress=congress, name="Autre", slug=f"autre-{n}", order=9)
    proposals = []
    for _k in range(n):
        p = PolicyProposalFactory(congress=congress, track=track, sources=workshops, **extra)
        p.related_tracks.add(other)
        p.supporting_organisations.add(org)
        p.addressees.set([1, 2])
        proposals.append(p)
    return proposals


@pytest.fixture
def api():
    return APIClient()


def base(congress):
    return f"/api/v1/congresses/{congress.slug}/"


def race(*calls):
    """Run the calls in threads released together; return their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        from django.db import connections

        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results
