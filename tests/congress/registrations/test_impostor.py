"""Review issue 10, finding 2: an account that has not proved its address gets nothing filed
for that address (registrations with health data, workshop sign-up, track roles), and cannot
erase it either. Once the address is confirmed, the registrations are the person's."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from congress.accounts import services as accounts_services
from congress.profile import services as profile_services
from congress.registrations import selectors, services
from congress.registrations.models import Registration
from congress.registrations.permissions import is_participant
from tests.congress.registrations.conftest import delegate
from tests.factories import TEST_PASSWORD, RoomFactory, SessionFactory, VenueFactory
from tracks import services as track_services
from tracks.forms import TrackRoleForm

pytestmark = pytest.mark.django_db

VICTIM = "delegue7@example.org"


def export_text(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("account_data_export"))
    return b"".join(response.streaming_content).decode() if response.streaming else response.text


def test_impostor_gets_nothing_until_the_address_is_proven(
    client, edition, tariffs, ccas_manager, django_capture_on_commit_callbacks
):
    # Someone signs up with another person's address and never confirms it.
    impostor = accounts_services.user_sign_up(
        email=VICTIM, full_name="Imposteur", password=TEST_PASSWORD
    )
    # The person's organisation registers them, with their needs.
    services.order_create(
        congress=edition, by=ccas_manager, organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(7, needs_lsf=True, dietary_needs="Sans gluten", other_needs="Fauteuil")],
    )  # fmt: skip
    registration = Registration.objects.get(email=VICTIM)
    assert registration.user is None

    # Nothing of it reaches the impostor: "Mon compte", the data export, the programme.
    assert list(selectors.user_orders(impostor)) == []
    account = (client.force_login(impostor), client.get(reverse("account")))[1]
    assert registration.order.reference not in account.text
    exported = json.loads(export_text(client, impostor))
    assert exported["congress"]["registrations"] == []
    assert "Sans gluten" not in json.dumps(exported)
    assert is_participant(impostor, edition) is False
    workshop = SessionFactory(
        congress=edition, room=RoomFactory(venue=VenueFactory(congress=edition))
    )
    with pytest.raises(PermissionDenied):
        track_services.signup_create(session=workshop, user=impostor)
    form = TrackRoleForm({"track": "", "role": "reviewer", "email": VICTIM}, congress=edition)
    assert not form.is_valid() and "email" in form.errors

    # Nor can the impostor erase the person's registration by deleting "their" account.
    profile_services.user_delete_account(user=impostor, password=TEST_PASSWORD)
    registration.refresh_from_db()
    assert (registration.email, registration.dietary_needs) == (VICTIM, "Sans gluten")


def test_registrations_become_the_persons_once_the_address_is_confirmed(
    client, edition, tariffs, ccas_manager
):
    person = accounts_services.user_sign_up(email=VICTIM, full_name="Vraie", password=TEST_PASSWORD)
    services.order_create(
        congress=edition, by=ccas_manager, organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"], delegates=[delegate(7, dietary_needs="Sans gluten")],
    )  # fmt: skip
    assert is_participant(person, edition) is False

    accounts_services.user_confirm_email(token=accounts_services.email_confirmation_token(person))
    person.refresh_from_db()
    order = Registration.objects.get(email=VICTIM).order
    assert list(selectors.user_orders(person)) == [order]
    assert is_participant(person, edition) is True
    exported = json.loads(export_text(client, person))
    assert [r["needs"]["dietary_needs"] for r in exported["congress"]["registrations"]] == [
        "Sans gluten"
    ]
    assert order.reference in client.get(reverse("account")).text


def test_orders_filed_for_a_confirmed_account_join_it(edition, tariffs, ccas_manager):
    from tests.factories import UserFactory

    confirmed = UserFactory(email="delegue1@example.org", email_confirmed_at=timezone.now())
    unconfirmed = UserFactory(email="delegue2@example.org", email_confirmed_at=None)
    services.order_create(
        congress=edition, by=ccas_manager, organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"], delegates=[delegate(1), delegate(2)],
    )  # fmt: skip
    users = dict(Registration.objects.values_list("email", "user"))
    assert users == {"delegue1@example.org": confirmed.pk, "delegue2@example.org": None}
    assert unconfirmed.registrations.count() == 0
