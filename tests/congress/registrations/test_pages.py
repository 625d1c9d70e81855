import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from congress.registrations import seats, services
from congress.registrations.models import Order, OrderState
from tests.congress.registrations.conftest import delegate
from tests.factories import OrganisationFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return text.replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture
def ccas_order(edition, tariffs, ccas_manager):
    return services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(1), delegate(2), delegate(3)],
        code_service="SERV-SOCIAL",
        engagement_number="EJ-2024-0042",
    )


def test_ccas_registers_through_the_page_and_gets_invoice(client, edition, tariffs, ccas_manager):
    org = ccas_manager.memberships.get().organisation
    client.force_login(ccas_manager)
    url = reverse("registration_start", kwargs={"slug": edition.slug})
    response = client.get(url, {"organisation": org.slug, "count": 2})
    assert response.status_code == 200
    assert [t.name for t in response.context["order_form"].tariffs.values()] == [
        "CCAS / collectivité",
        "Intervenant·e",
    ]
    data = {"tariff": tariffs["public"].pk, "code_service": "S1", "engagement_number": "EJ1"}
    for i in range(2):
        data |= {
            f"d{i}-full_name": f"Agent {i}",
            f"d{i}-email": f"agent{i}@ccas.fr",
            f"d{i}-days": [edition.start_date.isoformat()],
        }
    response = client.post(f"{url}?organisation={org.slug}&count=2", {**data, "action": "confirm"})
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == order.get_absolute_url()
    assert order.state == OrderState.AWAITING_MANDATE
    assert (
        list(order.registrations.order_by("email").values_list("days", flat=True))
        == [[edition.start_date.isoformat()]] * 2
    )
    page = client.get(order.get_absolute_url())
    assert page.status_code == 200
    assert "En attente de mandat administratif" in page.content.decode()


def test_invoice_pdf_carries_chorus_pro_identifiers(client, ccas_order, ccas_manager):
    client.force_login(ccas_manager)
    invoice = ccas_order.invoices.get()
    response = client.get(
        reverse("invoice_download", args=[ccas_order.congress.slug, ccas_order.pk, invoice.pk])
    )
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    text = pdf_text(response.content)
    siret = ccas_order.organisation.siret
    for expected in [invoice.reference, siret, "SERV-SOCIAL", "EJ-2024-0042", "270,00 €", "90,00 €",
                     "TVA non applicable, art. 256 B du CGI", "21720181300011", "BDFEFRPPCCT"]:  # fmt: skip
        assert expected in text, expected
    # A tagged PDF (PDF/UA) with its language and title, for screen readers.
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert (root["/Lang"], "/StructTreeRoot" in root) == ("fr", True)
    assert reader.metadata.title == f"Facture {invoice.reference}"


def test_invoice_is_hidden_from_other_people(client, ccas_order):
    client.force_login(UserFactory())
    invoice = ccas_order.invoices.get()
    url = reverse("invoice_download", args=[ccas_order.congress.slug, ccas_order.pk, invoice.pk])
    assert client.get(url).status_code == 404


def test_board_is_for_organisers_only(client, edition, ccas_manager):
    client.force_login(ccas_manager)
    assert client.get(reverse("registration_board", args=[edition.slug])).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_board_query_count(client, edition, organiser, django_assert_num_queries, count):
    registrations = [
        RegistrationFactory(
            congress=edition, order__congress=edition, order__organisation=OrganisationFactory()
        )
        for _ in range(count)
    ]
    client.force_login(organiser)
    url = reverse("registration_board", args=[edition.slug])
    # + the page's count; the totals in two queries, the places left counted from them and
    # the waiting list (issue 18); the page's rows by their sort name, their fingerprints,
    # then (rows not kept yet) the rows
    with django_assert_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(13):  # kept: the fingerprints are all it reads of the rows
        again = client.get(url)
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub(b"", again.content) == token.sub(b"", response.content)
    assert len(response.context["page"].object_list) == count
    body = response.content.decode()
    assert [r.order.reference for r in registrations if r.order.reference not in body] == []
    assert [r.full_name for r in registrations if escape(r.full_name) not in body] == []


def test_the_board_filters_are_cached_and_follow_the_tariffs(client, edition, organiser):
    """The filter form's HTML is kept (congress/core/pagecache.py) per tariffs and chosen
    values: a new or renamed tariff shows at once, a chosen value stays selected."""
    from tests.factories import TariffFactory

    client.force_login(organiser)
    url = reverse("registration_board", args=[edition.slug])
    tariff = TariffFactory(congress=edition, name="Tarif solidaire")
    assert "Tarif solidaire" in client.get(url).content.decode()
    tariff.name = "Tarif réduit"
    tariff.save()
    TariffFactory(congress=edition, name="Tarif de soutien")
    page = client.get(url).content.decode()
    assert "Tarif réduit" in page and "Tarif de soutien" in page and "Tarif solidaire" not in page
    chosen = client.get(url, {"departement": "72"}).content.decode()
    assert '<option value="72" selected>' in chosen
    assert '<option value="72" selected>' not in client.get(url).content.decode()
    refused = client.get(url, {"departement": "nowhere"}).content.decode()
    assert "is-invalid" in refused or "invalid-feedback" in refused


