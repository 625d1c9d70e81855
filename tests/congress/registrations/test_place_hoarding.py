"""Review issue 10, finding 1: places cannot be hoarded by throw-away accounts.

Only confirmed addresses create organisations and orders; an order has a delegate limit; unpaid
card orders hold places briefly and do not stack; oversized bodies are refused with a 413.
"""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from rest_framework.test import APIClient

from congress.organisations import services as organisations_services
from congress.organisations.models import Organisation
from congress.registrations import checkout, services
from congress.registrations.forms import StartForm
from congress.registrations.models import Order, OrderState
from tests.congress.registrations.conftest import delegate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNCONFIRMED = "Confirmez d'abord votre adresse e-mail"
ORGANISATION = {
    "kind": "association",
    "name": "Association fantôme",
    "commune": "Le Mans",
    "departement": "72",
    "contact_email": "fantome@example.org",
}


def org_of(user):
    return user.memberships.get().organisation


# --- confirmed address required --------------------------------------------------------------


def test_unconfirmed_account_cannot_create_an_organisation(client):
    user = UserFactory(email_confirmed_at=None)
    with pytest.raises(PermissionDenied) as error:
        organisations_services.organisation_create(by=user, **ORGANISATION)
    assert UNCONFIRMED in str(error.value)

    client.force_login(user)
    page = client.post(reverse("organisation_create"), ORGANISATION)
    assert page.status_code == 403
    assert escape(UNCONFIRMED) in page.text
    assert reverse("resend_confirmation") in page.text

    api = APIClient()
    api.force_authenticate(user)
    response = api.post("/api/v1/organisations/", ORGANISATION, format="json")
    assert response.status_code == 403
    assert UNCONFIRMED in response.json()["detail"]
    assert Organisation.objects.count() == 0


