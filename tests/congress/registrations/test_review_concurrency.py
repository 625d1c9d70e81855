"""Issue 12: a double click on « Confirmer » (two requests at once, the same key) makes one order."""

import threading

import pytest
from django.test import Client

from congress.registrations.models import Order
from tests.congress.registrations.test_review_pages import order_data, start_url


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirms_with_one_key_make_one_order(edition, tariffs, association_manager):
    organisation = association_manager.memberships.get().organisation
    data = {
        **order_data(edition, tariffs["association"], payment_method="transfer"),
        "action": "confirm",
        "confirm_key": "double-clic",
    }
    barrier = threading.Barrier(4)
    locations = []

    def attempt():
        from django.db import connections

        client = Client()
        client.force_login(association_manager)
        barrier.wait()
        try:
            locations.append(client.post(start_url(edition, organisation), data)["Location"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order = Order.objects.get()
    assert locations == [order.get_absolute_url()] * 4
