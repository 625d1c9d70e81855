"""The staff home as a to-do board (issue 14): steps in the order of the congress's life."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from congress.registrations.models import OrderState
from proposals.outcomes.models import PolicyStatus
from reports.board import selectors
from reports.board.selectors import DONE, IN_PROGRESS, TODO, progress_state, staff_board
from reports.models import Report, ReportStatus
from tests.factories import (
    CallFactory,
    CongressFactory,
    OrderFactory,
    PolicyProposalFactory,
    UserFactory,
)
from tests.reports.conftest import make_edition
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def by_key(steps):
    return {step.key: step for step in steps}


@pytest.mark.parametrize("workshops", [1, 3])
def test_board_query_count_and_counters(client, workshops, django_assert_num_queries):
    edition = make_edition(workshops=workshops)
    client.force_login(edition.organiser)
    url = reverse("staff_board", args=[edition.congress.slug])
    with django_assert_num_queries(13):  # 6 for the page + 7 for the board
        response = client.get(url)
    assert response.status_code == 200
    steps = [item["step"] for item in response.context["steps"]]
    assert [(s.key, s.state, s.done, s.total) for s in steps] == [
        ("call", TODO, 0, 0),
        ("reviews", IN_PROGRESS, 2, workshops + 2),
        ("decisions", IN_PROGRESS, workshops + 1, workshops + 2),
        ("programme", DONE, workshops, workshops),
        ("payments", IN_PROGRESS, 3, 5),
        ("outcomes", DONE if workshops == 1 else IN_PROGRESS, 1, workshops),
        ("policy", DONE, 2, 2),
        ("report", TODO, 0, 0),
    ]
    body = response.content.decode()
    assert f"{workshops} ateliers acceptés programmés sur {workshops}." in body or (
        workshops == 1 and "1 atelier accepté programmé sur 1." in body
    )
    assert f"1 compte rendu reçu sur {workshops}." in body
    assert plain("2 commandes attendent leur règlement (150,00\u00a0€) :") in plain(body)
    assert plain("En attente de mandat administratif : 1 commande, 90,00 €") in plain(body)
    assert plain("En attente de paiement : 1 commande, 60,00 €") in plain(body)
    for name in ("ranking", "schedule_list", "registration_board", "policy_board", "report_page"):
        assert f'href="{reverse(name, args=[edition.congress.slug])}"' in body


def test_staff_home_shows_the_current_edition_and_links_the_others(client):
    organiser = UserFactory()
    old = CongressFactory(name="Congrès 2022", start_date=timezone.localdate() - timedelta(700))
    current = CongressFactory(name="Congrès 2026", is_current=True, status="published")
    for congress in (old, current):
        congress.organisers.add(organiser)
    client.force_login(organiser)
    response = client.get(reverse("staff_home"))
    assert response.context["congress"] == current
    body = response.content.decode()
    assert f'<a href="{reverse("staff_board", args=[old.slug])}">Congrès 2022</a>' in body
    assert '<strong aria-current="page">Congrès 2026</strong>' in body


def test_superuser_without_editions_gets_an_empty_board(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("staff_home"))
    assert response.status_code == 200
    assert "Aucune édition à organiser pour l’instant." in response.content.decode()


def test_board_of_another_edition_is_refused(client):
    organiser, other = UserFactory(), CongressFactory()
    CongressFactory().organisers.add(organiser)
    client.force_login(organiser)
    assert client.get(reverse("staff_board", args=[other.slug])).status_code == 403


def test_progress_state():
    assert [progress_state(0, 0), progress_state(0, 2), progress_state(1, 2)] == [
        TODO,
        TODO,
        IN_PROGRESS,
    ]
    assert progress_state(2, 2) == DONE


@pytest.mark.parametrize(
    ("opens", "closes", "state", "sentence"),
    [
        (1, 5, TODO, "L&#x27;appel ouvrira le"),
        (-1, 5, IN_PROGRESS, "L&#x27;appel est ouvert jusqu&#x27;au"),
        (-5, -1, DONE, "L&#x27;appel est clos depuis le"),
    ],
)
def test_call_step_follows_the_call_dates(client, opens, closes, state, sentence):
    now = timezone.now()
    call = CallFactory(opens_at=now + timedelta(opens), closes_at=now + timedelta(closes))
    call.congress.organisers.add(organiser := UserFactory())
    assert by_key(staff_board(call.congress))["call"].state == state
    client.force_login(organiser)
    body = client.get(reverse("staff_board", args=[call.congress.slug])).content.decode()
    assert sentence in body


def test_call_not_configured(client):
    congress = CongressFactory()
    congress.organisers.add(organiser := UserFactory())
    client.force_login(organiser)
    body = client.get(reverse("staff_board", args=[congress.slug])).content.decode()
    assert "L&#x27;appel à propositions n&#x27;est pas encore paramétré." in body
    assert "Aucune commande pour l&#x27;instant." in body
    assert "Le rapport complet n&#x27;a pas encore été généré." in body


def test_payments_all_settled(client):
    congress = CongressFactory()
    OrderFactory(congress=congress, state=OrderState.PAID, total=Decimal("60.00"))
    step = by_key(staff_board(congress))["payments"]
    assert (step.state, step.done, step.total, step.extra["due"]) == (DONE, 1, 1, [])
    congress.organisers.add(organiser := UserFactory())
    client.force_login(organiser)
    body = client.get(reverse("staff_board", args=[congress.slug])).content.decode()
    assert "Toutes les commandes sont réglées." in body


def test_policy_step_states():
    congress = CongressFactory()
    assert by_key(staff_board(congress))["policy"].state == TODO
    PolicyProposalFactory(congress=congress, status=PolicyStatus.SUBMITTED)
    step = by_key(staff_board(congress))["policy"]
    assert (step.state, step.done, step.total) == (IN_PROGRESS, 0, 1)


@pytest.mark.parametrize(
    ("status", "with_file", "state", "sentence"),
    [
        (ReportStatus.DONE, "undated", DONE, "Rapport complet généré."),
        (ReportStatus.RUNNING, False, IN_PROGRESS, "Génération du rapport en cours."),
        (ReportStatus.DONE, True, DONE, "Rapport complet généré le"),
        (ReportStatus.FAILED, False, TODO, "Le rapport complet n&#x27;a pas encore été généré."),
    ],
)
def test_report_step_states(client, status, with_file, state, sentence):
    congress = CongressFactory()
    generated_at = None if with_file == "undated" else timezone.now()
    report = Report.objects.create(congress=congress, status=status, generated_at=generated_at)
    if with_file:
        report.file.save("rapport.pdf", ContentFile(b"%PDF-1.4"), save=True)
    assert by_key(selectors.staff_board(congress))["report"].state == state
    congress.organisers.add(organiser := UserFactory())
    client.force_login(organiser)
    body = client.get(reverse("staff_board", args=[congress.slug])).content.decode()
    assert sentence in body
