import pytest

from tests.factories import (
    CongressFactory,
    EndorsementPeriodFactory,
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
