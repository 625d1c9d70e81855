"""Every permission predicate of every `permissions.py`, walked by introspection: a deactivated
account is refused everything, even when it is an organiser, a manager, a participant, a
reviewer and a moderator at once (and even a superuser); an active superuser is granted what
the predicate grants superusers. A new predicate that forgets `is_active` fails here."""

import importlib
import inspect
import pkgutil
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

import congress
import funding
import proposals
import reports
import tracks
import volunteers
from congress.accounts.models import User
from congress.editions.partners import Partner
from congress.organisations.models import MembershipRole
from funding.models import (
    Application,
    ApplicationState,
    Decision,
    Funder,
    FundingCall,
    Meeting,
)
from proposals.models import ProposalState, WorkshopProposal
from proposals.outcomes.models import Outcome, PolicyProposal, PolicyStatus
from tests.factories import (
    CallFactory,
    CongressFactory,
    EndorsementPeriodFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    PolicyProposalFactory,
    SessionTypeFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    VenueFactory,
    WorkshopFactory,
    WorkshopProposalFactory,
    make_participant,
)
from tests.factories.funding import (
    ApplicationFactory,
    FunderFactory,
    FundingCallFactory,
    MeetingGridFactory,
)
from tests.factories.volunteers import MissionFactory, TrainingFactory, VolunteerProfileFactory
from tracks.activity_proposals.models import ActivityProposal
from tracks.models import TrackRoleKind, WorkshopSignup
from tracks.speakers.models import SpeakerProfile
from tracks.stands.models import StandApplication, StandHall

# Functions taking `user` first that are not predicates: they clear caches, or raise instead of answering (a guard for services).
NOT_PREDICATES = {
    "clear_permission_cache", "clear_track_roles_cache", "require_confirmed_email",
    "meeting_side",  # which party of a meeting, asked once can_record_meeting_outcome allowed it
}  # fmt: skip

# Predicates about what a person *is* (a member, a reviewer, a participant...) or does
# personally: being a superuser does not make one a participant or an author.
NOT_GRANTED_TO_SUPERUSERS = {
    "is_member", "is_manager", "is_participant", "is_reviewer", "is_moderator", "is_author",
    "is_session_moderator", "can_edit_proposal", "can_review", "can_sign_up", "can_endorse",
    "has_conflict_of_interest", "user_organisation_ids", "reviewer_track_ids",
    "moderator_track_ids", "can_answer_session_survey", "can_answer_edition_survey",
    "is_juror", "can_apply_for", "can_edit_application", "can_assess",
    "can_register_funder", "can_act_for_funder", "can_wish_for",
    "can_volunteer", "can_send_report", "can_record_meeting_outcome", "is_call_funder",
    "can_withdraw_stand_application",  # the applicant's own application
    "can_edit_speaker_profile",  # the speaker's own profile
    # A partner's managers propose and change its activities (organisers decide, not propose).
    "manages_partner", "can_propose_activity", "can_edit_activity_proposal",
}  # fmt: skip


def _permission_modules():
    for package in (congress, tracks, proposals, funding, volunteers, reports):
        prefix = package.__name__ + "."
        for info in pkgutil.walk_packages(package.__path__, prefix):
            if info.name.endswith(".permissions"):
                yield importlib.import_module(info.name)


def _predicates():
    found = []
    for module in _permission_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "__mutmut_" in name:  # mutmut 3's mutated copies (scripts/mutation.sh)
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["user"] and name not in NOT_PREDICATES:
                found.append(pytest.param(function, id=f"{module.__name__}.{name}"))
    return found


PREDICATES = _predicates()


def test_the_walk_finds_the_predicates_of_every_app():
    modules = {p.id.rsplit(".", 1)[0] for p in PREDICATES}
    assert {
        "congress.editions.permissions",
        "congress.organisations.permissions",
        "congress.registrations.permissions",
        "tracks.permissions",
        "proposals.permissions",
        "proposals.outcomes.recording.permissions",
        "proposals.outcomes.endorsements.permissions",
        "proposals.outcomes.followup.permissions",
        "reports.permissions",
        "funding.permissions",
        "funding.meetings.permissions",
        "volunteers.permissions",
        "volunteers.missions.permissions",
        "volunteers.shifts.permissions",
    } <= modules
    assert len(PREDICATES) >= 35


