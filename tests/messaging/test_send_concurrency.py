"""A message is never sent twice to the same person: double clicks and concurrent workers
(PostgreSQL, real threads)."""

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connections

from messaging import delivery, services
from messaging.models import Audience, Message, MessageKind, MessageRecipient, MessageStatus
from tests.messaging.conftest import make_world
from tests.races import widen, without_row_locks

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 4


def at_once(action) -> list:
    barrier = threading.Barrier(THREADS)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(action())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def draft(world) -> Message:
    return services.message_save(
        congress=world.congress, by=world.organiser, audience=Audience.DELEGATES,
        audience_label="Toutes", kind=MessageKind.ESSENTIAL, subject_fr="Infos",
        body_fr="Bonjour {prenom}",
    )  # fmt: skip


def test_four_simultaneous_clicks_send_once(monkeypatch):
    world = make_world()
    message = draft(world)
    widen(monkeypatch, Message, "save", 0.2)

    results = at_once(lambda: services.message_send(message=message, by=world.organiser))

    assert sorted(results) == [False, False, False, True]
    assert Counter(m.to[0] for m in mail.outbox) == Counter(
        {"bruno@example.org": 1, "elodie@example.org": 1, "jane@example.org": 1,
         world.transfer_order.placed_by.email: 1})  # fmt: skip
    assert Message.objects.get(pk=message.pk).status == MessageStatus.SENT


def test_without_the_row_lock_still_nobody_gets_it_twice(monkeypatch):
    """The lock gone, every click queues the sending; the unique recipient rows and the claim
    before each e-mail still keep it to one e-mail per person."""
    world = make_world()
    message = draft(world)
    without_row_locks(monkeypatch)
    widen(monkeypatch, Message, "save", 0.2)

    results = at_once(lambda: services.message_send(message=message, by=world.organiser))

    assert results.count(True) > 1  # the race happened
    assert MessageRecipient.objects.filter(message=message).count() == 4
    assert sorted(Counter(m.to[0] for m in mail.outbox).values()) == [1, 1, 1, 1]


def test_concurrent_workers_on_the_same_batch_send_each_once():
    world = make_world()
    message = draft(world)
    ids = delivery.message_prepare(message=message)

    at_once(lambda: delivery.deliver_batch(message=message, recipient_ids=ids))

    assert sorted(Counter(m.to[0] for m in mail.outbox).values()) == [1, 1, 1, 1]
    assert set(MessageRecipient.objects.values_list("status", flat=True)) == {"sent"}
