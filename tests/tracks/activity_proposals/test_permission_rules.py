"""Who proposes, reads and decides partners' proposals (issue 15), beyond the main paths: the
call stays open while the edition is visible (closed or archived too) and not over; a visitor
without an account proposes nothing; a decided proposal is neither changed nor decided again."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.tracks.activity_proposals.conftest import submit
from tracks.activity_proposals.permissions import (
    can_decide_activity_proposal,
    can_edit_activity_proposal,
    can_propose_activity,
    can_view_activity_proposal,
    manages_partner,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["published", "closed", "archived"])
def test_the_call_is_open_while_the_edition_is_visible(call, status):
    call.week.status = status
    assert can_propose_activity(call.manager, call.partner) is True


def test_the_call_closes_once_the_edition_is_over(call):
    yesterday = timezone.localdate() - timedelta(days=1)
    call.week.start_date, call.week.end_date = yesterday - timedelta(days=2), yesterday
    assert can_propose_activity(call.manager, call.partner) is False
    call.week.end_date = timezone.localdate()
    assert can_propose_activity(call.manager, call.partner) is True


def test_the_call_needs_the_feature_even_before_the_programme(call):
    call.week.features = {"partner_activities": False}
    assert can_propose_activity(call.manager, call.partner) is False


def test_a_visitor_or_an_inactive_manager_neither_proposes_nor_reads(call):
    proposal = submit(call)
    visitor = AnonymousUser()
    assert manages_partner(visitor, call.partner) is False
    assert can_view_activity_proposal(visitor, proposal) is False
    call.manager.is_active = False
    assert manages_partner(call.manager, call.partner) is False
    assert can_edit_activity_proposal(call.manager, proposal) is False


def test_a_waiting_proposal_is_changed_by_its_partner_and_decided_by_organisers(call):
    proposal = submit(call)
    assert can_edit_activity_proposal(call.manager, proposal) is True
    assert can_decide_activity_proposal(call.organiser, proposal) is True
    assert can_edit_activity_proposal(call.organiser, proposal) is False
    for status in ("accepted", "refused"):
        proposal.status = status
        assert can_edit_activity_proposal(call.manager, proposal) is False
        assert can_decide_activity_proposal(call.organiser, proposal) is False
