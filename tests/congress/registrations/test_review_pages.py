"""Issue 12 pages: the review step, « Modifier », idempotent « Confirmer », the quote PDF, the
transfer order page, the phases on the start page, the edition home page and the order page."""

import html
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from congress.audit.models import AuditEntry
from congress.payments.models import Invoice
from congress.registrations import services
from congress.registrations.models import Order, OrderState
from tests.congress.registrations.conftest import delegate
from tests.factories import CongressFactory, TariffFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def start_url(edition, org, count=2):
    return (
        reverse("registration_start", args=[edition.slug])
        + f"?organisation={org.slug}&count={count}"
    )


def order_data(edition, tariff, count=2, **extra):
    data = {"tariff": tariff.pk, **extra}
    for i in range(count):
        data |= {
            f"d{i}-full_name": f"Délégué·e {i}",
            f"d{i}-email": f"delegue{i}@example.org",
            f"d{i}-function": "Bénévole",
            f"d{i}-days": [day.isoformat() for day in edition.days],
            f"d{i}-needs_lsf": "on" if i == 1 else "",
        }
    return data


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def association(client, association_manager):
    client.force_login(association_manager)
    return association_manager.memberships.get().organisation


def test_review_shows_lines_total_method_and_terms_and_creates_nothing(
    client, edition, tariffs, association
):
    data = order_data(edition, tariffs["association"], payment_method="transfer")
    response = client.post(start_url(edition, association), {**data, "action": "review"})
    assert response.status_code == 200
    assert response.templates[0].name == "congress/registrations/review.html"
    page = response.content.decode()
    assert "Délégué·e 0" in page and "Délégué·e 1" in page
    assert "120,00\u00a0€" in page
    assert "Virement bancaire" in page
    assert "Annulation en ligne avec remboursement intégral jusqu" in page
    assert 'name="confirm_key"' in page
    assert not Order.objects.exists()


def test_edit_keeps_everything_typed(client, edition, tariffs, association):
    data = order_data(edition, tariffs["association"], payment_method="transfer")
    response = client.post(start_url(edition, association), {**data, "action": "edit"})
    assert response.templates[0].name == "congress/registrations/order_form.html"
    form = response.context["delegates"][1]
    assert form["full_name"].value() == "Délégué·e 1"
    assert form["needs_lsf"].value() is True
    assert response.context["order_form"]["payment_method"].value() == "transfer"
    assert 'value="delegue1@example.org"' in response.content.decode()


def test_confirm_twice_with_the_same_key_makes_one_order(client, edition, tariffs, association):
    data = order_data(edition, tariffs["association"], payment_method="transfer")
    review = client.post(start_url(edition, association), {**data, "action": "review"})
    key = review.context["confirm_key"]
    confirm = {**data, "action": "confirm", "confirm_key": key}
    first = client.post(start_url(edition, association), confirm)
    second = client.post(start_url(edition, association), confirm)
    order = Order.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == order.get_absolute_url()
    assert order.state == OrderState.AWAITING_TRANSFER


def test_order_create_once_lets_other_integrity_errors_through(
    edition, tariffs, association_manager, monkeypatch
):
    from django.db import IntegrityError

    def clash(**kwargs):
        raise IntegrityError("another constraint")

    monkeypatch.setattr(services, "order_create", clash)
    with pytest.raises(IntegrityError):
        services.order_create_once(
            key="k",
            congress=edition,
            by=association_manager,
            tariff=tariffs["association"],
            delegates=[delegate(1)],
        )


def test_transfer_order_page_and_email(client, edition, tariffs, association, association_manager):
    data = order_data(edition, tariffs["association"], payment_method="transfer")
    mail.outbox.clear()
    with_callbacks = client.post(start_url(edition, association), {**data, "action": "confirm"})
    order = Order.objects.get()
    page = client.get(with_callbacks["Location"]).content.decode()
    assert order.reference in page
    assert edition.billing_iban in page and edition.billing_bic in page
    assert "120,00\u00a0€" in page
    assert "En attente de virement" in page
    assert "Annulation en ligne avec remboursement intégral" in page


