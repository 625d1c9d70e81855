"""Workshop sign-up rules of issue 12: the edition's sign-up deadline and the days a delegate
registered for, in the services, the pages and the API."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from congress.editions.services import organiser_grant_admin
from congress.registrations.selectors import attendance_days
from tests.factories import (
    CongressFactory,
    OrderFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    make_participant,
)
from tests.spaces import plain
from tracks import services
from tracks.models import WorkshopSignup

pytestmark = pytest.mark.django_db


def aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
        hours=hour, minutes=minute
    )


@pytest.fixture
def congress():
    start = timezone.localdate() + timedelta(days=60)
    return CongressFactory(
        slug="congres-a-venir", start_date=start, end_date=start + timedelta(days=1)
    )


@pytest.fixture
def closed_congress(congress):
    congress.signup_closes_at = aware(date(2026, 2, 1), 18)
    congress.save()
    return congress


@pytest.fixture
def workshop(congress):
    return SessionFactory(congress=congress, title="Épiceries solidaires", capacity=5)


@pytest.fixture
def participant(congress):
    user = UserFactory()
    make_participant(user, congress)
    return user


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


# --- the deadline on the edition ---------------------------------------------------------------


def test_default_deadline_is_the_eve_of_the_first_day_at_six_pm():
    congress = CongressFactory.build(
        start_date=date(2027, 3, 4), end_date=date(2027, 3, 5), signup_closes_at=None
    )
    assert congress.signup_deadline == aware(date(2027, 3, 3), 18)


def test_a_deadline_set_by_organisers_wins():
    chosen = aware(date(2027, 2, 20), 12)
    congress = CongressFactory.build(start_date=date(2027, 3, 4), signup_closes_at=chosen)
    assert congress.signup_deadline == chosen


def test_signup_is_open_until_the_deadline():
    congress = CongressFactory.build(signup_closes_at=timezone.now() + timedelta(minutes=1))
    assert congress.signup_is_open is True
    congress.signup_closes_at = timezone.now() - timedelta(minutes=1)
    assert congress.signup_is_open is False


def test_an_edition_has_ended_from_the_day_after_its_last_day():
    today = timezone.localdate()
    assert CongressFactory.build(start_date=today, end_date=today).has_ended is False
    yesterday = today - timedelta(days=1)
    assert CongressFactory.build(start_date=yesterday, end_date=yesterday).has_ended is True


# --- services ----------------------------------------------------------------------------------


def test_signup_after_the_deadline_is_refused_with_its_date(closed_congress, workshop, participant):
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.signup_create(session=workshop, user=participant)
    assert plain(error.value.messages) == plain(
        [
            "Les inscriptions aux ateliers sont closes depuis le dimanche 1er février 2026, 18:00 : "
            "adressez-vous aux organisateurs."
        ]
    )
    assert WorkshopSignup.objects.count() == 0


def test_refusal_is_translated(closed_congress, workshop, participant):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.signup_create(session=workshop, user=participant)
    assert error.value.messages == [
        "Workshop sign-up closed on Sunday 1 February 2026, 18:00: please contact the organisers."
    ]


def test_leaving_after_the_deadline_is_refused(congress, workshop, participant):
    signup = services.signup_create(session=workshop, user=participant)
    congress.signup_closes_at = timezone.now() - timedelta(hours=1)
    congress.save()
    signup = WorkshopSignup.objects.select_related("session__congress").get(pk=signup.pk)
    with pytest.raises(ValidationError):
        services.signup_cancel(signup=signup, by=participant)
    assert WorkshopSignup.objects.filter(pk=signup.pk).exists()


def test_organisers_still_sign_people_up_and_out_after_the_deadline(
    closed_congress, workshop, participant, organiser
):
    signup = services.signup_create(session=workshop, user=participant, by=organiser)
    assert signup.user == participant
    services.signup_cancel(signup=signup, by=organiser)
    assert WorkshopSignup.objects.count() == 0


def test_only_organisers_sign_someone_else_up(congress, workshop, participant):
    with pytest.raises(PermissionDenied):
        services.signup_create(session=workshop, user=participant, by=UserFactory())
    assert WorkshopSignup.objects.count() == 0


# --- attendance days ---------------------------------------------------------------------------


def test_signup_on_a_day_the_delegate_is_not_there_is_refused(congress):
    user = UserFactory()
    order = OrderFactory(congress=congress, placed_by=user)
    RegistrationFactory(
        order=order, congress=congress, user=user, days=[congress.start_date.isoformat()]
    )
    second_day = SessionFactory(
        congress=congress, starts_at=aware(congress.end_date, 10), title="Logement"
    )
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.signup_create(session=second_day, user=user)
    with translation.override("fr"):
        day = date_format(congress.end_date, "l j F Y")
    assert plain(error.value.messages) == plain(
        [
            f"Votre inscription au congrès ne couvre pas le {day} : "
            "vous ne pouvez pas vous inscrire à une session ce jour-là."
        ]
    )
    first_day = SessionFactory(congress=congress, title="Épicerie")
    assert services.signup_create(session=first_day, user=user).session == first_day


def test_attendance_days_of_a_registration_naming_no_day_are_the_whole_edition(congress):
    user = UserFactory()
    make_participant(user, congress)
    assert attendance_days(user, congress) == {d.isoformat() for d in congress.days}


def test_attendance_days_ignore_cancelled_registrations(congress):
    user = UserFactory()
    order = OrderFactory(congress=congress, placed_by=user)
    RegistrationFactory(order=order, congress=congress, user=user, status="cancelled")
    assert attendance_days(user, congress) == set()


# --- pages and API ---------------------------------------------------------------------------


def test_page_refuses_signup_after_the_deadline(client, closed_congress, workshop, participant):
    client.force_login(participant)
    response = client.post(
        reverse("signup_create", args=[closed_congress.slug, workshop.pk]), follow=True
    )
    assert WorkshopSignup.objects.count() == 0
    assert "Les inscriptions aux ateliers sont closes depuis le" in response.content.decode()


def test_page_refuses_leaving_after_the_deadline(client, congress, workshop, participant):
    services.signup_create(session=workshop, user=participant)
    congress.signup_closes_at = timezone.now() - timedelta(hours=1)
    congress.save()
    client.force_login(participant)
    response = client.post(reverse("signup_cancel", args=[congress.slug, workshop.pk]), follow=True)
    assert WorkshopSignup.objects.filter(user=participant).count() == 1
    assert "Les inscriptions aux ateliers sont closes depuis le" in response.content.decode()


def test_api_refuses_signup_and_leaving_after_the_deadline(client, congress, workshop, participant):
    url = f"/api/v1/congresses/{congress.slug}/workshop-signups/"
    client.force_login(participant)
    created = client.post(url, {"session": workshop.pk}, content_type="application/json")
    assert created.status_code == 201
    congress.signup_closes_at = aware(date(2026, 2, 1), 18)
    congress.save()
    other = SessionFactory(congress=congress, starts_at=aware(congress.end_date, 10))
    refused = client.post(url, {"session": other.pk}, content_type="application/json")
    assert refused.status_code == 400
    assert plain(refused.json()) == plain(
        {
            "detail": [
                "Les inscriptions aux ateliers sont closes depuis le dimanche 1er février 2026, "
                "18:00 : adressez-vous aux organisateurs."
            ]
        }
    )
    deleted = client.delete(f"{url}{created.json()['id']}/")
    assert deleted.status_code == 400
    assert WorkshopSignup.objects.filter(user=participant).count() == 1


def test_session_page_says_until_when_signup_is_open(client, congress, workshop, participant):
    congress.signup_closes_at = aware(date(2030, 3, 1), 18)
    congress.save()
    client.force_login(participant)
    body = client.get(workshop.get_absolute_url()).content.decode()
    assert "Inscriptions ouvertes jusqu'au vendredi 1er mars 2030, 18:00." in body
    assert reverse("signup_create", args=[congress.slug, workshop.pk]) in body


def test_session_page_after_the_deadline_says_closed_and_offers_no_button(
    client, closed_congress, workshop, participant
):
    client.force_login(participant)
    body = client.get(workshop.get_absolute_url()).content.decode()
    assert "Les inscriptions aux ateliers sont closes depuis le dimanche 1er février 2026" in body
    assert reverse("signup_create", args=[closed_congress.slug, workshop.pk]) not in body


def test_organisers_set_the_deadline_in_the_edition_settings(client, congress, organiser):
    organiser_grant_admin(user=organiser, congress=congress)
    client.force_login(organiser)
    url = reverse("admin:congress_congress_change", args=[congress.pk])
    form = client.get(url).context["adminform"].form
    assert "signup_closes_at" in form.fields
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in {"organisers", "logo"}
    }  # (no logo: an empty file field is not posted)
    data |= {
        "organisers": [organiser.pk],
        "start_date": congress.start_date.isoformat(),
        "end_date": congress.end_date.isoformat(),
        "signup_closes_at_0": "20/03/2030",
        "signup_closes_at_1": "12:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    congress.refresh_from_db()
    assert congress.signup_deadline == aware(date(2030, 3, 20), 12)