@pytest.fixture
def world(db):
    """One person holding every role of one edition; the objects the predicates ask about."""
    congress = CongressFactory()
    organisation = OrganisationFactory(public_listing=False)
    track = TrackFactory(congress=congress)
    person = UserFactory()
    congress.organisers.add(person)
    MembershipFactory(user=person, organisation=organisation, role=MembershipRole.MANAGER)
    registration = make_participant(person, congress)
    for role in (TrackRoleKind.REVIEWER, TrackRoleKind.MODERATOR):
        TrackRoleFactory(track=track, user=person, role=role)
    session = WorkshopFactory(congress=congress, track=track)
    session.moderators.add(person)
    WorkshopSignup.objects.create(session=session, user=person)  # answers its survey
    EndorsementPeriodFactory(congress=congress)
    VolunteerProfileFactory(user=person)
    mission = MissionFactory(organisation=organisation)
    applicant = VolunteerProfileFactory().user
    mission.applications.create(user=applicant, status="accepted")
    objects = {
        "training": TrainingFactory(organisation=organisation),
        "mission": mission,
        "person": applicant,
        "congress": congress,
        "organisation": organisation,
        "place": organisation,  # the organisation lending rooms (volunteers.rooms)
        # The person's own speaker profile, its photo still private (no consent yet).
        "profile": SpeakerProfile.objects.create(
            congress=congress, name="Intervenante", user=person, photo="speakers/photos/x.png"
        ),
        "track": track,
        "session": session,
        "registration": registration,
        "order": OrderFactory(congress=congress, placed_by=person, organisation=organisation),
        "outcome": Outcome.objects.create(congress=congress, session=session),
        "call": CallFactory(congress=congress, anonymous_review=True),
        WorkshopProposal: WorkshopProposalFactory(
            congress=congress, organisation=organisation, track=track,
            state=ProposalState.SUBMITTED,
        ),
        PolicyProposal: PolicyProposalFactory(
            congress=congress, track=track, status=PolicyStatus.SUBMITTED
        ),
    }  # fmt: skip
    overrides = {
        # A reviewer never reviews their own organisation's proposal.
        "can_review": {
            "proposal": WorkshopProposalFactory(
                congress=congress, track=track, state=ProposalState.SUBMITTED
            )
        },
        # Only validated policy proposals are endorsed and followed up.
        "can_endorse": {
            "proposal": PolicyProposalFactory(
                congress=congress, track=track, status=PolicyStatus.VALIDATED
            )
        },
        "can_record_followup": {
            "proposal": PolicyProposalFactory(
                congress=congress, track=track, status=PolicyStatus.VALIDATED
            )
        },
        # Stands are a feature of evenings, off for a congress.
        "can_apply_for_stand": {"congress": CongressFactory(kind="evening")},
        "can_withdraw_stand_application": {
            "application": StandApplication.objects.create(
                congress=CongressFactory(kind="evening"),
                applicant=person,
                name="Stand",
                holder_kind="association",
                contact_email="stand@example.org",
                description="-",
            )
        },
    }
    _funding_world(person, congress, organisation, objects, overrides)
    _partner_world(person, organisation, overrides)
    return person, objects, overrides


