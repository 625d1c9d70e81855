"""« Mes activités » (issue 15): the signed link e-mailed on request, the list and its cancel
buttons, and the online activities' link sent once shortly before the start."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tests.tracks.activities.conftest import make_activity
from tracks.activities import mine, services
from tracks.activities.models import ActivityRegistration
from tracks.activities.online import online_links_send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def register(week, activity, email="camille@example.org", **kwargs):
    return services.activity_register(
        congress=week, session=activity, full_name="Camille Martin", email=email, **kwargs
    )


def test_the_link_is_mailed_only_to_an_address_holding_registrations(
    client, week, activity, django_capture_on_commit_callbacks
):
    register(week, activity)
    url = reverse("my_activities", args=[week.slug])
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(url, {"email": "personne@example.org"})
        known = client.post(url, {"email": "Camille@Example.org"})
    assert (unknown.status_code, known.status_code) == (200, 200)
    assert 'id="link-sent"' in unknown.content.decode()  # the same answer either way
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    assert plain(mail.outbox[0].subject) == f"{week.name} : vos activités"
    token = mail.outbox[0].body.split("/my-activities/")[1].split("/")[0]
    assert mine.email_from_token(week, token) == "camille@example.org"


def test_a_bad_address_is_refused_with_a_clear_error(client, week):
    response = client.post(reverse("my_activities", args=[week.slug]), {"email": "pas-une-adresse"})
    assert response.status_code == 400
    assert "Saisissez une adresse e-mail valide." in response.content.decode()


def test_requests_for_one_address_are_limited(
    client, week, activity, django_capture_on_commit_callbacks
):
    register(week, activity)
    url = reverse("my_activities", args=[week.slug])
    with django_capture_on_commit_callbacks(execute=True):
        codes = [client.post(url, {"email": "camille@example.org"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert len(mail.outbox) == 3
    assert (
        "Trop de demandes pour cette adresse."
        in client.post(url, {"email": "camille@example.org"}).content.decode()
    )


@pytest.mark.parametrize("n", [1, 3])
def test_the_list_shows_every_registration_with_its_cancel_button(
    client, week, n, django_assert_num_queries
):
    for i in range(n):
        register(week, make_activity(week, title=f"Visite {i}"))
    register(week, make_activity(week, title="D'une autre personne"), email="autre@example.org")
    url = reverse(
        "my_activities_list", args=[week.slug, mine.person_token(week, "camille@example.org")]
    )
    with django_assert_num_queries(4):
        response = client.get(url)
    page = response.content.decode()
    assert [f"Visite {i}" in page for i in range(n)] == [True] * n
    assert "D'une autre personne" not in page
    assert page.count('class="btn btn-sm btn-outline-danger"') == n


def test_a_cancel_button_of_the_list_cancels_that_registration(client, week, activity):
    registration = register(week, activity)
    response = client.post(
        reverse(
            "activity_registration_cancel",
            args=[week.slug, services.registration_token(registration)],
        )
    )
    registration.refresh_from_db()
    assert (response.status_code, registration.status) == (302, "cancelled")


def test_forged_expired_or_other_edition_links_answer_404(client, week, activity):
    register(week, activity)
    other = CongressFactory(kind="programme")
    token = mine.person_token(other, "camille@example.org")
    assert client.get(reverse("my_activities_list", args=[week.slug, token])).status_code == 404
    assert client.get(reverse("my_activities_list", args=[week.slug, "forged"])).status_code == 404
    token = mine.person_token(week, "camille@example.org")
    later = timezone.now() + timedelta(seconds=mine.LINK_MAX_AGE + 60)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: later.timestamp())
        assert mine.email_from_token(week, token) is None


def test_a_signed_in_person_sees_the_registrations_made_with_their_account(client, week, activity):
    user = UserFactory()
    register(week, activity, email=user.email, user=user)
    client.force_login(user)
    page = client.get(reverse("my_activities", args=[week.slug])).content.decode()
    assert activity.title in page


def online(week, minutes):
    start = timezone.now() + timedelta(minutes=minutes)
    return make_activity(
        week, is_online=True, online_url="https://visio.example.org/salle", capacity=1,
        starts_at=start, ends_at=start + timedelta(hours=1),
    )  # fmt: skip


def test_the_online_link_goes_once_to_confirmed_people_shortly_before_the_start(
    week, django_capture_on_commit_callbacks
):
    soon, later = online(week, 90), online(week, 240)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = register(week, soon)
        register(week, soon, email="attente@example.org")  # waiting list: no link
        register(week, later, email="plus-tard@example.org")
    # Registered more than an hour ahead: the confirmation says when the link comes, without it.
    assert all("https://visio.example.org/salle" not in m.body for m in mail.outbox)
    assert "vous sera envoyé par e-mail une heure avant le début" in plain(mail.outbox[0].body)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        online_links_send(now=timezone.now() + timedelta(minutes=40))
        online_links_send(now=timezone.now() + timedelta(minutes=45))
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    assert "https://visio.example.org/salle" in mail.outbox[0].body
    assert ActivityRegistration.objects.exclude(online_link_sent_at=None).get() == confirmed
    with django_capture_on_commit_callbacks(execute=True):
        online_links_send(now=timezone.now() + timedelta(minutes=200))
    assert [m.to for m in mail.outbox][1:] == [["plus-tard@example.org"]]


def test_a_place_confirmed_within_the_hour_gets_the_link_once_in_its_confirmation(
    week, django_capture_on_commit_callbacks
):
    soon = online(week, 30)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(week, soon)
        waiting = register(week, soon, email="attente@example.org")
    assert ["https://visio.example.org/salle" in m.body for m in mail.outbox] == [True, False]
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_registration_cancel(registration=first)  # the waiting person moves up
        call_command("send_online_links", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox[2:]] == [["attente@example.org"]]  # no second e-mail
    assert "https://visio.example.org/salle" in mail.outbox[2].body
    waiting.refresh_from_db()
    assert (waiting.status, waiting.online_link_sent_at is not None) == ("confirmed", True)
