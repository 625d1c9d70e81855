"""The review step's « Confirmer » sent twice gives the first order back: the replay is recorded
like an API request (who, which key, which method and form, which order), a key longer than the
column is cut the same way on both submissions (mutation testing, issue 19)."""

from decimal import Decimal

import pytest

from congress.core.models import IdempotencyRecord
from congress.organisations.models import MembershipRole
from congress.registrations import services
from congress.registrations.models import Order
from tests.congress.registrations.conftest import delegate
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    TariffFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def confirm(key, edition, tariffs, ccas_manager, n=1):
    return services.order_create_once(
        key=key,
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(n)],
    )


def test_the_replay_record_names_the_form_and_the_order(edition, tariffs, ccas_manager):
    order = confirm("a1b2c3", edition, tariffs, ccas_manager)

    record = IdempotencyRecord.objects.get()
    assert (record.user, record.key, record.method, record.path, record.response_body) == (
        ccas_manager,
        f"order-review:{edition.pk}:a1b2c3",
        "POST",
        "order_review",
        {"order": order.pk},
    )
    assert str(record) == f"POST order_review [order-review:{edition.pk}:a1b2c3]"


def test_a_key_longer_than_the_column_still_replays(edition, tariffs, ccas_manager):
    key = "k" * 300

    first = confirm(key, edition, tariffs, ccas_manager)
    again = confirm(key, edition, tariffs, ccas_manager)

    assert again == first
    assert Order.objects.filter(congress=edition).count() == 1
    assert IdempotencyRecord.objects.get().key == (f"order-review:{edition.pk}:" + key)[:255]


def test_a_replay_gives_back_the_order_of_that_key_and_that_person(edition, tariffs, ccas_manager):
    other = MembershipFactory(
        organisation=OrganisationFactory(ccas=True), role=MembershipRole.MANAGER
    ).user
    theirs = confirm("k1", edition, tariffs, other, n=1)
    first = confirm("k1", edition, tariffs, ccas_manager, n=2)
    second = confirm("k2", edition, tariffs, ccas_manager, n=3)

    assert confirm("k2", edition, tariffs, ccas_manager, n=3) == second
    assert confirm("k1", edition, tariffs, ccas_manager, n=2) == first
    assert len({theirs.pk, first.pk, second.pk}) == 3
    assert Order.objects.filter(congress=edition).count() == 3


def test_the_same_key_at_another_edition_is_another_submission(edition, tariffs, ccas_manager):
    """A form copied to another edition's review (same key) orders there; it never answers with
    the first edition's order, nor fails (it was a server error before the key named the
    edition)."""
    here = confirm("k1", edition, tariffs, ccas_manager)
    other = CongressFactory(capacity=10)
    VenueFactory(congress=other)
    tariff = TariffFactory(congress=other, price=Decimal("90.00"), audience="public_body")

    there = services.order_create_once(
        key="k1",
        congress=other,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariff,
        delegates=[delegate(2)],
    )

    assert (here.congress, there.congress) == (edition, other)
    assert there.pk != here.pk
    assert confirm("k1", edition, tariffs, ccas_manager) == here
    assert IdempotencyRecord.objects.count() == 2