def test_unconfirmed_account_cannot_place_an_order(client, edition, tariffs, association_manager):
    association_manager.email_confirmed_at = None
    association_manager.save()
    organisation = org_of(association_manager)
    with pytest.raises(PermissionDenied) as error:
        services.order_create(
            congress=edition, by=association_manager, organisation=organisation,
            tariff=tariffs["association"], delegates=[delegate(1)],
        )  # fmt: skip
    assert UNCONFIRMED in str(error.value)

    client.force_login(association_manager)
    page = client.get(reverse("registration_start", args=[edition.slug]))
    assert page.status_code == 403
    assert escape(UNCONFIRMED) in page.text
    assert reverse("resend_confirmation") in page.text

    api = APIClient()
    api.force_authenticate(association_manager)
    response = api.post(
        f"/api/v1/congresses/{edition.slug}/orders/",
        {"organisation": organisation.slug, "tariff": tariffs["association"].pk,
         "delegates": [delegate(1)]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403
    assert UNCONFIRMED in response.json()["detail"]
    assert Order.objects.count() == 0


# --- a limit of delegates per order ----------------------------------------------------------


def test_order_delegate_limit_in_service_form_and_api(settings, edition, tariffs, ccas_manager):
    settings.ORDER_MAX_DELEGATES = 3
    edition.capacity = None
    edition.save()
    organisation = org_of(ccas_manager)
    with pytest.raises(ValidationError) as error:
        services.order_create(
            congress=edition, by=ccas_manager, organisation=organisation,
            tariff=tariffs["public"], delegates=[delegate(n) for n in range(4)],
        )  # fmt: skip
    assert error.value.messages == ["Une commande compte au plus 3 personnes."]

    form = StartForm({"organisation": organisation.slug, "count": 4}, organisations=[organisation])
    assert not form.is_valid()
    assert list(form.errors) == ["count"]

    api = APIClient()
    api.force_authenticate(ccas_manager)
    response = api.post(
        f"/api/v1/congresses/{edition.slug}/orders/",
        {"organisation": organisation.slug, "tariff": tariffs["public"].pk,
         "delegates": [delegate(n) for n in range(4)]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "delegates" in response.json()
    assert Order.objects.count() == 0

    services.order_create(
        congress=edition, by=ccas_manager, organisation=organisation,
        tariff=tariffs["public"], delegates=[delegate(n) for n in range(3)],
    )  # fmt: skip
    assert Order.objects.count() == 1


def test_order_max_delegates_has_a_sensible_default():
    from congress import settings as project_settings

    assert 1 <= project_settings.ORDER_MAX_DELEGATES <= 100
    assert project_settings.ORDER_PAYMENT_DELAY_MINUTES <= 30


# --- unpaid card orders: short hold, no stacking ---------------------------------------------


def test_checkout_session_expires_with_the_order(
    edition, tariffs, association_manager, stripe_settings
):
    order = services.order_create(
        congress=edition, by=association_manager, organisation=org_of(association_manager),
        tariff=tariffs["association"], delegates=[delegate(1)],
    )  # fmt: skip
    checkout.order_start_checkout(
        order=order, by=association_manager, success_url="http://t/ok", cancel_url="http://t/ko"
    )
    order.refresh_from_db()
    session = stripe_settings.sessions[order.stripe_checkout_session_id]
    expires = datetime.datetime.fromtimestamp(session["expires_at"], tz=datetime.UTC)
    assert expires == order.expires_at.replace(microsecond=0)
    assert expires >= timezone.now() + datetime.timedelta(minutes=30)
    assert expires <= timezone.now() + datetime.timedelta(minutes=32)


def test_second_unpaid_card_order_is_refused_while_the_first_holds_places(
    edition, tariffs, association_manager, stripe_settings
):
    organisation = org_of(association_manager)
    first = services.order_create(
        congress=edition, by=association_manager, organisation=organisation,
        tariff=tariffs["association"], delegates=[delegate(1)],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.order_create(
            congress=edition, by=association_manager, organisation=organisation,
            tariff=tariffs["association"], delegates=[delegate(2)],
        )  # fmt: skip
    assert first.reference in error.value.messages[0]
    assert "attend déjà son paiement" in error.value.messages[0]

    # Someone alone: the same rule for their individual orders.
    person = UserFactory(email="seule@example.org")
    services.order_create(congress=edition, by=person, tariff=tariffs["individual"], delegates=[{}])
    other_edition_order_count = Order.objects.count()
    with pytest.raises(ValidationError):
        services.order_create(
            congress=edition, by=person, tariff=tariffs["individual"], delegates=[{}]
        )
    assert Order.objects.count() == other_edition_order_count

    # Once the first order's delay has passed, it no longer blocks.
    Order.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    services.orders_expire_due()
    services.order_create(
        congress=edition, by=association_manager, organisation=organisation,
        tariff=tariffs["association"], delegates=[delegate(2)],
    )  # fmt: skip
    assert (
        Order.objects.filter(organisation=organisation, state=OrderState.PENDING_PAYMENT).count()
        == 1
    )


# --- oversized request bodies ----------------------------------------------------------------


def test_oversized_api_body_is_a_json_413(settings, edition, tariffs, ccas_manager):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    api = APIClient()
    api.force_authenticate(ccas_manager)
    body = {
        "organisation": org_of(ccas_manager).slug,
        "tariff": tariffs["public"].pk,
        "delegates": [delegate(n) for n in range(500)],
    }
    response = api.post(
        f"/api/v1/congresses/{edition.slug}/orders/",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "trop volumineuse" in response.json()["detail"]
    assert Order.objects.count() == 0


def test_oversized_api_body_without_length_header_is_a_json_413(settings, rf):
    """Django itself raises RequestDataTooBig when the body is read: the handler answers 413."""
    from django.core.exceptions import RequestDataTooBig

    from congress.core.api import exception_handler

    response = exception_handler(RequestDataTooBig("too big"), {})
    assert response.status_code == 413
    assert "trop volumineuse" in response.data["detail"]


def test_oversized_form_is_an_html_413(settings, client, edition):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(UserFactory())
    response = client.post(
        reverse("organisation_create"), {"description": "x" * 20_000, **ORGANISATION}
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "trop volumineuse" in response.text
    assert Organisation.objects.count() == 0


def test_file_uploads_are_not_counted_against_the_body_limit(settings, rf):
    """Multipart bodies are Django's to count (fields, not files): a follow-up PDF still goes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from congress.core.middleware import RequestBodyLimitMiddleware

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    document = SimpleUploadedFile("suite.pdf", b"%PDF-1.4\n" + b"0" * 2_000_000)
    request = rf.post("/api/v1/congresses/x/follow-ups/", {"status": "sent", "document": document})
    assert int(request.META["CONTENT_LENGTH"]) > 2_000_000
    middleware = RequestBodyLimitMiddleware(lambda request: (request.FILES, request.POST)[0])
    files = middleware(request)
    assert files["document"].size == 2_000_009
