"""The registrations board keeps its rows' HTML under what the rows show
(congress/registrations/board.py): a change of any shown value shows at once, the same rows are
rendered once, and each visitor's forms carry their own CSRF token."""

import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from congress.registrations import board, services
from congress.registrations.models import Order, OrderState

pytestmark = pytest.mark.django_db


def board_url(edition) -> str:
    return reverse("registration_board", args=[edition.slug])


def rows_rendered(client, url) -> tuple[str, int]:
    """The board's page, and how many times its rows' template was rendered for it."""
    with mock.patch.object(board, "render_to_string", wraps=board.render_to_string) as spy:
        body = client.get(url).content.decode()
    rows = [c for c in spy.call_args_list if c.args[0].endswith("_board_rows.html")]
    return body, len(rows)


def test_the_same_rows_are_rendered_once_and_every_shown_change_shows_at_once(
    client, edition, organiser, invoiced_order
):
    client.force_login(organiser)
    url = board_url(edition)
    pay = reverse("board_record_payment", args=[edition.slug, invoiced_order.pk])

    first, renders = rows_rendered(client, url)
    assert (pay in first, renders) == (True, 1)
    again, renders = rows_rendered(client, url)
    assert (again.count(pay), renders) == (1, 0)

    services.order_record_payment(
        order=Order.objects.get(pk=invoiced_order.pk), by=organiser,
        paid_on=edition.start_date, reference="Mandat 12",
    )  # fmt: skip
    paid, renders = rows_rendered(client, url)
    assert (pay in paid, renders) == (False, 1)
    assert "Payée" in paid or "payée" in paid

    organisation = invoiced_order.organisation
    organisation.name = "CCAS de Coulaines"
    organisation.save()
    renamed, _ = rows_rendered(client, url)
    assert "CCAS de Coulaines" in renamed

    registration = invoiced_order.registrations.order_by("pk").first()
    registration.full_name = "Anonyme effacé"
    registration.save()
    erased, _ = rows_rendered(client, url)
    assert "Anonyme effacé" in erased and "Délégué·e 1" not in erased

    services.order_cancel(order=Order.objects.get(pk=invoiced_order.pk), by=organiser)
    cancelled, _ = rows_rendered(client, url)
    cancel = reverse("order_cancel", args=[edition.slug, invoiced_order.pk])
    assert Order.objects.get(pk=invoiced_order.pk).state == OrderState.CANCELLED
    assert cancel not in cancelled
    assert "\x00" not in cancelled


def test_each_organiser_posts_the_kept_rows_forms_with_their_own_token(
    edition, organiser, invoiced_order
):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(organiser)
    second.force_login(organiser)
    url = board_url(edition)

    assert first.get(url).status_code == 200  # the rows are kept from this visit
    body, renders = rows_rendered(second, url)
    assert renders == 0
    pay = reverse("board_record_payment", args=[edition.slug, invoiced_order.pk])
    form = re.search(rf'action="{re.escape(pay)}"[^>]*>(.*?)</form>', body, re.S).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    response = second.post(pay, {"csrfmiddlewaretoken": token, "paid_on": "2027-03-02",
                                 "reference": "VIR 0302"})  # fmt: skip

    assert response.status_code == 302
    assert Order.objects.get(pk=invoiced_order.pk).state == OrderState.PAID


def test_a_row_changed_between_its_two_reads_is_shown_as_it_is_now_and_kept_under_that(
    client, edition, organiser, invoiced_order
):
    """The board reads the rows' values first and the rows themselves only when their HTML is
    not kept. A rename landing between the two reads is shown, and the HTML is kept under the
    new values, never under the old ones: renamed back, the board shows the old name again."""
    client.force_login(organiser)
    url = board_url(edition)
    organisation = invoiced_order.organisation
    old_name = organisation.name
    kept = board.pagecache.kept

    def rename_then_look(cache_key):
        organisation.name = "CCAS de Sargé"
        organisation.save()
        return kept(cache_key)

    with mock.patch.object(board.pagecache, "kept", side_effect=rename_then_look):
        during, renders = rows_rendered(client, url)
    assert ("CCAS de Sargé" in during, renders) == (True, 1)
    after, renders = rows_rendered(client, url)  # the values now read are the ones kept
    assert ("CCAS de Sargé" in after, renders) == (True, 0)

    organisation.name = old_name
    organisation.save()
    back, renders = rows_rendered(client, url)
    assert (old_name in back, "CCAS de Sargé" in back, renders) == (True, False, 1)
