import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from proposals.outcomes.models import (
    Endorsement,
    FollowUp,
    Outcome,
    PolicyProposal,
    PolicyStatus,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        Outcome.objects.count(),
        PolicyProposal.objects.count(),
        Endorsement.objects.count(),
        FollowUp.objects.count(),
    )


def test_demo_outcomes_are_rich_coherent_and_idempotent():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert counts() == first
    assert first[0] == 24
    by_status = dict(
        PolicyProposal.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    assert sum(by_status.values()) == 63  # 60 from the workshops + 3 merge results
    assert by_status[PolicyStatus.MERGED] == 6
    assert by_status == {"merged": 6, "validated": 48, "submitted": 4, "set_aside": 3, "draft": 2}
    merged = PolicyProposal.objects.get(
        title="Créer un fonds national pour l'aide alimentaire de qualité et les circuits courts"
    )
    assert merged.status == PolicyStatus.VALIDATED
    assert merged.sources.count() == 2
    assert merged.merged_from.count() == 2
    assert (
        PolicyProposal.objects.filter(status=PolicyStatus.VALIDATED, related_tracks__isnull=False)
        .distinct()
        .count()
        == 18
    )
    assert PolicyProposal.objects.filter(addressees__slug="parlement-europeen").exists()
    assert list(
        PolicyProposal.objects.filter(followup_status="taken_up").values_list("title", flat=True)
    ) == ["Reconnaître le temps de bénévolat dans le parcours d'insertion"]
    assert FollowUp.objects.filter(institution__contains="Assemblée nationale").exists()
    assert first[2] > 100
    assert Outcome.objects.filter(status="draft").count() == 1
