"""Kinds of edition and their feature switches (issue 15)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from congress.editions import services
from congress.editions.kinds import FEATURES, kind_defaults
from congress.editions.models import Congress, Venue
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_kind_sets_its_defaults():
    assert kind_defaults("congress") == {
        "paid_registration": True, "call_for_proposals": True, "workshop_outcomes": True,
        "many_venues": False, "activity_signup": False, "stands": False,
        "partner_activities": False, "late_partner_activities": False, "speakers": True,
        "press": True,
    }  # fmt: skip
    assert {c for c, on in kind_defaults("programme").items() if on} == {
        "many_venues",
        "activity_signup",
        "partner_activities",  # partners propose activities; late ones only when allowed
        "speakers",
    }
    assert {c for c, on in kind_defaults("evening").items() if on} == {
        "activity_signup", "stands", "speakers", "press",
    }  # fmt: skip


def test_existing_editions_are_congresses_with_todays_features():
    congress = CongressFactory()
    assert congress.kind == "congress"
    assert congress.features_on == kind_defaults("congress")


def test_a_stored_switch_overrides_the_kind_default():
    evening = CongressFactory(kind="evening", features={"stands": False, "paid_registration": True})
    assert (evening.feature_on("stands"), evening.feature_on("paid_registration")) == (False, True)


def test_a_switched_off_feature_answers_404_and_leaves_the_navigation(client):
    congress = CongressFactory(is_current=True)
    assert client.get(reverse("proposal_list", args=[congress.slug])).status_code == 302  # login
    assert reverse("public_policy_list", args=[congress.slug]) in client.get("/").content.decode()
    congress.features = {"call_for_proposals": False, "workshop_outcomes": False}
    congress.save()
    assert client.get(reverse("proposal_list", args=[congress.slug])).status_code == 404
    assert client.get(reverse("public_policy_list", args=[congress.slug])).status_code == 404
    assert (
        reverse("public_policy_list", args=[congress.slug]) not in client.get("/").content.decode()
    )


def test_an_unknown_edition_still_gets_the_views_own_404(client):
    assert client.get(reverse("proposal_list", args=["nowhere"])).status_code in (302, 404)


def test_organisers_switch_features_on_the_features_page(client):
    organiser = UserFactory()
    congress = CongressFactory(kind="evening")
    congress.organisers.add(organiser)
    client.force_login(organiser)
    url = reverse("edition_features", args=[congress.slug])
    assert client.get(url).status_code == 200
    client.post(url, {"activity_signup": "on"})
    congress.refresh_from_db()
    assert congress.features == {code: code == "activity_signup" for code in FEATURES}
    assert congress.programme_published is False
    assert client.get(reverse("stand_list", args=[congress.slug])).status_code == 404


def test_only_organisers_change_the_switches():
    congress = CongressFactory()
    with pytest.raises(PermissionDenied):
        services.edition_features_set(
            congress=congress, features={}, programme_published=True, by=UserFactory()
        )
    assert Congress.objects.get(pk=congress.pk).features == {}


def test_map_links_are_built_from_coordinates_or_the_address():
    venue = Venue(name="ESI", address="3 rue de l'Exemple", postal_code="75010", city="Paris")
    assert venue.geo_uri == "geo:0,0?q=3%20rue%20de%20l%27Exemple%2C%2075010%20Paris"
    assert (
        venue.osm_url
        == "https://www.openstreetmap.org/search?query=3+rue+de+l%27Exemple%2C+75010+Paris"
    )
    venue.latitude, venue.longitude = "48.872100", "2.362400"
    assert venue.geo_uri == "geo:48.872100,2.362400"
    assert (
        venue.osm_url
        == "https://www.openstreetmap.org/?mlat=48.872100&mlon=2.362400#map=18/48.872100/2.362400"
    )


def test_a_switched_off_feature_answers_404_in_the_api_too(client):
    congress = CongressFactory(kind="evening")
    for name in ("proposal-list", "policy-proposal-list", "tariff-list", "endorsement-list"):
        response = client.get(reverse(name, kwargs={"congress_slug": congress.slug}))
        assert (name, response.status_code, response.json()) == (
            name,
            404,
            {"detail": "Introuvable."},
        )
    congress.features = {"workshop_outcomes": True}
    congress.save()
    url = reverse("policy-proposal-list", kwargs={"congress_slug": congress.slug})
    assert client.get(url).status_code == 200


def test_every_api_endpoint_of_a_feature_is_guarded():
    from django.urls import URLPattern, URLResolver, get_resolver

    prefixes = ("proposal-", "review-", "outcome-", "policy-proposal-", "endorsement-",
                "follow-up-", "tariff-", "order-")  # fmt: skip

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern

    unguarded = sorted(
        p.name
        for p in walk(get_resolver().url_patterns)
        if (p.name or "").startswith(prefixes) and not hasattr(p.callback, "feature_code")
    )
    assert unguarded == []


@pytest.mark.parametrize(
    "kind, sentence",
    [
        ("congress", "Le congrès a eu lieu."),
        ("programme", "Les activités de cette édition ont eu lieu."),
        ("evening", "La soirée a eu lieu."),
    ],
)
def test_the_ended_banner_names_the_kind_of_edition(client, kind, sentence):
    from django.utils import timezone

    past = timezone.localdate() - timezone.timedelta(days=30)
    congress = CongressFactory(kind=kind, start_date=past, end_date=past)
    page = client.get(reverse("congress_detail", args=[congress.slug])).content.decode()
    others = {"Le congrès a eu lieu.", "Les activités de cette édition ont eu lieu.",
              "La soirée a eu lieu."} - {sentence}  # fmt: skip
    assert (sentence in page, [s for s in others if s in page]) == (True, [])
