from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CongressFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.volunteers import (
    TrainingFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from volunteers.models import BookingStatus, TrainingBooking


@pytest.fixture
def congress():
    return CongressFactory()


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


@pytest.fixture
def volunteer(db):
    return VolunteerProfileFactory(user__full_name="Alice Martin").user


@pytest.fixture
def association(db):
    return OrganisationFactory(name="Maraudes du 10e")


@pytest.fixture
def manager(association):
    return MembershipFactory(organisation=association, role="manager").user


@pytest.fixture
def stranger(db):
    return UserFactory(full_name="Sam Inconnu")


@pytest.fixture
def training(db):
    return TrainingFactory(title="Aller à la rencontre des personnes sans abri")


def make_trained(user, training):
    """`user` attended a past session of `training`."""
    session = TrainingSessionFactory(
        training=training, starts_at=timezone.now() - timedelta(days=30)
    )
    return TrainingBooking.objects.create(
        session=session, user=user, status=BookingStatus.BOOKED, attended=True
    )
