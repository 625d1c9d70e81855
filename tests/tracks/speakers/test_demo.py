"""The evening's demo speakers and press requests (issue 15), dated from the evening."""

from datetime import timedelta

import pytest

from tests.factories import CongressFactory, SessionFactory, UserFactory
from tracks.press import demo as press_demo
from tracks.press.models import PressAccreditation
from tracks.speakers import demo as speakers_demo
from tracks.speakers.models import SpeakerProfile
from tracks.speakers.services import speaker_profiles_import
from tracks.stands.demo import SLUG

pytestmark = pytest.mark.django_db


def test_three_confirmed_conference_speakers_and_two_press_requests_dated_from_the_evening():
    speakers_demo.seed(None)  # no evening yet: nothing
    evening = CongressFactory(slug=SLUG, kind="evening")
    first = SessionFactory(congress=evening, title=speakers_demo.RESILIENCE)
    second = SessionFactory(congress=evening, title=speakers_demo.PASSPORT + " : vers un passeport")
    for _ in range(2):  # idempotent
        speakers_demo.seed(None)
        press_demo.seed(None)
    profiles = SpeakerProfile.objects.filter(congress=evening)
    assert profiles.count() == 3 and all(p.is_public for p in profiles)
    assert sorted(s.title for p in profiles for s in p.sessions.all()) == sorted(
        [first.title, first.title, second.title]
    )
    # The conferences' speakers text names the same people, one line each, with no line left
    # without its profile (the organisers' import creates nothing).
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.speaker_list == [
        "Claire Vasseur (fictive), Coordinatrice des volontaires, Volontaires de Paris (démo)",
        "Mamadou Keïta (fictif), Chercheur en sociologie de l'engagement, Université (démo)",
    ]
    assert second.speaker_list == [
        "Hélène Marchand (fictive), Présidente, Réseau associatif parisien (démo)"
    ]
    organiser = UserFactory()
    evening.organisers.add(organiser)
    assert speaker_profiles_import(congress=evening, by=organiser) == 0
    requests = PressAccreditation.objects.filter(congress=evening).order_by("card_number")
    assert [r.status for r in requests] == ["accepted", "pending"]
    window = (evening.start_date - timedelta(days=31), evening.start_date)
    for obj in [*profiles, *requests]:
        assert window[0] <= obj.created_at.date() <= window[1]
    assert requests[0].decided_at.date() == evening.start_date - timedelta(days=7)
