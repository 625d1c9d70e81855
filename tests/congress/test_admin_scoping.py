"""The admin shows organisers only their own editions, and never lets them edit accounts."""

import pytest
from django.urls import reverse

from congress.editions.services import organiser_grant_admin
from tests.factories import CongressFactory, OrderFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editions():
    mine, other = CongressFactory(name="Édition A"), CongressFactory(name="Édition B")
    organiser = organiser_grant_admin(user=UserFactory(), congress=mine)
    return organiser, mine, other


def test_admin_lists_only_the_organisers_editions_and_their_orders(client, two_editions):
    organiser, mine, other = two_editions
    my_order, other_order = OrderFactory(congress=mine), OrderFactory(congress=other)
    client.force_login(organiser)
    congresses = client.get(reverse("admin:congress_congress_changelist"))
    assert list(congresses.context["cl"].queryset) == [mine]
    orders = client.get(reverse("admin:congress_order_changelist"))
    assert list(orders.context["cl"].queryset) == [my_order]
    assert (
        client.get(reverse("admin:congress_order_change", args=[other_order.pk])).status_code == 302
    )
    assert client.get(reverse("admin:congress_congress_change", args=[other.pk])).status_code == 302


def test_superuser_sees_every_edition(admin_client, two_editions):
    _organiser, mine, other = two_editions
    congresses = admin_client.get(reverse("admin:congress_congress_changelist"))
    assert set(congresses.context["cl"].queryset) == {mine, other}


def test_organisers_cannot_edit_accounts_or_tokens(client, two_editions):
    organiser, _mine, _other = two_editions
    organiser = type(organiser).objects.get(pk=organiser.pk)
    assert organiser.has_perm("congress.view_user") is True
    assert organiser.has_perm("congress.change_user") is False
    assert organiser.has_perm("authtoken.add_token") is False
    victim = UserFactory()
    client.force_login(organiser)
    response = client.post(
        reverse("admin:congress_user_change", args=[organiser.pk]),
        {"email": organiser.email, "full_name": "x", "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    organiser.refresh_from_db()
    assert organiser.is_superuser is False
    assert (
        client.get(reverse("admin:congress_user_change", args=[victim.pk])).status_code == 200
    )  # view only
