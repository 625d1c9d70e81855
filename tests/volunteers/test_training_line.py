"""The line of a training session names its place, and its organisation only when the place does
not already name it (issue 14: « La Fabrique…, Paris 10e · La Fabrique… »)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from tests.factories.volunteers import TrainingFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_the_place_s_name_is_not_repeated(client):
    soon = timezone.now() + timedelta(days=5)
    fabrique = OrganisationFactory(name="La Fabrique de la Solidarité")
    TrainingSessionFactory(starts_at=soon, training=TrainingFactory(organisation=fabrique))
    elsewhere = OrganisationFactory(name="Secours populaire de Paris")
    TrainingSessionFactory(starts_at=soon, training=TrainingFactory(organisation=elsewhere))
    body = client.get(reverse("training_list")).content.decode()
    assert body.count("La Fabrique de la Solidarité") == 2  # the two places, not the organiser
    assert body.count("Paris 10e · Secours populaire de Paris") == 1
