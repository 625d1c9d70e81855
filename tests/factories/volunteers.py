"""Factories of volunteering: profiles, trainings and their sessions, missions, shifts."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from tests.factories import CongressFactory, OrganisationFactory, UserFactory
from volunteers.models import (
    LentRoom,
    Mission,
    Shift,
    Training,
    TrainingSession,
    VolunteerProfile,
)


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile

    user = factory.SubFactory(UserFactory)
    availability = factory.LazyFunction(lambda: ["tue_pm", "sat_am"])
    skills = factory.LazyFunction(lambda: ["street", "listening"])
    languages = "français, anglais"


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Aller à la rencontre des personnes sans abri {n}")
    place = "La Fabrique de la Solidarité, Paris 10e"
    weekday = 1
    week_of_month = 2
    start_time = time(18, 30)
    end_time = time(21, 0)
    capacity = 2


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    training = factory.SubFactory(TrainingFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = factory.LazyAttribute(lambda o: o.training.capacity)


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Maraude du soir {n}")
    description = "Aller à la rencontre des personnes à la rue avec l'équipe mobile."
    place = "Paris 10e"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    volunteers_needed = 2
    skills = factory.LazyFunction(lambda: ["street"])


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    congress = factory.SubFactory(CongressFactory)
    title = "Accueil et badges"
    place = "Hall d'entrée"
    starts_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(timezone.datetime.combine(o.congress.start_date, time(8, 0)))
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = 2


class LentRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LentRoom

    place = factory.SubFactory(OrganisationFactory, name="La Fabrique de la Solidarité")
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 12
    opens_at = time(9, 0)
    closes_at = time(19, 0)
    open_days = factory.LazyFunction(lambda: [0, 1, 2, 3, 4])
