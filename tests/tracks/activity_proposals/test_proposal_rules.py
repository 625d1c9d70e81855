"""Rules of partners' proposals (issue 15) beyond the main paths: the exact refusals, the last
day of the edition, what the accepted activity keeps of its proposal, and the audit entry of a
decision."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congress.audit.models import AuditEntry
from tests.factories import MembershipFactory, SessionTypeFactory, TrackFactory
from tests.spaces import plain
from tests.tracks.activity_proposals.conftest import at, fields, submit
from tracks.activity_proposals import services
from tracks.activity_proposals.models import ActivityProposal
from tracks.models import Session

pytestmark = pytest.mark.django_db


def refusal(call, **overrides) -> dict:
    with pytest.raises(ValidationError) as error:
        submit(call, **overrides)
    return plain(error.value.message_dict)


def test_each_field_refused_says_why(call):
    assert refusal(call, venue=call.other_venue) == {
        "venue": ["Choisissez l'un de vos lieux pour cette édition."]
    }
    assert refusal(call, session_type=SessionTypeFactory()) == {
        "session_type": ["Ce type d'activité n'est pas celui de cette édition."]
    }
    assert refusal(call, track=TrackFactory()) == {
        "track": ["Ce thème n'est pas celui de cette édition."]
    }
    start, end = call.week.start_date, call.week.end_date
    outside = {
        "starts_at": [
            f"L'activité doit avoir lieu pendant l'édition, du {start:%d/%m/%Y} au {end:%d/%m/%Y}."
        ]
    }
    assert refusal(call, starts_at=at(start - timedelta(days=1), 10)) == outside
    assert refusal(call, ends_at=at(end + timedelta(days=1), 9)) == outside
    assert ActivityProposal.objects.count() == 0


def test_an_activity_on_the_last_day_of_the_edition_is_proposed(call):
    last = call.week.end_date
    proposal = submit(call, starts_at=at(last, 18), ends_at=at(last, 20))
    assert proposal.pk is not None


def test_refused_proposers_and_deciders_are_told_why(call):
    outsider = MembershipFactory(role="manager").user
    with pytest.raises(PermissionDenied) as error:
        services.activity_proposal_submit(partner=call.partner, by=outsider, **fields(call))
    assert str(error.value) == "Vous ne pouvez pas proposer d'activité pour ce partenaire."
    proposal = submit(call)
    with pytest.raises(PermissionDenied) as error:
        services.activity_proposal_update(proposal=proposal, by=outsider, **fields(call))
    assert str(error.value) == "Cette proposition ne peut plus être modifiée."
    with pytest.raises(PermissionDenied) as error:
        services.activity_proposal_decide(proposal=proposal, by=call.manager, accept=True)
    assert str(error.value) == "Seuls les organisateurs de l'édition décident."
    services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=False)
    with pytest.raises(ValidationError) as error:
        services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=True)
    assert plain(error.value.messages) == ["Cette proposition est déjà décidée."]


def test_the_accepted_activity_keeps_the_description_and_topic_of_the_proposal(call):
    proposal = submit(call)
    services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=True)
    session = Session.objects.get()
    assert (session.description, session.track, session.session_type) == (
        "Visite et rencontre avec l'équipe.",
        call.topic,
        call.kind,
    )


def test_a_decision_without_a_message_stores_none(call):
    proposal = submit(call)
    decided = services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=False)
    decided.refresh_from_db()
    assert decided.decision_message == ""


@pytest.mark.parametrize("accept, action", [(True, "accepted"), (False, "refused")])
def test_a_decision_is_audited_with_its_author_edition_and_proposal(call, accept, action):
    proposal = submit(call)
    services.activity_proposal_decide(proposal=proposal, by=call.organiser, accept=accept)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.congress) == (
        f"activity_proposal.{action}",
        call.organiser,
        call.week,
    )
    assert (entry.target_type, entry.target_id) == (
        "tracks.ActivityProposal",
        str(proposal.pk),
    )
