"""Who may do what in calls for projects, the funder meetings and the follow-up: the predicates
of funding/permissions.py, funding/meetings/permissions.py and funding/followup/permissions.py,
each right granted to its holders and refused to the neighbours who do not hold it."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from congress.organisations.models import MembershipRole
from funding import permissions as rules
from funding.followup import permissions as followup
from funding.meetings import permissions as meetings
from funding.models import ApplicationState, Decision, Meeting
from tests.factories import CongressFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.funding import ApplicationFactory, FunderFactory, MeetingGridFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request loads it (no per-request caches)."""
    return get_user_model().objects.get(pk=user.pk)


def member_of(organisation, role=MembershipRole.MEMBER, **user_fields):
    user = UserFactory(**user_fields)
    MembershipFactory(organisation=organisation, role=role, user=user)
    return user


def organiser_of(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


def with_state(application, state):
    application.state = state
    application.save()
    return application


@pytest.fixture
def funder_org(call):
    organisation = OrganisationFactory(name="Fondation Ressources Solidaires")
    call.funder_organisation = organisation
    call.save()
    return organisation


# Calls and applications ------------------------------------------------------------------------


def test_jurors_are_those_of_the_call_and_active(call, juror):
    other_call = ApplicationFactory(call__congress=call.congress).call

    assert rules.is_juror(juror, call) is True
    assert rules.is_juror(fresh(juror), other_call) is False
    assert rules.is_juror(AnonymousUser(), call) is False
    type(juror).objects.filter(pk=juror.pk).update(is_active=False)
    assert rules.is_juror(fresh(juror), call) is False


def test_a_persons_juries_are_read_once_per_request(call, juror, django_assert_num_queries):
    other_call = ApplicationFactory(call__congress=call.congress).call
    user = fresh(juror)

    with django_assert_num_queries(1):
        assert [rules.is_juror(user, call), rules.is_juror(user, other_call)] == [True, False]
        assert rules.is_juror(user, call) is True


def test_the_edition_organisers_manage_its_calls_and_nobody_else(call, organiser):
    elsewhere = organiser_of(CongressFactory())

    assert (
        rules.can_manage_call(organiser, call),
        rules.can_create_call(organiser, call.congress),
    ) == (True, True)
    assert (
        rules.can_manage_call(elsewhere, call),
        rules.can_create_call(elsewhere, call.congress),
    ) == (False, False)


def test_the_funder_of_a_call_is_any_active_member_of_its_organisation(call, funder_org):
    member = member_of(funder_org)
    inactive = member_of(funder_org, is_active=False)
    outsider = member_of(OrganisationFactory())

    assert rules.is_call_funder(member, call) is True
    assert rules.is_call_funder(inactive, call) is False
    assert rules.is_call_funder(outsider, call) is False
    assert rules.is_call_funder(AnonymousUser(), call) is False
    assert (rules.can_follow_up(member, call), rules.can_follow_up(outsider, call)) == (True, False)


def test_a_call_without_funder_organisation_has_no_funder(call, association, manager):
    assert call.funder_organisation_id is None
    assert rules.is_call_funder(manager, call) is False
    assert rules.can_follow_up(manager, call) is False


def test_organisers_follow_up_every_call_of_their_edition(call, organiser):
    assert rules.can_follow_up(organiser, call) is True


def test_only_managers_apply_and_edit_drafts(call, association, manager, draft):
    member = member_of(association)

    assert (
        rules.can_apply_for(manager, association),
        rules.can_apply_for(member, association),
    ) == (True, False)
    assert rules.can_edit_application(manager, draft) is True
    assert rules.can_edit_application(member, draft) is False
    with_state(draft, ApplicationState.SUBMITTED)
    assert rules.can_edit_application(manager, draft) is False


def test_a_member_of_the_applicant_has_a_conflict_of_interest(call, draft, association):
    assert rules.has_conflict_of_interest(member_of(association), draft) is True
    assert rules.has_conflict_of_interest(member_of(OrganisationFactory()), draft) is False


@pytest.mark.parametrize(
    ("state", "assessed"),
    [
        (ApplicationState.DRAFT, False),
        (ApplicationState.SUBMITTED, True),
        (ApplicationState.GRANTED, True),
        (ApplicationState.DECLINED, True),
    ],
)
def test_jurors_assess_submitted_applications_of_other_organisations(
    call, juror, draft, state, assessed
):
    with_state(draft, state)

    assert rules.can_assess(juror, draft) is assessed
    assert rules.can_assess(UserFactory(), draft) is False
    MembershipFactory(organisation=draft.organisation, user=juror)
    assert rules.can_assess(fresh(juror), draft) is False


def test_who_sees_a_draft(call, draft, association, organiser, juror, funder_org):
    assert rules.can_view_application(member_of(association), draft) is True
    assert rules.can_view_application(organiser, draft) is True
    assert rules.can_view_application(member_of(funder_org), draft) is False
    assert rules.can_view_application(juror, draft) is False
    assert rules.can_view_application(member_of(OrganisationFactory()), draft) is False
    assert rules.can_view_application(AnonymousUser(), draft) is False
    assert rules.can_view_application(member_of(association, is_active=False), draft) is False


def test_who_sees_a_submitted_application(call, draft, association, juror, funder_org):
    with_state(draft, ApplicationState.SUBMITTED)

    assert rules.can_view_application(member_of(funder_org), draft) is True
    assert rules.can_view_application(juror, draft) is True
    assert rules.can_view_application(member_of(OrganisationFactory()), draft) is False


def test_the_letter_is_seen_once_decided_by_organisers_and_the_applicants_members(
    call, draft, association, organiser, juror
):
    member = member_of(association)
    assert rules.can_view_letter(member, draft) is False
    assert rules.can_view_letter(organiser, draft) is False
    with_state(draft, ApplicationState.DECLINED)
    Decision.objects.create(application=draft, granted=False)
    draft = type(draft).objects.get(pk=draft.pk)

    assert rules.can_view_letter(member, draft) is True
    assert rules.can_view_letter(organiser, draft) is True
    assert rules.can_view_letter(juror, draft) is False


# Funder meetings -------------------------------------------------------------------------------


def test_managers_register_their_organisation_as_funder(association, manager):
    assert meetings.can_register_funder(manager, association) is True
    assert meetings.can_register_funder(member_of(association), association) is False


def test_any_member_acts_for_the_funder(call):
    funder = FunderFactory(congress=call.congress)

    assert meetings.can_act_for_funder(member_of(funder.organisation), funder) is True
    assert meetings.can_act_for_funder(member_of(OrganisationFactory()), funder) is False


def test_managers_of_an_applicant_that_submitted_choose_funders(call, draft, association, manager):
    assert meetings.can_wish_for(manager, draft) is False
    with_state(draft, ApplicationState.SUBMITTED)
    assert meetings.can_wish_for(manager, draft) is True
    assert meetings.can_wish_for(member_of(association), draft) is False


def test_the_edition_organisers_manage_meetings(call, organiser):
    assert meetings.can_manage_meetings(organiser, call.congress) is True
    assert meetings.can_manage_meetings(organiser_of(CongressFactory()), call.congress) is False


@pytest.fixture
def meeting(call):
    grid = MeetingGridFactory(congress=call.congress, day=datetime.date(2024, 11, 22))
    application = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    funder = FunderFactory(congress=call.congress, table=1)
    return Meeting.objects.create(grid=grid, funder=funder, application=application, slot=0)


def test_both_parties_record_an_outcome_each_on_its_side(meeting):
    funder_member = member_of(meeting.funder.organisation)
    holder_member = member_of(meeting.application.organisation)

    assert meetings.can_record_meeting_outcome(funder_member, meeting) is True
    assert meetings.can_record_meeting_outcome(holder_member, meeting) is True
    assert meetings.can_record_meeting_outcome(member_of(OrganisationFactory()), meeting) is False
    assert meetings.meeting_side(funder_member, meeting) == "funder"
    assert meetings.meeting_side(holder_member, meeting) == "holder"


def test_inactive_or_anonymous_people_record_no_outcome(meeting):
    inactive = member_of(meeting.application.organisation, is_active=False)

    assert meetings.can_record_meeting_outcome(inactive, meeting) is False
    assert meetings.can_record_meeting_outcome(AnonymousUser(), meeting) is False


# Follow-up -------------------------------------------------------------------------------------


def _grant(application):
    with_state(application, ApplicationState.GRANTED)
    Decision.objects.create(application=application, granted=True, amount_granted=Decimal("10"))
    return application


def test_managers_of_a_granted_project_send_its_reports(call, draft, association, manager):
    assert followup.can_send_report(manager, draft) is False
    _grant(draft)

    assert followup.can_send_report(manager, draft) is True
    assert followup.can_send_report(member_of(association), draft) is False


@pytest.mark.parametrize(
    "state", [ApplicationState.DRAFT, ApplicationState.SUBMITTED, ApplicationState.DECLINED]
)
def test_reports_of_a_project_not_granted_are_seen_by_nobody(
    call, draft, association, organiser, state
):
    with_state(draft, state)

    assert followup.can_view_reports(member_of(association), draft) is False
    assert followup.can_view_reports(organiser, draft) is False


def test_reports_of_a_granted_project_are_seen_by_its_members_organisers_and_funder(
    call, draft, association, organiser, funder_org
):
    _grant(draft)

    assert followup.can_view_reports(member_of(association), draft) is True
    assert followup.can_view_reports(organiser, draft) is True
    assert followup.can_view_reports(member_of(funder_org), draft) is True
    assert followup.can_view_reports(member_of(OrganisationFactory()), draft) is False
