"""« Prévenez-moi quand le programme paraît » (issue 15): double opt-in, one message when the
organisers publish, then the address is gone; erasable by its link."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from congress.editions import emails, services, tasks
from congress.editions.alerts import ProgrammeAlert, alert_token
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def week(db):
    cache.clear()
    return CongressFactory(kind="programme", programme_published=False)


def ask(client, week, email="camille@example.org"):
    return client.post(reverse("programme_alert", args=[week.slug]), {"email": email})


def publish(week, organiser=None):
    organiser = organiser or UserFactory()
    week.organisers.add(organiser)
    return services.edition_features_set(
        congress=week, features=week.features_on, programme_published=True, by=organiser
    )


def test_the_edition_page_offers_the_alert_until_the_programme_is_out(client, week):
    assert 'id="programme-alert-form"' in client.get(week.get_absolute_url()).content.decode()
    publish(week)
    assert 'id="programme-alert-form"' not in client.get(week.get_absolute_url()).content.decode()


def test_only_a_confirmed_address_gets_one_message_and_is_then_forgotten(
    client, week, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, week, "Camille@Example.org").status_code == 200
        ask(client, week, "jamais-confirme@example.org")
    assert [m.to for m in mail.outbox] == [["camille@example.org"], ["jamais-confirme@example.org"]]
    link = mail.outbox[0].body.split("/programme-alert/")[1].split("/")[0]
    confirm = reverse("programme_alert_confirm", args=[week.slug, link])
    assert 'id="alert-confirm"' in client.get(confirm).content.decode()  # GET confirms nothing
    assert ProgrammeAlert.objects.exclude(confirmed_at=None).count() == 0
    assert 'id="alert-confirmed"' in client.post(confirm).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(week)
        week.programme_published = False
        week.save()
        publish(week)  # published again: nobody left to tell
    assert [(m.to, plain(m.subject)) for m in mail.outbox] == [
        (["camille@example.org"], f"{week.name} : le programme est publié")
    ]
    assert ProgrammeAlert.objects.count() == 0


def test_an_address_is_erased_by_its_link(client, week):
    alert = ProgrammeAlert.objects.create(congress=week, email="camille@example.org")
    response = client.post(reverse("programme_alert_erase", args=[week.slug, alert_token(alert)]))
    assert (response.status_code, ProgrammeAlert.objects.count()) == (302, 0)


def test_forged_or_other_edition_tokens_answer_404(client, week):
    alert = ProgrammeAlert.objects.create(congress=week, email="camille@example.org")
    other = CongressFactory(kind="programme", programme_published=False)
    token = alert_token(alert)
    assert (
        client.get(reverse("programme_alert_confirm", args=[other.slug, token])).status_code == 404
    )
    assert client.post(reverse("programme_alert_erase", args=[week.slug, "x"])).status_code == 404
    assert ProgrammeAlert.objects.count() == 1


def test_bad_input_and_a_published_programme_are_refused_with_nothing_stored(client, week):
    assert "Saisissez une adresse e-mail valide." in ask(client, week, "non").content.decode()
    publish(week)
    response = ask(client, week)
    assert (response.status_code, ProgrammeAlert.objects.count()) == (400, 0)
    assert "Le programme est déjà publié" in response.content.decode()


def test_a_persons_alerts_are_exported_and_erased_with_their_data(week):
    from congress.editions import privacy

    user = UserFactory(email="camille@example.org")
    ProgrammeAlert.objects.create(congress=week, email="camille@example.org")
    ProgrammeAlert.objects.create(congress=week, email="autre@example.org")
    exported = privacy.export(user)["programme_alerts"]
    assert [(a["congress"], a["email"]) for a in exported] == [(week.name, "camille@example.org")]
    privacy.erase(user)
    assert list(ProgrammeAlert.objects.values_list("email", flat=True)) == ["autre@example.org"]


def _confirmed(week, *addresses):
    for address in addresses:
        ProgrammeAlert.objects.create(congress=week, email=address, confirmed_at=timezone.now())


def test_publishing_queues_the_messages_for_the_worker_in_batches(
    week, monkeypatch, django_capture_on_commit_callbacks
):
    _confirmed(week, "a@example.org", "b@example.org", "c@example.org")
    queued = []
    monkeypatch.setattr(tasks, "BATCH_SIZE", 2)
    monkeypatch.setattr(
        tasks, "send_programme_published", SimpleNamespace(enqueue=lambda *a: queued.append(a))
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(week)
        assert queued == []  # nothing leaves before the publication is committed
    assert queued == [(week.pk, ["a@example.org", "b@example.org"]), (week.pk, ["c@example.org"])]
    assert (mail.outbox, ProgrammeAlert.objects.count()) == ([], 0)


def test_one_address_failing_does_not_stop_the_others(week, monkeypatch, caplog):
    real = emails.send_programme_published

    def flaky(congress, address):
        if address == "b@example.org":
            raise OSError("SMTP refused")
        real(congress, address)

    monkeypatch.setattr(emails, "send_programme_published", flaky)
    result = tasks.send_programme_published.call(week.pk, ["a@example.org", "b@example.org",
                                                           "c@example.org"])  # fmt: skip
    assert result == {"sent": 2}
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["c@example.org"]]
    assert "programme alert to one address failed" in caplog.text


def test_asking_again_resends_the_link_only_while_unconfirmed(
    week, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.programme_alert_subscribe(congress=week, email="camille@example.org")
        again = services.programme_alert_subscribe(congress=week, email=" Camille@Example.org ")
    assert again.pk == first.pk
    assert len(mail.outbox) == 2  # not confirmed yet: the link is sent again
    services.programme_alert_confirm(alert=first)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.programme_alert_subscribe(congress=week, email="camille@example.org")
    assert mail.outbox == []  # already confirmed: nothing more to follow
    assert confirmed.confirmed_at is not None
    assert ProgrammeAlert.objects.count() == 1


def test_confirming_twice_keeps_the_first_confirmation_time(week):
    alert = ProgrammeAlert.objects.create(congress=week, email="camille@example.org")
    first = services.programme_alert_confirm(alert=alert).confirmed_at
    assert first is not None
    alert.refresh_from_db()
    second = services.programme_alert_confirm(alert=alert)
    assert second.confirmed_at == first
    alert.refresh_from_db()
    assert alert.confirmed_at == first
