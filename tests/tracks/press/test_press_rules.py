"""Rules of the press services stated exactly: the refusals' French texts, what a request keeps
(trimmed), who is linked, the decisions and arrivals audited on the accreditation."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.editions.models import CongressStatus
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tracks.press import services
from tracks.press.models import PressAccreditation, PressCheckIn, PressStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(edition):
    user = UserFactory(full_name="Claire Organisatrice")
    edition.organisers.add(user)
    return user


def ask(edition, card="12 345", **extra):
    fields = {"full_name": " Julie Fontaine ", "media": " Radio Quartiers ",
              "email": " Julie@Example.org ", "phone": " 06 12 34 56 78 ", **extra}  # fmt: skip
    return services.press_request_submit(congress=edition, card_number=card, **fields)


def test_a_request_is_kept_trimmed_and_linked_only_to_a_signed_in_account(edition):
    request = PressAccreditation.objects.get(pk=ask(edition, by=AnonymousUser()).pk)
    assert (request.full_name, request.media, request.card_number, request.email,
            request.phone, request.user, request.status) == (
        "Julie Fontaine", "Radio Quartiers", "12345", "julie@example.org", "06 12 34 56 78",
        None, PressStatus.PENDING,
    )  # fmt: skip


def test_closed_requests_and_a_duplicate_card_are_refused_with_their_french_reason(edition):
    with pytest.raises(ValidationError) as error:
        ask(CongressFactory(status=CongressStatus.DRAFT))
    assert plain(error.value.messages) == [
        "Les demandes d'accréditation sont closes pour cette édition."
    ]
    ask(edition)
    with pytest.raises(ValidationError) as error:
        ask(edition, card="12345")
    assert plain(error.value.message_dict) == {"card_number": [plain(str(services.DUPLICATE_CARD))]}
    assert PressAccreditation.objects.count() == 1


def test_the_throttle_counts_an_address_however_it_is_written(edition):
    client = "203.0.113.9"
    for email in (" Julie@Example.org", "JULIE@example.org ", "julie@example.org"):
        assert not services.press_request_blocked(email, client)
        services.press_request_attempted(email, client)
    assert services.press_request_blocked("julie@EXAMPLE.org", "198.51.100.1")
    assert not services.press_request_blocked("autre@example.org", "198.51.100.1")


def test_deciding_is_refused_to_others_and_an_unknown_decision_with_the_french_reason(
    edition, organiser
):
    request = ask(edition)
    with pytest.raises(PermissionDenied) as error:
        services.press_request_decide(accreditation=request, status="accepted", by=UserFactory())
    assert str(error.value) == "Seuls les organisateurs de l'édition accréditent la presse."
    with pytest.raises(ValidationError) as error:
        services.press_request_decide(accreditation=request, status="pending", by=organiser)
    assert error.value.messages == ["Décision inconnue."]
    assert PressAccreditation.objects.get(pk=request.pk).status == PressStatus.PENDING


def test_a_decision_is_audited_on_the_accreditation(edition, organiser):
    request = ask(edition)
    before = timezone.now()
    services.press_request_decide(accreditation=request, status="refused", by=organiser)
    request.refresh_from_db()
    assert request.status == PressStatus.REFUSED and request.decided_at >= before
    entry = AuditEntry.objects.get(action="press.refused")
    assert (entry.actor, entry.congress, entry.target_type, entry.target_id, entry.details) == (
        organiser, edition, "tracks.PressAccreditation", str(request.pk),
        {"name": "Julie Fontaine", "media": "Radio Quartiers"},
    )  # fmt: skip


def test_taking_back_a_refusal_while_another_holds_the_card_says_what_to_do(edition, organiser):
    squatter = ask(edition, full_name="Faux Nom")
    services.press_request_decide(accreditation=squatter, status="refused", by=organiser)
    ask(edition)
    with pytest.raises(ValidationError) as error:
        services.press_request_decide(accreditation=squatter, status="accepted", by=organiser)
    assert plain(error.value.messages) == [
        "Une autre demande avec ce numéro de carte de presse est en cours pour cette édition : "
        "décidez d'abord de celle-là."
    ]


def test_the_desks_refusals_say_why(edition, organiser, volunteer):
    julie = ask(edition)
    with pytest.raises(PermissionDenied) as error:
        services.press_check_in(congress=edition, pk=julie.pk, day=edition.start_date,
                                by=UserFactory())  # fmt: skip
    assert str(error.value) == "Vous ne faites pas partie de l'accueil de ce congrès."
    with pytest.raises(ValidationError) as error:
        services.press_check_in(congress=edition, pk=julie.pk,
                                day=edition.end_date + datetime.timedelta(days=1), by=volunteer)  # fmt: skip
    assert error.value.messages == ["Ce jour n'est pas un jour du congrès."]
    with pytest.raises(ValidationError) as error:
        services.press_check_in(congress=edition, pk=julie.pk, day=edition.start_date,
                                by=volunteer)  # fmt: skip
    assert error.value.messages == ["Cette demande d'accréditation presse n'est pas acceptée."]
    assert not PressCheckIn.objects.exists()


def test_an_arrival_is_recorded_once_per_day_and_audited_with_the_day(
    edition, organiser, volunteer
):
    julie = ask(edition)
    services.press_request_decide(accreditation=julie, status="accepted", by=organiser)
    day = edition.end_date
    accreditation, arrival, created = services.press_check_in(congress=edition, pk=julie.pk,
                                                              day=day, by=volunteer)  # fmt: skip
    assert (accreditation, created) == (julie, True)
    stored = PressCheckIn.objects.get()
    assert (stored, stored.day, stored.by) == (arrival, day, volunteer)
    entry = AuditEntry.objects.get(action="press.checkin")
    assert (entry.actor, entry.congress, entry.target_id, entry.details) == (
        volunteer, edition, str(julie.pk), {"name": "Julie Fontaine", "day": day.isoformat()}
    )  # fmt: skip
    assert services.press_check_in(congress=edition, pk=julie.pk, day=day, by=organiser) == (
        julie, arrival, False
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="press.checkin").count() == 1


def test_a_signed_link_opens_its_own_request_only(edition):
    first, second = ask(edition, card="111"), ask(edition, card="222", email="autre@example.org")
    assert services.request_from_token(edition, services.request_token(second)) == second
    assert services.request_from_token(edition, services.request_token(first)) == first


def test_the_decision_email_carries_the_requests_own_link(
    edition, organiser, django_capture_on_commit_callbacks
):
    from django.core import mail

    ask(edition, card="111", email="premier@example.org")
    julie = ask(edition)
    with django_capture_on_commit_callbacks(execute=True):
        services.press_request_decide(accreditation=julie, status="accepted", by=organiser)
    [decision] = mail.outbox
    assert decision.to == ["julie@example.org"]
    token = decision.body.split("/press/requests/")[1].split("/")[0]
    assert services.request_from_token(edition, token) == julie


def test_each_day_of_the_edition_has_its_own_arrival(edition, organiser, volunteer):
    julie = ask(edition)
    services.press_request_decide(accreditation=julie, status="accepted", by=organiser)
    first = services.press_check_in(
        congress=edition, pk=julie.pk, day=edition.start_date, by=volunteer
    )
    second = services.press_check_in(
        congress=edition, pk=julie.pk, day=edition.end_date, by=volunteer
    )
    assert (first[2], second[2]) == (True, True)
    assert sorted(PressCheckIn.objects.values_list("day", flat=True)) == [
        edition.start_date,
        edition.end_date,
    ]
