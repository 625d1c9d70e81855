"""Who applies for a stand, withdraws an application and sees the hall plan (issue 15), beyond
the main paths: an undecided application is withdrawn until the evening is over, an accepted
stand until the day before; the plan is seen by all once published, by organisers before."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import CongressFactory, UserFactory
from tracks.stands.permissions import (
    can_apply_for_stand,
    can_manage_stands,
    can_see_hall_plan,
    can_withdraw_stand_application,
)

pytestmark = pytest.mark.django_db


def evening_on(day):
    return CongressFactory(kind="evening", start_date=day, end_date=day)


def application(person, congress, status):
    return SimpleNamespace(applicant_id=person.pk, congress=congress, status=status)


def test_an_undecided_application_is_withdrawn_until_the_evening_is_over(db):
    person = UserFactory()
    today = timezone.localdate()
    for status in ("submitted", "waitlisted"):
        assert can_withdraw_stand_application(
            person, application(person, evening_on(today), status)
        )
        past = evening_on(today - timedelta(days=1))
        assert not can_withdraw_stand_application(person, application(person, past, status))


def test_an_accepted_stand_is_withdrawn_until_the_day_before(db):
    person = UserFactory()
    today = timezone.localdate()
    tomorrow = evening_on(today + timedelta(days=1))
    assert can_withdraw_stand_application(person, application(person, tomorrow, "accepted"))
    tonight = evening_on(today)
    assert not can_withdraw_stand_application(person, application(person, tonight, "accepted"))


def test_a_refused_or_withdrawn_application_or_someone_else_s_is_not_withdrawn(db):
    person = UserFactory()
    upcoming = evening_on(timezone.localdate() + timedelta(days=3))
    for status in ("refused", "withdrawn"):
        assert not can_withdraw_stand_application(person, application(person, upcoming, status))
    mine = application(person, upcoming, "submitted")
    assert not can_withdraw_stand_application(UserFactory(), mine)
    assert not can_withdraw_stand_application(AnonymousUser(), mine)
    person.is_active = False
    assert not can_withdraw_stand_application(person, mine)


def test_applications_open_on_closed_and_archived_evenings_not_yet_over(db):
    person = UserFactory()
    for status in ("published", "closed", "archived"):
        assert can_apply_for_stand(person, CongressFactory(kind="evening", status=status))


def test_the_plan_is_seen_by_all_once_published_and_by_organisers_before(db):
    congress = CongressFactory(kind="evening")
    organiser = UserFactory()
    congress.organisers.add(organiser)
    visitor = UserFactory()
    draft = SimpleNamespace(
        plan_image="stands/plans/a.png", plan_published=False, congress=congress
    )
    assert (can_see_hall_plan(organiser, draft), can_see_hall_plan(visitor, draft)) == (True, False)
    published = SimpleNamespace(
        plan_image="stands/plans/a.png", plan_published=True, congress=congress
    )
    assert can_see_hall_plan(AnonymousUser(), published) is True
    assert can_manage_stands(organiser, congress) is True
    assert can_manage_stands(visitor, congress) is False