def test_transfer_instructions_are_mailed(
    edition, tariffs, association_manager, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = services.order_create(
            congress=edition,
            by=association_manager,
            organisation=association_manager.memberships.get().organisation,
            tariff=tariffs["association"],
            delegates=[delegate(1)],
            payment_method="transfer",
        )
    instructions = [m for m in mail.outbox if m.to == [association_manager.email]]
    assert len(instructions) == 1
    body = instructions[0].body
    assert order.reference in instructions[0].subject
    assert order.reference in body and edition.billing_iban in body and "60,00" in body
    assert "À payer avant le" in body or "Pay before" in body


def test_on_site_order_page(client, edition, tariffs, association):
    edition.accepts_on_site = True
    edition.save()
    data = order_data(edition, tariffs["association"], count=1, payment_method="on_site")
    response = client.post(start_url(edition, association, 1), {**data, "action": "confirm"})
    page = client.get(response["Location"]).content.decode()
    assert "À régler à l" in page
    assert Order.objects.get().state == OrderState.AWAITING_ON_SITE


def test_quote_pdf_for_a_public_body_writes_nothing(client, edition, tariffs, ccas_manager):
    client.force_login(ccas_manager)
    org = ccas_manager.memberships.get().organisation
    data = order_data(edition, tariffs["public"], engagement_number="EJ-77")
    review = client.post(start_url(edition, org), {**data, "action": "review"})
    assert "Télécharger le devis" in review.content.decode()
    url = reverse("registration_quote", args=[edition.slug]) + f"?organisation={org.slug}&count=2"
    response = client.post(url, {**data, "action": "quote"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Devis" in text and "Facture n°" not in text
    assert "EJ-77" in text and "Délégué·e 1" in text and "180,00" in text
    assert "Valable jusqu" in text and edition.billing_name in text and org.name in text
    assert not Order.objects.exists() and not Invoice.objects.exists()


def test_quote_of_an_invalid_order_goes_back_with_a_message(client, edition, tariffs, ccas_manager):
    client.force_login(ccas_manager)
    org = ccas_manager.memberships.get().organisation
    url = reverse("registration_quote", args=[edition.slug]) + f"?organisation={org.slug}&count=2"
    response = client.post(url, {"tariff": tariffs["public"].pk}, follow=True)
    assert response.redirect_chain[-1][0] == start_url(edition, org)
    assert "Le devis n'a pas pu être établi" in text(response)
    edition.registration_closes_at = timezone.now() - timedelta(minutes=5)
    edition.save()
    data = order_data(edition, tariffs["public"])
    response = client.post(url, data, follow=True)
    assert "Les inscriptions sont closes depuis le" in text(response)


def test_quote_needs_a_valid_start_and_a_confirmed_address(client, edition, tariffs, ccas_manager):
    client.force_login(ccas_manager)
    url = reverse("registration_quote", args=[edition.slug])
    response = client.post(url + "?count=abc", {})
    assert response.status_code == 302
    ccas_manager.email_confirmed_at = None
    ccas_manager.save()
    assert client.post(url + "?count=1", {}).status_code == 403


def test_start_page_when_closed_refuses_and_organiser_may_register_late(
    client, edition, tariffs, association, organiser
):
    edition.registration_closes_at = timezone.now() - timedelta(minutes=5)
    edition.save()
    response = client.get(start_url(edition, association))
    page = response.content.decode()
    assert "Les inscriptions sont closes depuis le" in page
    assert "order_form" not in response.context
    organiser.email_confirmed_at = timezone.now()
    organiser.save()
    client.force_login(organiser)
    response = client.get(
        reverse("registration_start", args=[edition.slug]) + "?organisation=&count=1"
    )
    assert "journal d'audit" in response.content.decode()
    assert "order_form" in response.context


def test_order_page_hides_cancel_after_the_deadline_except_for_organisers(
    client, edition, tariffs, association, association_manager, organiser
):
    order = services.order_create(
        congress=edition,
        by=association_manager,
        organisation=association,
        tariff=tariffs["association"],
        delegates=[delegate(1)],
    )
    edition.cancellation_deadline = timezone.now() - timedelta(minutes=5)
    edition.save()
    cancel = reverse("order_cancel", args=[edition.slug, order.pk])
    assert cancel not in client.get(order.get_absolute_url()).content.decode()
    response = client.post(cancel, follow=True)
    assert "Le délai d'annulation avec remboursement est dépassé" in text(response)
    client.force_login(organiser)
    assert cancel in client.get(order.get_absolute_url()).content.decode()
    client.post(cancel)
    order.refresh_from_db()
    assert order.state == OrderState.CANCELLED
    assert AuditEntry.objects.get(action="order.cancelled").details["after_deadline"] is True


# --- the edition home page's call to action ---------------------------------------------------


def cta(client, edition):
    return text(client.get(reverse("congress_detail", args=[edition.slug])))


def test_home_cta_open(client, edition, tariffs):
    page = cta(client, edition)
    assert "Il reste 10 places." in page and "S'inscrire au congrès" in page
    assert "Inscriptions ouvertes jusqu" in page


def test_home_cta_not_yet_open(client, edition, tariffs):
    edition.registration_opens_at = timezone.now() + timedelta(days=3)
    edition.save()
    page = cta(client, edition)
    assert "Les inscriptions ouvriront le" in page
    assert "S'inscrire au congrès" not in page and "Il reste" not in page


def test_home_cta_closed(client, edition, tariffs):
    edition.registration_closes_at = timezone.now() - timedelta(days=3)
    edition.save()
    page = cta(client, edition)
    assert "Les inscriptions sont closes depuis le" in page
    assert "S'inscrire au congrès" not in page and "Il reste" not in page


def test_home_cta_past_edition_shows_nothing(client):
    past = CongressFactory(
        start_date=timezone.localdate() - timedelta(days=400),
        end_date=timezone.localdate() - timedelta(days=399),
        capacity=600,
    )
    TariffFactory(congress=past)
    page = cta(client, past)
    assert 'data-testid="registration-cta"' not in page
    assert "S'inscrire au congrès" not in page and "Il reste" not in page


# --- organisers' settings, and the review step's refusals ------------------------------------


def test_edition_settings_group_the_registration_window_and_ways_to_pay(admin_client, edition):
    response = admin_client.get(reverse("admin:congress_congress_change", args=[edition.pk]))
    page = text(response)
    assert response.status_code == 200
    assert plain("Inscriptions : calendrier et annulation") in plain(page) and plain(
        "Modes de paiement"
    ) in plain(page)
    for name in (
        "registration_opens_at",
        "cancellation_deadline",
        "refund_terms",
        "accepts_on_site",
        "billing_iban",
    ):
        assert f'name="{name}' in page, name


def test_tariff_settings_restrict_the_ways_to_pay(admin_client, edition, tariffs):
    tariff = tariffs["association"]
    url = reverse("admin:congress_tariff_change", args=[tariff.pk])
    page = text(admin_client.get(url))
    assert 'value="transfer"' in page and 'value="free"' not in page
    response = admin_client.post(
        url,
        {
            "congress": edition.pk, "name": tariff.name, "price": "60.00",
            "audience": tariff.audience, "order": 1, "payment_methods": ["card", "transfer"],
        },
    )  # fmt: skip
    assert response.status_code == 302
    tariff.refresh_from_db()
    assert tariff.payment_methods == ["card", "transfer"]


def test_review_refusals_are_shown_on_the_form(client, edition, tariffs, association):
    edition.accepts_on_site = True
    edition.save()
    tariffs["association"].payment_methods = ["transfer"]
    tariffs["association"].save()
    TariffFactory(congress=edition, name="Soutien", price=100)  # offers on-site payment
    data = order_data(edition, tariffs["association"], payment_method="on_site")
    response = client.post(start_url(edition, association), {**data, "action": "review"})
    assert response.templates[0].name == "congress/registrations/order_form.html"
    assert "Ce mode de paiement n'est pas proposé pour ce tarif." in text(response)
    edition.capacity = 1
    edition.save()
    data = order_data(edition, tariffs["association"], payment_method="transfer")
    response = client.post(start_url(edition, association), {**data, "action": "confirm"})
    assert response.context["full"] is True
    assert "Rejoindre la liste d'attente" in text(response)
    assert not Order.objects.exists()


def test_registering_for_an_organisation_one_does_not_manage_is_refused(
    client, edition, tariffs, association, ccas_manager
):
    other = ccas_manager.memberships.get().organisation
    response = client.get(start_url(edition, other))
    assert response.status_code == 200 and "order_form" not in response.context
    url = reverse("registration_quote", args=[edition.slug]) + f"?organisation={other.slug}&count=1"
    assert client.post(url, order_data(edition, tariffs["public"], count=1)).status_code == 403
    assert not Order.objects.exists()
