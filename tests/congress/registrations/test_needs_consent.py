"""The registration form asks whether the declared needs may be shared with the moderators and
the welcome desk: the answer is recorded as an "accessibility data" consent, which the
moderator's attendee list follows."""

import html
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from congress.accounts.models import Consent, ConsentKind
from congress.accounts.services import CONSENT_WORDING
from congress.registrations import privacy, services
from congress.registrations.models import Registration
from tests.congress.registrations.conftest import delegate
from tests.factories import SessionFactory, SessionTypeFactory, UserFactory
from tracks import services as tracks_services

pytestmark = pytest.mark.django_db


def ccas_order(edition, tariffs, ccas_manager, *delegates):
    return services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=list(delegates),
    )


def accessibility_consents(edition):
    return list(
        Consent.objects.filter(congress=edition, kind=ConsentKind.ACCESSIBILITY_DATA)
        .order_by("email")
        .values_list("email", "given", "source", "wording")
    )


def test_order_create_records_the_sharing_of_declared_needs(edition, tariffs, ccas_manager):
    order = ccas_order(
        edition,
        tariffs,
        ccas_manager,
        delegate(1, needs_step_free=True, needs_shared=True),
        delegate(2, dietary_needs="sans gluten", needs_shared=False),
        delegate(3, other_needs="Chien guide", needs_shared=True),
        delegate(4),  # no need declared: nothing to share, nothing recorded
        delegate(5, needs_shared=True),  # a yes without any need: nothing recorded either
    )
    wording = str(CONSENT_WORDING[ConsentKind.ACCESSIBILITY_DATA])
    assert accessibility_consents(edition) == [
        ("delegue1@example.org", True, f"order:{order.pk}", wording),
        ("delegue2@example.org", False, f"order:{order.pk}", wording),
        ("delegue3@example.org", True, f"order:{order.pk}", wording),
    ]
    consent = Consent.objects.get(email="delegue1@example.org", kind="accessibility_data")
    assert (consent.recorded_by, consent.congress) == (ccas_manager, edition)
    # The photo consent is still recorded for everyone.
    assert Consent.objects.filter(congress=edition, kind=ConsentKind.PHOTO).count() == 5
    assert order.registrations.get(email="delegue1@example.org").needs_shared is True
    assert order.registrations.get(email="delegue2@example.org").needs_shared is False


def test_order_create_links_the_consent_to_the_delegates_account(edition, tariffs, ccas_manager):
    person = UserFactory(email="delegue1@example.org")
    ccas_order(edition, tariffs, ccas_manager, delegate(1, needs_lsf=True, needs_shared=True))
    consent = Consent.objects.get(kind=ConsentKind.ACCESSIBILITY_DATA)
    assert consent.user == person


@pytest.mark.parametrize(
    ("shared", "expected", "hidden"),
    [
        (True, "<li>interprétation en LSF</li>", "Non communiqués"),
        (False, "Non communiqués", "LSF"),
    ],
)
def test_the_moderators_attendee_list_follows_the_answer_of_the_form(
    client, edition, tariffs, ccas_manager, shared, expected, hidden
):
    person = UserFactory(email="delegue1@example.org", full_name="Alice Martin")
    ccas_order(
        edition,
        tariffs,
        ccas_manager,
        delegate(
            1,
            needs_lsf=True,
            needs_shared=shared,
            days=[day.isoformat() for day in edition.days],
        ),
    )
    session = SessionFactory(
        congress=edition,
        session_type=SessionTypeFactory(congress=edition, slug="atelier", is_workshop=True),
        lsf_interpretation=False,
    )
    moderator = UserFactory()
    session.moderators.add(moderator)
    tracks_services.signup_create(session=session, user=person)
    organiser = UserFactory()
    edition.organisers.add(organiser)
    url = reverse("session_attendees", args=[edition.slug, session.pk])
    for viewer in (moderator, organiser):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        assert "Délégué·e 1" in page
        assert expected in page
        assert hidden not in page


def test_the_field_follows_the_other_needs_on_the_form(
    client, edition, tariffs, association_manager
):
    client.force_login(association_manager)
    org = association_manager.memberships.get().organisation
    url = reverse("registration_start", args=[edition.slug]) + f"?organisation={org.slug}&count=1"
    response = client.get(url)
    names = list(response.context["delegates"][0].fields)
    assert names.index("needs_shared") == names.index("other_needs") + 1
    page = html.unescape(response.content.decode())
    assert (
        "J'accepte que ces besoins soient communiqués aux animateurs et à l'équipe d'accueil "
        "pour m'accueillir" in page
    )


@pytest.mark.parametrize("shared", [True, False])
def test_the_review_step_carries_the_answer_to_the_order(
    client, edition, tariffs, association_manager, shared
):
    client.force_login(association_manager)
    org = association_manager.memberships.get().organisation
    url = reverse("registration_start", args=[edition.slug]) + f"?organisation={org.slug}&count=1"
    data = {
        "tariff": tariffs["association"].pk,
        "payment_method": "transfer",
        "d0-full_name": "Délégué·e 0",
        "d0-email": "delegue0@example.org",
        "d0-days": [day.isoformat() for day in edition.days],
        "d0-needs_step_free": "on",
        "d0-needs_shared": "on" if shared else "",
    }
    review = client.post(url, {**data, "action": "review"})
    assert review.templates[0].name == "congress/registrations/review.html"
    form = review.context["delegates"][0]
    assert form.cleaned_data["needs_shared"] is shared
    page = html.unescape(review.content.decode())
    # « Confirmer » posts the review page's hidden fields: replay exactly those.
    confirm = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        confirm.setdefault(name, []).append(value)
    assert confirm["d0-needs_shared"] == [str(shared)]
    confirm["action"] = "confirm"
    response = client.post(url, confirm)
    assert response.status_code == 302
    registration = Registration.objects.get(email="delegue0@example.org")
    assert registration.needs_shared is shared
    assert Consent.objects.get(kind=ConsentKind.ACCESSIBILITY_DATA).given is shared


def test_the_api_accepts_and_returns_the_answer(edition, tariffs, ccas_manager):
    api = APIClient()
    api.force_authenticate(ccas_manager)
    org = ccas_manager.memberships.get().organisation
    response = api.post(
        f"/api/v1/congresses/{edition.slug}/orders/",
        {
            "organisation": org.slug,
            "tariff": tariffs["public"].pk,
            "code_service": "S1",
            "engagement_number": "EJ1",
            "delegates": [
                {
                    "full_name": "Agent Un",
                    "email": "un@ccas.fr",
                    "needs_hearing_loop": True,
                    "needs_shared": True,
                },
                {"full_name": "Agent Deux", "email": "deux@ccas.fr", "needs_lsf": True},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert [d["needs_shared"] for d in response.data["delegates"]] == [True, False]
    assert [(email, given) for email, given, _s, _w in accessibility_consents(edition)] == [
        ("deux@ccas.fr", False),
        ("un@ccas.fr", True),
    ]


def test_the_personal_data_export_states_the_answer(edition, tariffs, ccas_manager):
    person = UserFactory(email="delegue1@example.org")
    ccas_order(edition, tariffs, ccas_manager, delegate(1, needs_lsf=True, needs_shared=True))
    (exported,) = privacy.export(person)["registrations"]
    assert (exported["needs"]["needs_lsf"], exported["needs_shared"]) == (True, True)
