"""The permission matrix's world (a name for every object and a user for every role) and the
helpers its parts share; tests/security/*_world.py fill it, the ``world`` fixture (conftest)
builds it."""

from dataclasses import dataclass, field

from django.utils import timezone

from tests.factories import OrderFactory, RegistrationFactory


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (no entry for "anonymous")
    objects: dict = field(default_factory=dict)  # name -> object

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def make_order(congress, *, organisation, placed_by, tariff, people, method, state):
    order = OrderFactory(
        congress=congress,
        organisation=organisation,
        placed_by=placed_by,
        payment_method=method,
        state=state,
        total=tariff.price * len(people),
    )
    registrations = [
        RegistrationFactory(
            order=order,
            congress=congress,
            tariff=tariff,
            user=None,
            full_name=name,
            email=email,
            price=tariff.price,
        )
        for name, email in people
    ]
    return order, registrations


def hours_after(session_start, hours):
    return session_start + timezone.timedelta(hours=hours)
