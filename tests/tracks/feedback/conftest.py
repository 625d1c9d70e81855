"""A past edition (it ended yesterday) with one workshop over, a participant signed up to it,
its moderator and the edition's organiser."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    CongressFactory,
    SessionFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    make_participant,
)
from tracks.feedback import services
from tracks.feedback.models import QuestionKind, QuestionScope, SurveyQuestion
from tracks.models import TrackRoleKind, WorkshopSignup


@dataclass
class Setting:
    congress: object
    workshop: object
    other_workshop: object
    participant: object
    moderator: object
    other_moderator: object
    organiser: object


@pytest.fixture
def feedback(db) -> Setting:
    today = timezone.localdate()
    congress = CongressFactory(
        slug="passe", start_date=today - timedelta(days=2), end_date=today - timedelta(days=1)
    )
    track, other_track = TrackFactory(congress=congress), TrackFactory(congress=congress)
    workshop = SessionFactory(congress=congress, track=track, title="Épiceries solidaires")
    other = SessionFactory(
        congress=congress,
        session_type=workshop.session_type,
        track=other_track,
        title="Habitat inclusif",
    )
    participant = UserFactory(full_name="Paula Participante")
    make_participant(participant, congress)
    WorkshopSignup.objects.create(session=workshop, user=participant)
    moderator = TrackRoleFactory(track=track, role=TrackRoleKind.MODERATOR).user
    workshop.moderators.add(moderator)
    other_moderator = TrackRoleFactory(track=other_track, role=TrackRoleKind.MODERATOR).user
    organiser = UserFactory(full_name="Olga Organisatrice")
    congress.organisers.add(organiser)
    return Setting(congress, workshop, other, participant, moderator, other_moderator, organiser)


def question(congress, kind=QuestionKind.SHORT_TEXT, scope=QuestionScope.BOTH, **fields):
    fields.setdefault("label", f"Question {kind}")
    order = SurveyQuestion.objects.filter(congress=congress).count()
    return SurveyQuestion.objects.create(
        congress=congress, kind=kind, scope=scope, order=order, **fields
    )


def signed_up(session, name="Personne"):
    """A new participant signed up to the session."""
    person = UserFactory(full_name=name)
    make_participant(person, session.congress)
    WorkshopSignup.objects.create(session=session, user=person)
    return person


def answer(setting, user=None, session="workshop", **kwargs):
    """The setting's participant (or `user`) answers the survey of its workshop (or `session`)."""
    kwargs.setdefault("rating", 4)
    kwargs.setdefault("answers", {})
    return services.survey_answer(
        user=user or setting.participant,
        congress=setting.congress,
        session=getattr(setting, session) if session else None,
        **kwargs,
    )
