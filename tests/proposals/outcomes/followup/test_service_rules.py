"""The exact rules of the follow-up service (issue 19): only organisers record a step (exact
French refusal), every given field is stored as given (an absent summary stays empty), and the
proposal's follow-up status is the status of its latest step by date, then by recording order."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from proposals.outcomes.followup import services
from proposals.outcomes.models import Addressee, FollowUp, FollowUpStatus
from tests.factories import PolicyProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(congress, track_a):
    return PolicyProposalFactory(congress=congress, track=track_a)


def step(proposal, by, status, date, **extra):
    return services.followup_record(
        proposal=proposal, by=by, status=status, date=date, institution="Sénat", **extra
    )


def test_recording_by_a_moderator_is_refused_with_the_exact_message(proposal, moderator):
    with pytest.raises(PermissionDenied) as denied:
        step(proposal, moderator, FollowUpStatus.SENT, datetime.date(2026, 3, 1))
    assert str(denied.value) == (
        "Seuls les organisateurs enregistrent les suites d'une proposition validée."
    )
    assert not FollowUp.objects.exists()


def test_the_step_keeps_what_was_given_and_an_absent_summary_stays_empty(proposal, organiser):
    addressee = Addressee.objects.create(slug="conseil-test", name="Conseil départemental")
    given = step(proposal, organiser, FollowUpStatus.SENT, datetime.date(2026, 3, 1),
                 addressee=addressee, summary="Courrier au président.")  # fmt: skip
    bare = step(proposal, organiser, FollowUpStatus.ACKNOWLEDGED, datetime.date(2026, 3, 2))
    rows = FollowUp.objects.order_by("pk").values_list(
        "status", "date", "institution", "addressee", "summary", "recorded_by"
    )
    assert list(rows) == [
        ("sent", datetime.date(2026, 3, 1), "Sénat", addressee.pk, "Courrier au président.",
         organiser.pk),
        ("acknowledged", datetime.date(2026, 3, 2), "Sénat", None, "", organiser.pk),
    ]  # fmt: skip
    assert [given.pk, bare.pk] == list(FollowUp.objects.order_by("pk").values_list("pk", flat=True))


def test_an_older_step_recorded_later_does_not_replace_the_latest_status(proposal, organiser):
    step(proposal, organiser, FollowUpStatus.TAKEN_UP, datetime.date(2026, 5, 1))
    step(proposal, organiser, FollowUpStatus.SENT, datetime.date(2026, 3, 1))
    proposal.refresh_from_db()
    assert proposal.followup_status == FollowUpStatus.TAKEN_UP


def test_on_the_same_date_the_step_recorded_last_gives_the_status(proposal, organiser):
    step(proposal, organiser, FollowUpStatus.SENT, datetime.date(2026, 3, 1))
    step(proposal, organiser, FollowUpStatus.DECLINED, datetime.date(2026, 3, 1))
    proposal.refresh_from_db()
    assert proposal.followup_status == FollowUpStatus.DECLINED
