"""Speakers and press are feature switches of an edition (issue 15): switched off, their public
and staff pages answer 404, the organisers' links leave the features page and the desk no
longer lists the press."""

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.editions.kinds import kind_defaults
from tests.factories import CongressFactory, UserFactory
from tracks.press.models import PressAccreditation, PressStatus
from tracks.speakers.models import SpeakerProfile

pytestmark = pytest.mark.django_db


def test_kinds_keep_them_where_the_demo_uses_them():
    assert kind_defaults("evening")["speakers"] and kind_defaults("evening")["press"]
    assert kind_defaults("congress")["speakers"] and kind_defaults("congress")["press"]
    assert kind_defaults("programme")["speakers"] and not kind_defaults("programme")["press"]


@pytest.mark.parametrize("code", ["speakers", "press"])
def test_switched_off_pages_answer_404_and_the_links_go(client, code):
    today = timezone.localdate()
    edition = CongressFactory(kind="evening", start_date=today, end_date=today)
    organiser = UserFactory()
    edition.organisers.add(organiser)
    profile = SpeakerProfile.objects.create(
        congress=edition, name="Inès", confirmed_at=timezone.now()
    )
    PressAccreditation.objects.create(
        congress=edition, full_name="Julie Fontaine", media="Radio", card_number="C1",
        email="julie@example.org", phone="0600000000", status=PressStatus.ACCEPTED,
    )  # fmt: skip
    pages = {
        "speakers": [
            ("speaker_list", [edition.slug]),
            ("staff_speakers", [edition.slug]),
            ("staff_speaker_edit", [edition.slug, profile.pk]),
        ],
        "press": [("press_request", [edition.slug]), ("staff_press", [edition.slug])],
    }[code]
    features = reverse("edition_features", args=[edition.slug])
    desk = reverse("checkin_desk", args=[edition.slug])
    client.force_login(organiser)
    for name, args in pages:
        assert client.get(reverse(name, args=args)).status_code == 200
    assert f'data-testid="staff-{code}-link"' in client.get(features).content.decode()
    assert "Julie Fontaine" in client.get(desk, {"q": "fontaine"}).content.decode()

    edition.features = {**edition.features_on, code: False}
    edition.save(update_fields=["features"])
    for name, args in pages:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert f'data-testid="staff-{code}-link"' not in client.get(features).content.decode()
    other = "press" if code == "speakers" else "speakers"
    assert f'data-testid="staff-{other}-link"' in client.get(features).content.decode()
    listed = "Julie Fontaine" in client.get(desk, {"q": "fontaine"}).content.decode()
    assert listed is (code != "press")
