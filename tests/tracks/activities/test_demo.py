"""The two demo editions of issue 15, seeded on their own (seed_demo runs them after tracks)."""

from datetime import date

import pytest
from django.utils import timezone

from congress.core.seeding import DemoContext
from congress.editions.models import Congress
from tracks.activities import demo as week_demo
from tracks.stands import demo as evening_demo

pytestmark = pytest.mark.django_db


def test_the_week_starts_on_the_first_tuesday_of_april_ahead():
    assert week_demo.week_start(date(2026, 12, 3)) == date(2027, 4, 6)
    assert week_demo.week_start(date(2024, 1, 10)) == date(2024, 4, 2)  # as in 2024


def test_the_evening_is_the_next_3_december():
    assert evening_demo.evening_day(date(2026, 12, 3)) == date(2026, 12, 3)
    assert evening_demo.evening_day(date(2026, 12, 4)) == date(2027, 12, 3)


def test_both_editions_are_seeded_of_their_kind_and_dated_from_their_own_dates():
    for _ in range(2):  # idempotent
        week_demo.seed(DemoContext())
        evening_demo.seed(DemoContext())
    week = Congress.objects.get(slug=week_demo.SLUG)
    evening = Congress.objects.get(slug=evening_demo.SLUG)
    assert (week.kind, evening.kind) == ("programme", "evening")
    assert week.sessions.count() == len(week_demo.ACTIVITIES)
    assert week.venues.count() == len(week_demo.PLACES) + 1  # and « En ligne »
    assert week.sessions.filter(is_online=True).count() == sum(
        a[5] is None for a in week_demo.ACTIVITIES
    )
    assert (len(week_demo.ACTIVITIES), len(week_demo.PLACES), len(evening_demo.STANDS)) == (
        60,
        15,
        50,
    )
    days = {timezone.localtime(s.starts_at).date() for s in week.sessions.all()}
    assert days == set(week.days)
    assert all(s.created_at.date() < week.start_date for s in week.sessions.all())
    # Published about two weeks before the week (« programme à venir » until then).
    lead = week.start_date - timezone.localdate()
    assert week.programme_published is (lead.days <= week_demo.PUBLICATION_LEAD_DAYS)
    times = [timezone.localtime(s.starts_at).strftime("%H:%M") for s in evening.sessions.all()]
    assert times == ["16:00", "17:00", "18:30", "19:00", "20:00"]
    assert {timezone.localtime(s.starts_at).date() for s in evening.sessions.all()} == {
        evening.start_date
    }
    assert evening.stands.count() == len(evening_demo.STANDS)
    assert "presse@paris.fr" in evening.press_contact
    assert week.partners.count() == len(week_demo.PARTNERS)
    assert evening.stand_applications.filter(status="submitted").count() == 3
