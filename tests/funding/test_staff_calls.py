"""Organisers' pages of calls: creating and editing a call, its rules, the links to calls."""

from decimal import Decimal

import pytest
from django.urls import reverse

from congress.audit.models import AuditEntry
from funding.models import FundingCall
from tests.factories import UserFactory
from tests.factories.funding import FundingCallFactory

pytestmark = pytest.mark.django_db


def call_body(**overrides):
    body = {
        "title": "Bien vieillir chez soi",
        "funder_name": "Département des Hauts-de-Seine",
        "description": "Un appel pour le quotidien.",
        "opens_at": "2024-09-01T09:00",
        "closes_at": "2024-10-15T18:00",
        "themes": "Vie quotidienne\nMobilité",
        "target_publics": "Personnes âgées",
        "departements": "92",
        "max_amount": "15000",
        "interim_report_due": "2025-03-31",
        "final_report_due": "2025-10-31",
    }
    body.update(overrides)
    return body


def test_an_organiser_creates_then_edits_a_call(client, call, organiser):
    client.force_login(organiser)
    url = reverse("funding_call_create", args=[call.congress.slug])
    response = client.post(url, call_body())
    assert response.status_code == 302
    created = FundingCall.objects.get(title="Bien vieillir chez soi")
    assert created.congress == call.congress
    assert created.theme_list == ["Vie quotidienne", "Mobilité"]
    assert created.max_amount == Decimal("15000")
    assert str(created.final_report_due) == "2025-10-31"
    edit = reverse("funding_call_edit", args=[call.congress.slug, created.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, call_body(title="Bien vieillir chez soi (2e vague)"))
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.title == "Bien vieillir chez soi (2e vague)"
    actions = list(
        AuditEntry.objects.filter(target_id=str(created.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["funding.call_create", "funding.call_edit"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"closes_at": "2024-08-01T09:00"}, "closes_at", "La clôture doit suivre l'ouverture."),
        ({"max_amount": "0"}, "max_amount", "Le plafond doit être supérieur à 0 €."),
        ({"themes": " \n "}, "themes", "Ce champ est obligatoire."),
        ({"themes": "Mobilité\nMobilité"}, "themes", "Chaque thème ne doit figurer qu'une fois."),
        ({"final_report_due": "2025-01-31"}, "final_report_due",
         "Le bilan final est attendu après le bilan intermédiaire."),
        ({"interim_report_due": "2024-10-01"}, "interim_report_due",
         "Le bilan intermédiaire est attendu après la clôture."),
    ],
)  # fmt: skip
def test_a_call_breaking_a_rule_is_refused_with_the_reason(
    client, call, organiser, overrides, field, message
):
    client.force_login(organiser)
    response = client.post(
        reverse("funding_call_create", args=[call.congress.slug]), call_body(**overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "error-summary" in response.content.decode()
    assert FundingCall.objects.count() == 1


def test_editing_with_a_broken_rule_changes_nothing(client, call, organiser):
    client.force_login(organiser)
    edit = reverse("funding_call_edit", args=[call.congress.slug, call.pk])
    response = client.post(edit, call_body(title="Autre titre", max_amount="-5"))
    assert response.status_code == 200
    call.refresh_from_db()
    assert call.title == "LE PROGRÈS"


def test_only_organisers_manage_calls(client, call, manager):
    client.force_login(manager)
    assert client.get(reverse("funding_staff_calls", args=[call.congress.slug])).status_code == 403
    response = client.post(reverse("funding_call_create", args=[call.congress.slug]), call_body())
    assert response.status_code == 403
    assert FundingCall.objects.count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_staff_call_list_query_count(client, organiser, call, n, django_assert_num_queries):
    calls = [call] + [
        FundingCallFactory(congress=call.congress, title=f"Appel {i}") for i in range(n - 1)
    ]
    client.force_login(organiser)
    url = reverse("funding_staff_calls", args=[call.congress.slug])
    client.get(url)
    with django_assert_num_queries(7):
        response = client.get(url)
    body = response.content.decode()
    assert [c.title for c in calls if c.title not in body] == []
    edit_links = [reverse("funding_call_edit", args=[c.congress.slug, c.pk]) for c in calls]
    assert [link for link in edit_links if link not in body] == []


def test_the_edition_page_and_the_staff_home_link_to_the_calls(client, call, organiser):
    body = client.get(reverse("congress_detail", args=[call.congress.slug])).content.decode()
    assert call.get_absolute_url() in body
    client.force_login(organiser)
    body = client.get(reverse("staff_board", args=[call.congress.slug])).content.decode()
    assert reverse("funding_staff_calls", args=[call.congress.slug]) in body
    assert reverse("funding_meeting_board", args=[call.congress.slug]) in body


def test_the_service_refuses_a_call_without_theme_nor_public(call, organiser):
    from django.core.exceptions import ValidationError

    from funding.services import call_save

    with pytest.raises(ValidationError) as caught:
        call_save(
            congress=call.congress, by=organiser, call=call, themes="\n\n", target_publics="\n"
        )
    assert caught.value.message_dict["themes"] == ["Indiquez au moins un thème."]
    assert caught.value.message_dict["target_publics"] == ["Indiquez au moins un public visé."]
    call.refresh_from_db()
    assert call.themes == "Vie quotidienne"


def test_an_inactive_organiser_cannot_create_a_call(call):
    from funding.permissions import can_create_call

    user = UserFactory(is_active=False)
    call.congress.organisers.add(user)
    assert can_create_call(user, call.congress) is False


def test_the_service_refuses_a_call_created_or_edited_by_a_non_organiser(call, manager):
    from django.core.exceptions import PermissionDenied

    from funding.services import call_save

    with pytest.raises(PermissionDenied):
        call_save(congress=call.congress, by=manager, title="Appel pirate")
    with pytest.raises(PermissionDenied):
        call_save(congress=call.congress, by=manager, call=call, title="Appel pirate")

    assert list(FundingCall.objects.values_list("title", flat=True)) == [call.title]
    assert not AuditEntry.objects.filter(action__startswith="funding.call_").exists()