def test_board_is_paginated(client, edition, organiser):
    order = RegistrationFactory(congress=edition, order__congress=edition).order
    RegistrationFactory.create_batch(50, congress=edition, order=order)
    client.force_login(organiser)
    url = reverse("registration_board", args=[edition.slug])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert (first.status_code, second.status_code) == (200, 200)
    assert (len(first.context["page"].object_list), len(second.context["page"].object_list)) == (
        50,
        1,
    )
    assert first.context["page"].paginator.count == 51


def test_board_exports_csv_and_xlsx(client, edition, organiser, ccas_order):
    client.force_login(organiser)
    url = reverse("registration_board", args=[edition.slug])
    csv_response = client.get(url, {"export": "csv", "kind": "ccas"})
    assert csv_response.status_code == 200
    csv = csv_response.content.decode()
    assert csv.splitlines()[0].startswith("Nom;E-mail;Fonction;Organisation")
    assert len(csv.splitlines()) == 4
    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Inscriptions"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Nom", "E-mail", "Fonction", "Organisation")
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert sorted(by_name) == ["Délégué·e 1", "Délégué·e 2", "Délégué·e 3"]
    first = by_name["Délégué·e 1"]
    assert (first["E-mail"], first["Organisation"], first["Commande"], first["Prix"]) == (
        "delegue1@example.org",
        ccas_order.organisation.name,
        ccas_order.reference,
        90,
    )


def test_board_marks_invoice_paid(client, edition, organiser, ccas_order):
    client.force_login(organiser)
    response = client.post(
        reverse("board_record_payment", args=[edition.slug, ccas_order.pk]),
        {"paid_on": "2024-03-01", "reference": "Mandat 77"},
    )
    assert response.status_code == 302
    ccas_order.refresh_from_db()
    assert (ccas_order.state, str(ccas_order.paid_at)) == ("paid", "2024-03-01")


def test_board_record_payment_refuses_non_organisers_before_reading_the_form(
    client, edition, ccas_order, ccas_manager
):
    client.force_login(ccas_manager)
    url = reverse("board_record_payment", args=[edition.slug, ccas_order.pk])
    refused = client.post(url, {})
    missing = client.post(reverse("board_record_payment", args=[edition.slug, 999999]), {})
    ccas_order.refresh_from_db()
    # Same answer whether the order exists or not: order numbers cannot be probed.
    assert (refused.status_code, missing.status_code, ccas_order.state) == (
        403,
        403,
        "awaiting_mandate",
    )


