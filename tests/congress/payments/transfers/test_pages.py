"""The reconciliation page: upload, proposals, one confirming POST; bad files change nothing."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.registrations.models import Order, OrderState
from tests.congress.payments.transfers.conftest import statement, transfer_order
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def upload(client, edition, raw: bytes, name="releve.csv"):
    return client.post(
        reverse("transfer_reconciliation", kwargs={"slug": edition.slug}),
        {"statement": SimpleUploadedFile(name, raw, content_type="text/csv")},
    )


def test_the_page_proposes_flags_and_lists_every_credit(client, edition, organiser):
    waiting = transfer_order(edition, "180.00")
    short = transfer_order(edition, "90.00")
    paid = transfer_order(edition, "35.00", state=OrderState.PAID)
    client.force_login(organiser)
    raw = statement(
        f"01/03/2027;VIR SEPA CCAS {waiting.reference.replace('-', ' ')};180,00",
        f"02/03/2027;VIR ASSO {short.reference};80,00",
        f"03/03/2027;VIR {paid.reference};35,00",
        "04/03/2027;VIR INCONNU;12,00",
    )

    response = upload(client, edition, raw)

    assert response.status_code == 200
    assert [m.status for m in response.context["matches"]] == [
        "proposed", "amount_mismatch", "already_paid", "unmatched",
    ]  # fmt: skip
    html = response.content.decode()
    assert f'value="{waiting.pk}|2027-03-01|180.00"' in html
    assert html.count('name="transfer"') == 1
    assert plain("Montant différent : la commande attend 90,00") in plain(html)
    assert "Commande déjà payée" in html
    assert "Aucune commande reconnue" in html
    assert "1er mars 2027" in html
    assert Order.objects.get(pk=waiting.pk).state == OrderState.AWAITING_TRANSFER


def test_a_malformed_file_is_refused_with_its_reason(client, edition, organiser):
    order = transfer_order(edition)
    client.force_login(organiser)

    response = upload(client, edition, b"nom;prenom\nDupont;Jean\n")

    assert response.status_code == 400
    assert response.context["matches"] is None
    assert "n&#x27;a pas les colonnes d&#x27;un relevé bancaire" in response.content.decode()
    assert "data-error-summary" in response.content.decode()
    assert Order.objects.get(pk=order.pk).state == OrderState.AWAITING_TRANSFER


def test_a_too_big_file_is_refused_before_being_read(client, edition, organiser):
    client.force_login(organiser)

    response = upload(client, edition, b"x" * (2 * 1024 * 1024 + 1))

    assert response.status_code == 400
    assert "Le relevé dépasse 2 Mo" in response.content.decode()


def test_confirming_pays_the_checked_orders_and_a_replay_changes_nothing(
    client, edition, organiser
):
    order = transfer_order(edition, "180.00")
    client.force_login(organiser)
    url = reverse("transfer_reconciliation_confirm", kwargs={"slug": edition.slug})
    body = {"transfer": [f"{order.pk}|2027-03-01|180.00"], f"label-{order.pk}": "VIR CCAS"}

    response = client.post(url, body)

    assert response.status_code == 302
    order.refresh_from_db()
    assert plain((order.state, order.payment_reference)) == plain(
        (OrderState.PAID, "Virement : VIR CCAS")
    )
    assert plain([str(m) for m in get_messages(response.wsgi_request)]) == plain(
        [f"1 commande marquée payée : {order.reference}."]
    )

    client.get(reverse("transfer_reconciliation", kwargs={"slug": edition.slug}))  # messages read
    replay = client.post(url, body)

    assert plain([str(m) for m in get_messages(replay.wsgi_request)]) == plain(
        [f"Déjà payées, rien de changé : {order.reference}."]
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Cochez au moins un virement à confirmer."),
        ({"transfer": ["12|hier|180"]}, "La sélection envoyée est illisible : rien n'a été enregistré."),
        ({"transfer": ["{pk}|2027-03-01|1.00"]},
         "La commande {ref} n'attend plus ce virement : rien n'a été enregistré."),
    ],
    ids=["nothing-checked", "tampered", "amount-changed"],
)  # fmt: skip
def test_a_bad_confirmation_changes_nothing(client, edition, organiser, body, message):
    order = transfer_order(edition)
    client.force_login(organiser)
    body = {k: [v.format(pk=order.pk) for v in vs] for k, vs in body.items()}

    response = client.post(
        reverse("transfer_reconciliation_confirm", kwargs={"slug": edition.slug}), body
    )

    assert response.status_code == 302
    assert plain([str(m) for m in get_messages(response.wsgi_request)]) == plain(
        [message.format(ref=order.reference)]
    )
    assert Order.objects.get(pk=order.pk).state == OrderState.AWAITING_TRANSFER


@pytest.mark.parametrize("count", [1, 3])
def test_the_reconciliation_page_costs_the_same_queries_for_1_and_3_orders(
    client, edition, organiser, django_assert_num_queries, count
):
    orders = [transfer_order(edition, "180.00") for _ in range(count)]
    raw = statement(*(f"01/03/2027;VIR {o.reference};180,00" for o in orders))
    client.force_login(organiser)

    # session, user, edition, organiser's editions, the named orders (with organisations);
    # the layout: the current edition and the staff-area link
    with django_assert_num_queries(7):
        response = upload(client, edition, raw)

    html = response.content.decode()
    assert [m.order for m in response.context["matches"]] == orders
    assert all(o.reference in html and o.organisation.name in html for o in orders)


@pytest.mark.parametrize("state", [OrderState.AWAITING_TRANSFER, OrderState.AWAITING_ON_SITE])
def test_the_board_marks_a_transfer_or_on_site_order_paid(client, edition, organiser, state):
    order = transfer_order(edition, state=state)
    client.force_login(organiser)
    board = client.get(reverse("registration_board", kwargs={"slug": edition.slug}))
    action = reverse("board_record_payment", kwargs={"slug": edition.slug, "pk": order.pk})
    assert f'action="{action}"' in board.content.decode()

    response = client.post(action, {"paid_on": "2027-03-02", "reference": "VIR 0302"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.state, str(order.paid_at), order.payment_reference) == (
        OrderState.PAID, "2027-03-02", "VIR 0302",
    )  # fmt: skip
    board = client.get(reverse("registration_board", kwargs={"slug": edition.slug}))
    assert f'action="{action}"' not in board.content.decode()


def test_markup_planted_in_a_bank_label_is_shown_as_text(client, edition, organiser):
    """A payer writes the transfer's label: it comes back on the organisers' page escaped."""
    order = transfer_order(edition, "60.00")
    client.force_login(organiser)
    raw = statement(
        f'01/03/2027;<script>alert(1)</script> <a href="https://evil.example">{order.reference}'
        "</a>;60,00"
    )

    response = upload(client, edition, raw)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert '<a href="https://evil.example">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert [m.status for m in response.context["matches"]] == ["proposed"]