def _partner_world(person, organisation, overrides):
    """Issue 15: the person's organisation is a partner of a public week whose programme is not
    out yet, with a proposal waiting; the person organises the week and an evening whose hall
    plan is still a draft."""
    week = CongressFactory(kind="programme", programme_published=False)
    week.organisers.add(person)
    partner = Partner.objects.create(congress=week, name="Partenaire", organisation=organisation)
    venue = VenueFactory(congress=week, host=partner)
    starts = timezone.make_aware(datetime.combine(week.start_date, time(10)))
    proposal = ActivityProposal.objects.create(
        congress=week, partner=partner, venue=venue, proposed_by=person, title="Visite",
        session_type=SessionTypeFactory(congress=week), description="-", starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )  # fmt: skip
    for name in ("manages_partner", "can_propose_activity"):
        overrides[name] = {"partner": partner}
    for name in ("can_view_activity_proposal", "can_edit_activity_proposal",
                 "can_decide_activity_proposal"):  # fmt: skip
        overrides[name] = {"proposal": proposal}
    evening = CongressFactory(kind="evening")
    evening.organisers.add(person)
    overrides["can_see_hall_plan"] = {
        "hall": StandHall.objects.create(congress=evening, plan_image="stands/plans/draft.png")
    }


def _funding_world(person, congress, organisation, objects, overrides):
    """Calls for projects (issue 16): the person sits on the jury, manages an applicant that is
    also a funder; they assess another organisation's application."""
    call = FundingCallFactory(congress=congress)
    call.jurors.add(person)
    objects[FundingCall] = call
    objects[Application] = ApplicationFactory(call=call, organisation=organisation)
    objects[Funder] = FunderFactory(congress=congress, organisation=organisation)
    submitted = ApplicationFactory(
        call=call, organisation=organisation, state=ApplicationState.SUBMITTED
    )
    granted = ApplicationFactory(
        call=call, organisation=organisation, state=ApplicationState.GRANTED
    )
    Decision.objects.create(application=granted, granted=False)
    call.funder_organisation = organisation
    call.save()
    grid = MeetingGridFactory(congress=congress)
    objects[Meeting] = Meeting.objects.create(
        grid=grid, funder=objects[Funder], application=submitted, slot=0
    )
    overrides["can_send_report"] = {"application": granted}
    overrides["can_view_reports"] = {"application": granted}
    overrides["can_wish_for"] = {"application": submitted}
    overrides["can_view_letter"] = {"application": granted}
    overrides["can_assess"] = {
        "application": ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    }


def _arguments(function, objects, overrides):
    arguments = {}
    for name, parameter in list(inspect.signature(function).parameters.items())[1:]:
        if parameter.default is not inspect.Parameter.empty:
            continue
        if name in overrides.get(function.__name__, {}):
            arguments[name] = overrides[function.__name__][name]
        elif parameter.annotation in objects:
            arguments[name] = objects[parameter.annotation]
        elif name in objects:
            arguments[name] = objects[name]
        else:
            pytest.fail(
                f"{function.__qualname__}: no object for parameter {name!r}: "
                "add one to the `world` fixture of this test"
            )
    return arguments


def _denied(value):
    return set() if isinstance(value, set) else False


def _granted(value):
    return bool(value)


def _fresh(user):
    """The user as a new request would load it (no per-request permission caches)."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("predicate", PREDICATES)
def test_a_deactivated_account_is_refused_what_its_roles_would_grant(predicate, world):
    person, objects, overrides = world
    arguments = _arguments(predicate, objects, overrides)
    active = predicate(_fresh(person), **arguments)
    assert _granted(active), "the world must grant this predicate to the active person"
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert predicate(_fresh(person), **arguments) == _denied(active)


@pytest.mark.parametrize("predicate", PREDICATES)
def test_a_deactivated_superuser_is_refused(predicate, world):
    person, objects, overrides = world
    User.objects.filter(pk=person.pk).update(is_superuser=True, is_active=False)
    arguments = _arguments(predicate, objects, overrides)
    result = predicate(_fresh(person), **arguments)
    assert result == _denied(result)


@pytest.mark.parametrize("predicate", PREDICATES)
def test_a_superuser_is_granted_what_superusers_are_granted(predicate, world):
    _person, objects, overrides = world
    superuser = UserFactory(is_superuser=True)
    result = predicate(_fresh(superuser), **_arguments(predicate, objects, overrides))
    name = predicate.__name__
    expected = _denied(result) if name in NOT_GRANTED_TO_SUPERUSERS else True
    assert result == expected
