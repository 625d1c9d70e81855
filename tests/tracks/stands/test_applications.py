"""Stand applications (issue 15): an association applies, organisers accept (numbered, placed)
within the hall's capacity, put on the waiting list or refuse; the plan and the guide."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.spaces import plain
from tests.tracks.stands.conftest import FIELDS, apply
from tracks.stands import services
from tracks.stands.models import Stand, StandApplication, StandHall

pytestmark = pytest.mark.django_db


def test_an_association_applies_with_its_needs(client, evening):
    user = UserFactory()
    client.force_login(user)
    url = reverse("stand_apply", args=[evening.slug])
    response = client.post(
        url, {"name": "Les Amis du Quartier", "needs_electricity": "on", **FIELDS}
    )
    assert response.status_code == 302
    application = StandApplication.objects.get()
    assert (application.applicant, application.status, application.needs_electricity,
            application.needs_table) == (user, "submitted", True, False)  # fmt: skip
    assert "Les Amis du Quartier – Reçue" in client.get(url).content.decode()


def test_a_bad_application_is_refused_with_nothing_stored(client, evening):
    client.force_login(UserFactory())
    response = client.post(reverse("stand_apply", args=[evening.slug]), {"name": ""})
    assert (response.status_code, StandApplication.objects.count()) == (400, 0)
    assert "Ce champ est obligatoire." in response.content.decode()


def test_accepting_numbers_and_places_the_stand_and_tells_the_applicant(
    evening, organiser, django_capture_on_commit_callbacks
):
    first, second = apply(evening, "A"), apply(evening, "B")
    with django_capture_on_commit_callbacks(execute=True):
        services.stand_application_decide(
            application=first, status="accepted", by=organiser, location="Salon des Arcades"
        )
        services.stand_application_decide(
            application=second, status="accepted", by=organiser, number="12"
        )
    assert list(Stand.objects.values_list("name", "number", "location")) == [
        ("A", "01", "Salon des Arcades"), ("B", "12", ""),
    ]  # fmt: skip
    assert [plain(m.subject) for m in mail.outbox] == [
        f"{evening.name} : votre demande de stand est acceptée"
    ] * 2
    assert "stand 01" in mail.outbox[0].body


def test_the_hall_never_holds_more_stands_than_its_capacity(evening, organiser):
    StandHall.objects.create(congress=evening, capacity=1)
    first, second = apply(evening, "A"), apply(evening, "B")
    services.stand_application_decide(application=first, status="accepted", by=organiser)
    with pytest.raises(ValidationError, match="La salle est complète"):
        services.stand_application_decide(application=second, status="accepted", by=organiser)
    services.stand_application_decide(application=second, status="waitlisted", by=organiser)
    services.stand_application_decide(application=first, status="refused", by=organiser)
    services.stand_application_decide(application=second, status="accepted", by=organiser)
    assert list(Stand.objects.values_list("name", "number")) == [("B", "01")]


def test_a_taken_number_is_refused(evening, organiser):
    services.stand_application_decide(
        application=apply(evening, "A"), status="accepted", by=organiser, number="07"
    )
    with pytest.raises(ValidationError, match="déjà attribué"):
        services.stand_application_decide(
            application=apply(evening, "B"), status="accepted", by=organiser, number="07"
        )
    assert Stand.objects.count() == 1


def test_only_organisers_decide(evening):
    application = apply(evening)
    with pytest.raises(PermissionDenied):
        services.stand_application_decide(
            application=application, status="accepted", by=UserFactory()
        )
    assert Stand.objects.count() == 0


def test_the_board_decides_and_the_plan_and_guide_show_the_stand(client, evening, organiser):
    application = apply(evening, "Les Amis du Quartier")
    client.force_login(organiser)
    board = reverse("stand_board", args=[evening.slug])
    assert "Les Amis du Quartier" in client.get(board).content.decode()
    prefix = f"a{application.pk}"
    response = client.post(
        reverse("stand_decide", args=[evening.slug, application.pk]),
        {
            f"{prefix}-status": "accepted",
            f"{prefix}-number": "03",
            f"{prefix}-location": "Salle des Fêtes",
        },
    )
    assert response.status_code == 302
    client.logout()
    plan = client.get(reverse("stand_plan", args=[evening.slug])).content.decode()
    assert ("Salle des Fêtes" in plan, "Stand 03" in plan) == (True, True)
    assert (
        "Les Amis du Quartier"
        in client.get(reverse("stand_guide", args=[evening.slug])).content.decode()
    )


@pytest.mark.parametrize("n", [1, 3])
def test_board_query_count(client, evening, organiser, n, django_assert_num_queries):
    for i in range(n):
        apply(evening, f"Exposant {i}")
    client.force_login(organiser)
    with django_assert_num_queries(9):
        response = client.get(reverse("stand_board", args=[evening.slug]))
    assert [f"Exposant {i}" in response.content.decode() for i in range(n)] == [True] * n


@pytest.mark.parametrize("n", [1, 3])
def test_plan_query_count(client, evening, n, django_assert_num_queries):
    for i in range(n):
        Stand.objects.create(
            congress=evening, name=f"Exposant {i}", holder_kind="association", number=f"{i:02}"
        )
    with django_assert_num_queries(5):
        response = client.get(reverse("stand_plan", args=[evening.slug]))
    assert [f"Exposant {i}" in response.content.decode() for i in range(n)] == [True] * n


def test_the_guide_is_a_pdf(client, evening):
    Stand.objects.create(congress=evening, name="Exposant", holder_kind="association", number="01")
    response = client.get(reverse("stand_guide_pdf", args=[evening.slug]))
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )


# --- withdrawal by the applicant (until accepted; an accepted stand until the evening) ---------


@pytest.fixture
def applicant():
    return UserFactory(email="asso@example.org")


@pytest.mark.parametrize("status", ["submitted", "waitlisted"])
def test_the_applicant_withdraws_an_undecided_application_and_organisers_are_told(
    evening, organiser, applicant, status, django_capture_on_commit_callbacks
):
    application = apply(evening, "A", by=applicant)
    StandApplication.objects.filter(pk=application.pk).update(status=status)
    with django_capture_on_commit_callbacks(execute=True):
        services.stand_application_withdraw(application=application, by=applicant)
    application.refresh_from_db()
    assert (application.status, application.decided_at is not None) == ("withdrawn", True)
    assert [(m.to, plain(m.subject)) for m in mail.outbox] == [
        ([organiser.email], f"{evening.name} : A retire sa demande de stand")
    ]
    assert "est de nouveau libre" not in mail.outbox[0].body


def test_withdrawing_an_accepted_stand_frees_its_number_for_the_next(
    evening, organiser, applicant, django_capture_on_commit_callbacks
):
    StandHall.objects.create(congress=evening, capacity=1)
    first, second = apply(evening, "A", by=applicant), apply(evening, "B")
    services.stand_application_decide(application=first, status="accepted", by=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        services.stand_application_withdraw(application=first, by=applicant)
    assert (Stand.objects.count(), StandApplication.objects.get(pk=first.pk).stand) == (0, None)
    assert "Le stand 01 est de nouveau libre" in plain(mail.outbox[-1].body)
    services.stand_application_decide(application=second, status="accepted", by=organiser)
    assert list(Stand.objects.values_list("name", "number")) == [("B", "01")]
    with pytest.raises(ValidationError, match="retiré cette demande"):
        services.stand_application_decide(application=first, status="accepted", by=organiser)


def test_an_edition_without_organisers_hears_at_its_contact_address(
    evening, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.stand_application_withdraw(
            application=apply(evening, "A", by=applicant), by=applicant
        )
    assert [m.to for m in mail.outbox] == [[evening.contact_email]]


def test_withdrawal_is_refused_to_others_after_refusal_and_once_the_evening_comes(
    evening, organiser, applicant
):
    application = apply(evening, "A", by=applicant)
    for someone in (UserFactory(), organiser, UserFactory(is_active=False)):
        with pytest.raises(PermissionDenied):
            services.stand_application_withdraw(application=application, by=someone)
    services.stand_application_decide(application=application, status="accepted", by=organiser)
    evening.start_date = evening.end_date = timezone.localdate()  # the evening is today
    evening.save()
    with pytest.raises(PermissionDenied, match="ne peut plus être retirée"):
        services.stand_application_withdraw(application=application, by=applicant)
    refused = apply(evening, "B", by=applicant)
    services.stand_application_decide(application=refused, status="refused", by=organiser)
    with pytest.raises(PermissionDenied):
        services.stand_application_withdraw(application=refused, by=applicant)
    withdrawn = apply(evening, "C", by=applicant)
    services.stand_application_withdraw(application=withdrawn, by=applicant)
    with pytest.raises(PermissionDenied):
        services.stand_application_withdraw(application=withdrawn, by=applicant)
    assert list(StandApplication.objects.values_list("status", flat=True)) == [
        "accepted", "refused", "withdrawn",
    ]  # fmt: skip
    assert Stand.objects.count() == 1


def test_the_applicant_withdraws_from_the_page(client, evening, organiser, applicant):
    application = apply(evening, "Les Amis du Quartier", by=applicant)
    client.force_login(applicant)
    page = reverse("stand_apply", args=[evening.slug])
    assert "Retirer ma demande" in client.get(page).content.decode()
    response = client.post(reverse("stand_withdraw", args=[evening.slug, application.pk]))
    assert (response.status_code, response.url) == (302, page)
    content = plain(client.get(page).content.decode())
    assert ("Les Amis du Quartier – Retirée par l&#x27;exposant" in content,
            "Retirer ma demande" in content) == (True, False)  # fmt: skip
    client.force_login(organiser)
    board = plain(client.get(reverse("stand_board", args=[evening.slug])).content.decode())
    assert "Plus de décision à prendre." in board


@pytest.mark.parametrize("n", [1, 3])
def test_my_applications_query_count(client, evening, applicant, n, django_assert_num_queries):
    for i in range(n):
        apply(evening, f"Exposant {i}", by=applicant)
    client.force_login(applicant)
    with django_assert_num_queries(7):
        response = client.get(reverse("stand_apply", args=[evening.slug]))
    content = response.content.decode()
    assert [f"Exposant {i}" in content for i in range(n)] == [True] * n
    assert content.count("Retirer ma demande") == n
