"""After the meetings: each party records an outcome, organisers see the figures; the room's
big screen shows the round under way and the time left."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.organisations.models import MembershipRole
from funding.meetings import selectors
from funding.models import ApplicationState, Meeting
from tests.factories import MembershipFactory, UserFactory
from tests.factories.funding import ApplicationFactory, FunderFactory, MeetingGridFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(call):
    return MeetingGridFactory(congress=call.congress, day=datetime.date(2024, 11, 22))


def meeting_for(grid, call, slot=0):
    application = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    funder = FunderFactory(congress=call.congress, table=slot + 1)
    return Meeting.objects.create(grid=grid, funder=funder, application=application, slot=slot)


def member(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user


def test_each_party_records_its_outcome_and_organisers_see_figures(client, call, grid, organiser):
    meeting = meeting_for(grid, call)
    other = meeting_for(grid, call, slot=1)
    url = reverse("funding_meeting_outcome", args=[call.congress.slug, meeting.pk])
    client.force_login(member(meeting.funder.organisation))
    assert client.post(url, {"outcome": "invited"}).status_code == 302
    client.force_login(member(meeting.application.organisation))
    page = client.get(reverse("funding_my_meetings", args=[call.congress.slug])).content.decode()
    assert f'id="outcome-{meeting.pk}"' in page
    assert client.post(url, {"outcome": "follow_up"}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.funder_outcome, meeting.holder_outcome) == ("invited", "follow_up")
    assert AuditEntry.objects.filter(action="funding.meeting_outcome").count() == 2

    figures = {f["value"]: (f["funder"], f["holder"]) for f in selectors.outcome_figures(grid)}
    assert figures == {"follow_up": (0, 1), "invited": (1, 0), "none": (0, 0), "missing": (1, 1)}
    assert other.funder_outcome == ""
    client.force_login(organiser)
    board = client.get(reverse("funding_meeting_board", args=[call.congress.slug]))
    assert "Candidature invitée" in board.content.decode()


def test_outsiders_bad_values_and_future_meetings_are_refused(client, call, grid):
    meeting = meeting_for(grid, call)
    url = reverse("funding_meeting_outcome", args=[call.congress.slug, meeting.pk])
    client.force_login(UserFactory())
    assert client.post(url, {"outcome": "invited"}).status_code == 404
    client.force_login(member(meeting.funder.organisation))
    bad = client.post(url, {"outcome": "maybe"}, follow=True)
    assert "Choisissez la suite donnée au rendez-vous." in bad.content.decode()
    grid.day = timezone.localdate() + datetime.timedelta(days=3)
    grid.save()
    early = client.post(url, {"outcome": "none"}, follow=True)
    assert "Le rendez-vous n&#x27;a pas encore eu lieu." in early.content.decode()
    meeting.refresh_from_db()
    assert (meeting.funder_outcome, meeting.holder_outcome) == ("", "")


def test_the_big_screen_shows_the_round_under_way_and_the_time_left(client, call, grid):
    zone = timezone.get_current_timezone()
    # 14:00-17:00, 15-minute slots, a break at 15:30: 14:20 is in round 2, 10 minutes left
    now = datetime.datetime(2024, 11, 22, 14, 20, 30, tzinfo=zone)
    state = selectors.current_round(grid, now)
    assert state["current"][0] == 2
    assert state["time_left"] == "09:30"
    assert state["total"] == 11
    after_break = selectors.current_round(grid, now.replace(hour=15, minute=35))
    assert after_break["current"] is None
    assert after_break["upcoming"][0] == 7
    assert selectors.current_round(grid, now.replace(hour=18))["upcoming"] is None

    page = client.get(reverse("funding_meeting_screen", args=[call.congress.slug]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Les rendez-vous sont terminés" in body  # 22 November 2024 is past
    assert body.count("<tr") == 12  # the header and the 11 rounds with their times
    assert "meeting-countdown.js" in body


def test_only_active_members_of_either_party_record_an_outcome(call, grid, organiser):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from funding.meetings.permissions import can_record_meeting_outcome
    from funding.meetings.services import meeting_outcome_record

    meeting = meeting_for(grid, call)
    gone = member(meeting.funder.organisation)
    gone.is_active = False
    gone.save()
    assert can_record_meeting_outcome(AnonymousUser(), meeting) is False
    assert can_record_meeting_outcome(gone, meeting) is False

    for outsider in (gone, organiser, member(ApplicationFactory(call=call).organisation)):
        with pytest.raises(PermissionDenied):
            meeting_outcome_record(meeting=meeting, by=outsider, outcome="invited")

    meeting.refresh_from_db()
    assert (meeting.funder_outcome, meeting.holder_outcome) == ("", "")
    assert not AuditEntry.objects.filter(action="funding.meeting_outcome").exists()
