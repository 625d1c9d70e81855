"""The organisers' message pages, the account choice and the unsubscribe link."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from messaging import delivery, services
from messaging.models import (
    Audience,
    Message,
    MessageKind,
    MessageRecipient,
    MessageStatus,
    OptOut,
    RecipientStatus,
    ReminderText,
)
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def url(name, world, *args):
    return reverse(name, args=[world.congress.slug, *args])


def make_message(world, n=0, **fields):
    values = {"audience": Audience.DELEGATES, "audience_label": "Toutes les personnes inscrites",
              "kind": MessageKind.ESSENTIAL, "subject_fr": f"Message {n}",
              "body_fr": "Bonjour {prenom}"}  # fmt: skip
    values.update(fields)
    return services.message_save(congress=world.congress, by=world.organiser, **values)


def post_form(client, world, **data):
    body = {"segment": f"workshop:{world.workshop.pk}", "kind": "essential",
            "subject_fr": "Votre atelier", "body_fr": "Bonjour {prenom}, à bientôt.",
            "subject_en": "", "body_en": ""}  # fmt: skip
    body.update(data)
    return client.post(url("message_create", world), body)


def test_create_then_preview_shows_count_and_a_real_recipient(client, world):
    client.force_login(world.organiser)
    response = post_form(client, world)
    message = Message.objects.get()
    assert response.url == url("message_detail", world, message.pk)
    assert (message.audience, message.audience_value) == ("workshop", str(world.workshop.pk))
    assert message.audience_label == "Par atelier : Épicerie et dignité"
    assert message.created_by == world.organiser
    page = client.get(response.url).content.decode()
    assert 'data-recipient-count="2"' in page
    assert "Bonjour Élodie, à bientôt." in page
    assert "2 personnes" in page


def test_unknown_placeholder_is_an_error_at_preview_and_nothing_saved(client, world):
    client.force_login(world.organiser)
    response = post_form(client, world, body_fr="Bonjour {prenon}")
    assert response.status_code == 200
    assert plain("Champ inconnu : {prenon}.") in plain(response.content.decode())
    assert Message.objects.count() == 0


def test_send_confirmation_then_status_per_recipient(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.organiser)
    message = make_message(world, audience=Audience.WORKSHOP, audience_value=str(world.workshop.pk))
    confirm = client.get(url("message_send", world, message.pk)).content.decode()
    assert "à 2 personnes" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("message_send", world, message.pk))
    assert response.url == url("message_detail", world, message.pk)
    page = client.get(response.url).content.decode()
    assert page.count('data-recipient-status="sent"') == 2
    assert "Envoyé" in page
    assert len(mail.outbox) == 2
    # A second click changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("message_send", world, message.pk))
    assert len(mail.outbox) == 2
    assert client.get(url("message_edit", world, message.pk)).url == url(
        "message_detail", world, message.pk
    )


def test_test_send_goes_to_the_organiser(client, world):
    client.force_login(world.organiser)
    message = make_message(world)
    response = client.post(url("message_test", world, message.pk))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["claire@example.org"]]
    assert Message.objects.get(pk=message.pk).status == MessageStatus.DRAFT


def test_retry_page_action(client, world, monkeypatch, django_capture_on_commit_callbacks):
    client.force_login(world.organiser)
    message = make_message(world)
    monkeypatch.setattr(
        delivery, "send_text", lambda **kw: (_ for _ in ()).throw(OSError("refusé"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("message_send", world, message.pk))
    page = client.get(url("message_detail", world, message.pk) + "?status=failed").content.decode()
    assert page.count('data-recipient-status="failed"') == 4
    assert "Relancer 4 échecs" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("message_retry", world, message.pk))
    assert MessageRecipient.objects.filter(status=RecipientStatus.SENT).count() == 4


def test_edit_a_draft(client, world):
    client.force_login(world.organiser)
    message = make_message(world)
    form = client.get(url("message_edit", world, message.pk)).content.decode()
    assert 'value="delegates" selected' in form
    client.post(url("message_edit", world, message.pk), {
        "segment": f"tariff:{world.tariff.pk}", "kind": "information",
        "subject_fr": "Nouveau", "body_fr": "Texte", "subject_en": "", "body_en": ""})  # fmt: skip
    message.refresh_from_db()
    assert (message.subject_fr, message.audience, message.kind) == (
        "Nouveau",
        "tariff",
        "information",
    )


@pytest.mark.parametrize("who", ["manager", "moderator", "reviewer"])
def test_manager_moderator_reviewer_cannot_message(client, world, who):
    client.force_login(getattr(world, who))
    message = make_message(world)
    assert client.get(url("message_list", world)).status_code == 403
    assert post_form(client, world).status_code == 403
    assert client.post(url("message_send", world, message.pk)).status_code == 403
    assert Message.objects.get(pk=message.pk).status == MessageStatus.DRAFT
    assert len(mail.outbox) == 0


def test_organiser_of_another_edition_cannot_see_the_message(client, world):
    other = CongressFactory()
    stranger = UserFactory()
    other.organisers.add(stranger)
    message = make_message(world)
    client.force_login(stranger)
    assert client.get(url("message_detail", world, message.pk)).status_code == 403
    other_url = reverse("message_detail", args=[other.slug, message.pk])
    assert client.get(other_url).status_code == 404


def test_message_list_query_count(client, world, django_assert_num_queries):
    client.force_login(world.organiser)
    make_message(world, 0)
    for n in (1, 3):
        while Message.objects.count() < n:
            make_message(world, Message.objects.count())
        with django_assert_num_queries(8):
            page = client.get(url("message_list", world)).content.decode()
        assert page.count("data-message-row") == n
        assert "Message 0" in page


def test_recipients_list_query_count(client, world, django_assert_num_queries):
    client.force_login(world.organiser)
    messages = []
    for audience, value in (
        (Audience.TARIFF, world.other_tariff.pk),
        (Audience.TARIFF, world.tariff.pk),
    ):
        message = make_message(world, audience=audience, audience_value=str(value))
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT)
        delivery.message_prepare(message=message)
        messages.append(message)
    client.get(url("message_list", world))
    for message, n in zip(messages, (1, 3), strict=True):
        with django_assert_num_queries(10):
            page = client.get(url("message_detail", world, message.pk)).content.decode()
        assert page.count("data-recipient=") == n


def test_reminder_texts_form_shows_defaults_and_saves(client, world):
    client.force_login(world.organiser)
    page = client.get(url("reminder_settings", world)).content.decode()
    assert "Nous vous attendons au congrès." in page
    response = client.post(url("reminder_settings", world), {
        "reminder": "d1", "d1-subject_fr": "C'est demain, {prenom}", "d1-body_fr": "Au Mans.",
        "d1-subject_en": "", "d1-body_en": ""})  # fmt: skip
    assert response.status_code == 302
    assert ReminderText.objects.get(congress=world.congress, reminder="d1").body_fr == "Au Mans."
    response = client.post(url("reminder_settings", world), {
        "reminder": "d7", "d7-subject_fr": "{inconnu}", "d7-body_fr": "x"})  # fmt: skip
    assert response.status_code == 200
    assert plain("Champ inconnu : {inconnu}.") in plain(response.content.decode())
    assert client.post(url("reminder_settings", world), {"reminder": "zz"}).status_code == 404


def test_account_choice_about_information_messages(client, world):
    user = world.delegates[0].user
    client.force_login(user)
    checkbox = re.search(
        r"<input[^>]*name=\"information\"[^>]*>",
        client.get(reverse("messaging_preferences")).content.decode(),
    ).group(0)
    assert "checked" in checkbox
    client.post(reverse("messaging_preferences"), {})
    assert OptOut.objects.filter(email="elodie@example.org").exists()
    client.post(reverse("messaging_preferences"), {"information": "on"})
    assert not OptOut.objects.exists()


def test_unsubscribe_link_confirms_then_opts_out(client, world):
    token = delivery.unsubscribe_token("elodie@example.org")
    page = client.get(reverse("messaging_unsubscribe", args=[token]))
    assert page.status_code == 200
    assert not OptOut.objects.exists()
    client.post(reverse("messaging_unsubscribe", args=[token]))
    assert OptOut.objects.filter(email="elodie@example.org").exists()
    assert client.get(reverse("messaging_unsubscribe", args=["forged"])).status_code == 404