@pytest.mark.parametrize("count", [1, 3])
def test_account_lists_my_registrations_query_count(
    client, edition, django_assert_num_queries, count
):
    user = UserFactory()
    orders = [
        RegistrationFactory(
            order__congress=edition, order__placed_by=user, user=UserFactory()
        ).order
        for _ in range(count)
    ]
    client.force_login(user)
    # + the editions of the last year (open surveys), the welcome desks and the organisations
    # (funding roles) of the person (issue 14)
    with django_assert_num_queries(11):
        response = client.get(reverse("account"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("CMD-") == count
    assert [o.reference for o in orders if o.reference not in body] == []


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_page_lists_orders_query_count(
    client, edition, ccas_manager, django_assert_num_queries, count
):
    org = ccas_manager.memberships.get().organisation
    orders = [
        RegistrationFactory(order__congress=edition, order__organisation=org).order
        for _ in range(count)
    ]
    client.force_login(ccas_manager)
    with django_assert_num_queries(9):
        response = client.get(org.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("CMD-") == count
    assert [o.reference for o in orders if o.reference not in body] == []


def test_without_stripe_card_is_simply_not_offered(
    client, edition, tariffs, association_manager, settings
):
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(association_manager)
    org = association_manager.memberships.get().organisation
    response = client.get(
        reverse("registration_start", args=[edition.slug]), {"organisation": org.slug, "count": 1}
    )
    assert response.status_code == 200
    assert "paiement en ligne non configuré" not in response.content.decode()
    assert response.context["order_form"].fields["payment_method"].choices == [
        ("transfer", "Virement bancaire")
    ]


def test_full_edition_offers_waitlist(client, edition, tariffs):
    edition.capacity = 0
    edition.save()
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("registration_start", args=[edition.slug]))
    assert response.status_code == 200
    assert "Rejoindre la liste d'attente" in response.content.decode()
    assert client.post(reverse("waitlist_join", args=[edition.slug])).status_code == 302
    assert user.waitlist_entries.get().state == "waiting"


def test_board_filters_by_organisation_kind_and_state(client, edition, organiser, ccas_order):
    RegistrationFactory(congress=edition, order__congress=edition)
    client.force_login(organiser)
    url = reverse("registration_board", args=[edition.slug])
    assert len(client.get(url).context["page"].object_list) == 4
    assert len(client.get(url, {"kind": "ccas"}).context["page"].object_list) == 3
    assert len(client.get(url, {"kind": "individual"}).context["page"].object_list) == 1
    assert len(client.get(url, {"state": "free"}).context["page"].object_list) == 1
    assert len(client.get(url, {"departement": "72"}).context["page"].object_list) == 3


def test_person_with_an_offer_can_register_in_a_full_edition(
    client, edition, tariffs, ccas_manager
):
    edition.capacity = 1
    edition.save()
    order = services.order_create(
        congress=edition, by=ccas_manager, organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"], delegates=[delegate(1)],
    )  # fmt: skip
    person = UserFactory()
    seats.waitlist_join(congress=edition, by=person)
    other = UserFactory()
    seats.waitlist_join(congress=edition, by=other)
    services.order_cancel(order=order, by=ccas_manager)
    client.force_login(other)
    response = client.get(reverse("registration_start", args=[edition.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vous êtes sur la liste d" in page
    assert 'name="count"' not in page
    client.force_login(person)
    response = client.get(reverse("registration_start", args=[edition.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Une place vous est réservée jusqu" in page
    assert 'name="count"' in page
    response = client.post(
        reverse("registration_start", args=[edition.slug]) + "?organisation=&count=1",
        {"tariff": tariffs["speaker"].pk, "invitation_code": "INTERVENANT-2024", "d0-days": [edition.start_date.isoformat()], "action": "confirm"},
    )  # fmt: skip
    assert response.status_code == 302
    assert person.registrations.get().status == "confirmed"


def test_closed_edition_refuses_registrations(edition, tariffs, ccas_manager):
    from django.core.exceptions import ValidationError

    edition.status = "closed"
    edition.save()
    with pytest.raises(ValidationError) as error:
        services.order_create(
            congress=edition, by=ccas_manager, organisation=ccas_manager.memberships.get().organisation,
            tariff=tariffs["public"], delegates=[delegate(1)],
        )  # fmt: skip
    assert error.value.messages == ["Les inscriptions à cette édition sont closes."]


def test_issued_invoices_are_read_only_in_the_admin(client, ccas_order):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    invoice = ccas_order.invoices.get()
    change = reverse("admin:congress_invoice_change", args=[invoice.pk])
    delete = reverse("admin:congress_invoice_delete", args=[invoice.pk])
    response = client.get(change)
    assert response.status_code == 200
    page = response.content.decode()
    assert invoice.reference in page
    assert 'name="_save"' not in page
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.post(change, {"total": "1.00"}).status_code == 403
    invoice.refresh_from_db()
    assert invoice.total == ccas_order.total


@pytest.mark.parametrize("count", [1, 3])
def test_order_detail_query_count(
    client, edition, tariffs, ccas_manager, django_assert_num_queries, count
):
    order = services.order_create(
        congress=edition, by=ccas_manager, organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"], delegates=[delegate(n) for n in range(1, count + 1)],
    )  # fmt: skip
    client.force_login(ccas_manager)
    with django_assert_num_queries(8):
        response = client.get(order.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    names = [f"Délégué·e {n}" for n in range(1, count + 1)]
    assert [name for name in names if name not in body] == []


def test_board_records_payment_once_per_order_and_offers_refund_only_when_possible(
    client, edition, organiser, ccas_order
):
    card = RegistrationFactory(congress=edition, order__congress=edition,
                               order__state=OrderState.PAID, full_name="Zoé Carte",
                               order__stripe_payment_intent_id="pi_board_1").order  # fmt: skip
    client.force_login(organiser)
    body = client.get(reverse("registration_board", args=[edition.slug])).content.decode()
    assert ccas_order.state == OrderState.AWAITING_MANDATE
    # One payment form for the three delegates of the CCAS order, with visible labels.
    assert body.count(reverse("board_record_payment", args=[edition.slug, ccas_order.pk])) == 1
    assert body.count(f'<label class="form-label small mb-0" for="ref-{ccas_order.pk}">') == 1
    assert body.count(f"sur la première ligne de la commande {ccas_order.reference}") == 2
    assert 'placeholder="Référence"' not in body
    # Refund: only for the card payment; the mandate order is cancelled (credit note).
    assert f'Annuler et rembourser <span class="visually-hidden">{card.reference}' in body
    assert f'Annuler la commande <span class="visually-hidden">{ccas_order.reference}' in body
    assert body.count("Annuler et rembourser") == 1
