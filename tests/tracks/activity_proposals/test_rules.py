"""Rules of partners' proposals (issue 15): who proposes (a manager of the partner's
organisation, for its own places), when (during the edition; not once the programme is out
unless organisers allow it), who reads, who decides, and a decision taken once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from congress.audit.models import AuditEntry
from congress.editions.partners import Partner
from tests.factories import MembershipFactory, SessionTypeFactory, TrackFactory, UserFactory
from tests.spaces import plain
from tests.tracks.activity_proposals.conftest import at, fields, submit
from tracks.activity_proposals import selectors, services
from tracks.activity_proposals.models import ActivityProposal
from tracks.activity_proposals.permissions import (
    can_decide_activity_proposal,
    can_edit_activity_proposal,
    can_propose_activity,
    can_view_activity_proposal,
    manages_partner,
)
from tracks.models import Session

pytestmark = pytest.mark.django_db


def test_a_manager_of_the_partner_proposes_for_its_own_place(call):
    proposal = submit(call)
    assert (proposal.status, proposal.congress, proposal.proposed_by) == (
        "submitted", call.week, call.manager
    )  # fmt: skip
    assert list(selectors.partners_managed(call.manager, call.week)) == [call.partner]
    assert list(selectors.proposals_of_partners([call.partner])) == [proposal]


def test_only_a_manager_of_the_partner_organisation_proposes(call):
    organisation = call.partner.organisation
    member = MembershipFactory(organisation=organisation, role="member").user
    inactive = MembershipFactory(organisation=organisation, role="manager").user
    inactive.is_active = False
    inactive.save()
    for someone in (member, inactive, UserFactory(), call.organiser):
        assert can_propose_activity(someone, call.partner) is False
        with pytest.raises(PermissionDenied):
            services.activity_proposal_submit(partner=call.partner, by=someone, **fields(call))
    orphan = Partner.objects.create(congress=call.week, name="Sans compte")
    assert manages_partner(call.manager, orphan) is False
    assert list(selectors.partners_managed(inactive, call.week)) == []
    assert ActivityProposal.objects.count() == 0


def test_refused_outside_its_places_the_edition_or_its_types(call):
    elsewhere = SessionTypeFactory()  # another edition's type
    other_topic = TrackFactory()
    day = call.week.start_date
    cases = {
        "venue": dict(venue=call.other_venue),
        "session_type": dict(session_type=elsewhere),
        "track": dict(track=other_topic),
        "starts_at": dict(starts_at=at(day - timedelta(days=1), 10)),
    }
    for field, overrides in cases.items():
        with pytest.raises(ValidationError) as error:
            submit(call, **overrides)
        assert field in error.value.error_dict, field
    with pytest.raises(ValidationError) as error:  # ends after the last day
        submit(call, ends_at=at(call.week.end_date + timedelta(days=1), 9))
    assert "starts_at" in error.value.error_dict
    with pytest.raises(ValidationError):  # ends before it starts
        submit(call, ends_at=at(day, 9))
    assert ActivityProposal.objects.count() == 0


def test_no_proposal_once_the_programme_is_published_unless_organisers_allow(call):
    call.week.programme_published = True
    call.week.save()
    assert can_propose_activity(call.manager, call.partner) is False
    with pytest.raises(PermissionDenied):
        submit(call)
    call.week.features = {"late_partner_activities": True}
    call.week.save()
    assert can_propose_activity(call.manager, call.partner) is True
    call.week.features = {"partner_activities": False, "late_partner_activities": True}
    call.week.save()
    assert can_propose_activity(call.manager, call.partner) is False
    call.week.features = {}
    call.week.programme_published = False
    call.week.status = "draft"
    call.week.save()
    assert can_propose_activity(call.manager, call.partner) is False


def test_a_proposal_is_read_by_its_partner_and_organisers_only(call):
    proposal = submit(call)
    other_manager = MembershipFactory(role="manager").user
    assert can_view_activity_proposal(call.manager, proposal) is True
    assert can_view_activity_proposal(call.organiser, proposal) is True
    assert can_view_activity_proposal(other_manager, proposal) is False
    assert can_edit_activity_proposal(other_manager, proposal) is False
    with pytest.raises(PermissionDenied):
        services.activity_proposal_update(
            proposal=proposal, by=other_manager, **fields(call, title="Détournée")
        )
    updated = services.activity_proposal_update(
        proposal=proposal, by=call.manager, **fields(call, title="Visite et café", capacity=None)
    )
    assert (updated.title, updated.capacity) == ("Visite et café", None)


def test_accepting_creates_the_activity_tells_the_partner_and_cannot_happen_twice(
    call, django_capture_on_commit_callbacks
):
    proposal = submit(call, is_online=True)
    assert can_decide_activity_proposal(call.manager, proposal) is False
    with pytest.raises(PermissionDenied):
        services.activity_proposal_decide(proposal=proposal, by=call.manager, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.activity_proposal_decide(
            proposal=proposal, by=call.organiser, accept=True, message=" Bienvenue ! "
        )
    session = Session.objects.get()
    assert (decided.status, decided.session, decided.decision_message) == (
        "accepted", session, "Bienvenue !"
    )  # fmt: skip
    assert (session.title, session.room.venue, session.capacity, session.registration_required,
            session.is_online, list(session.organisations.all())) == (
        "Portes ouvertes de la bagagerie", call.venue, 15, True, True,
        [call.partner.organisation],
    )  # fmt: skip
    assert [m.to for m in mail.outbox] == [[call.manager.email]]
    assert plain(mail.outbox[0].subject) == "Activité acceptée : Portes ouvertes de la bagagerie"
    assert "Bienvenue !" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="activity_proposal.accepted")
    assert entry.details == {"title": proposal.title, "partner": call.partner.name}
    assert can_edit_activity_proposal(call.manager, decided) is False
    assert can_decide_activity_proposal(call.organiser, decided) is False
    with pytest.raises(ValidationError, match="déjà décidée"):
        services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=False)
    assert Session.objects.count() == 1


def test_refusing_creates_nothing_and_an_open_activity_has_no_registration(
    call, django_capture_on_commit_callbacks
):
    refused = submit(call)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_proposal_decide(proposal=refused, by=call.organiser, accept=False)
    assert (refused.__class__.objects.get().status, Session.objects.count()) == ("refused", 0)
    assert "Activité non retenue" in mail.outbox[0].subject
    call.venue.rooms.all().delete()
    open_to_all = submit(call, capacity=None, title="Forum ouvert")
    open_to_all.proposed_by = None
    open_to_all.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_proposal_decide(proposal=open_to_all, by=call.organiser, accept=True)
    session = Session.objects.get()
    assert (session.registration_required, session.capacity, session.room.name) == (
        False, 80, "Accueil"
    )  # fmt: skip
    assert mail.outbox == []  # the proposer's account is gone: nobody to tell


def test_organisers_list_filters_by_status(call):
    first, second = submit(call), submit(call, title="Second")
    services.activity_proposal_decide(proposal=second, by=call.organiser, accept=False)
    assert list(selectors.proposals_for_organisers(call.week)) == [first, second]
    assert list(selectors.proposals_for_organisers(call.week, status="refused")) == [second]
    assert list(selectors.proposals_for_organisers(call.week, status="nonsense")) == [
        first, second
    ]  # fmt: skip


def test_a_partner_without_an_account_on_the_site_is_not_named_on_its_activity(call):
    proposal = submit(call)
    Partner.objects.filter(pk=call.partner.pk).update(organisation=None)
    services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=True)
    assert list(Session.objects.get().organisations.all()) == []
