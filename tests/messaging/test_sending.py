"""Writing, testing, sending and retrying a message (services, delivery, tasks)."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

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
from messaging.selectors import message_progress, segment_people
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def run(commit, message, world):
    """Send as the organiser and run what waits for the commit (the queued task)."""
    with commit(execute=True):
        return services.message_send(message=message, by=world.organiser)


def retry(commit, message, world):
    with commit(execute=True):
        return services.message_retry_failed(message=message, by=world.organiser)


def draft(world, **fields):
    values = {
        "audience": Audience.WORKSHOP, "audience_value": str(world.workshop.pk),
        "audience_label": "Atelier", "kind": MessageKind.ESSENTIAL,
        "subject_fr": "Votre atelier, {prenom}", "body_fr": "Bonjour {nom} ({organisation}), "
        "commande {reference_commande}. Programme : {lien_programme}",
        "subject_en": "", "body_en": "",
    }  # fmt: skip
    values.update(fields)
    return services.message_save(congress=world.congress, by=world.organiser, **values)


def test_message_save_refuses_unknown_placeholder_and_saves_nothing(world, commit):
    with pytest.raises(ValidationError) as error:
        draft(world, body_fr="Bonjour {prénom} {nom}")
    assert plain(error.value.message_dict["body_fr"]) == plain(
        [
            "Champ inconnu : {prénom}. Champs possibles : {prenom}, {nom}, {organisation}, "
            "{reference_commande}, {lien_programme}, {edition}."
        ]
    )
    assert Message.objects.count() == 0


def test_message_save_wants_both_english_texts_or_none(world, commit):
    with pytest.raises(ValidationError) as error:
        draft(world, subject_en="Your workshop")
    assert list(error.value.message_dict) == ["body_en"]


def test_message_save_refused_to_a_manager_and_a_moderator(world, commit):
    for user in (world.manager, world.moderator):
        with pytest.raises(PermissionDenied):
            services.message_save(congress=world.congress, by=user, audience=Audience.DELEGATES,
                                  subject_fr="x", body_fr="y")  # fmt: skip
    assert Message.objects.count() == 0


def test_message_send_delivers_once_to_each_with_placeholders_filled(world, commit):
    message = draft(world)
    assert run(commit, message, world) is True
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert sorted(m.to[0] for m in mail.outbox) == ["elodie@example.org", "jane@example.org"]
    elodie = next(m for m in mail.outbox if m.to == ["elodie@example.org"])
    reference = world.delegates[0].order.reference
    assert elodie.subject == "Votre atelier, Élodie"
    assert elodie.body.startswith(
        f"Bonjour Élodie Lefèvre (Épicerie solidaire du Maine), commande {reference}. "
        f"Programme : {settings.SITE_URL}/congresses/{world.congress.slug}/programme/mine/\n"
    )
    assert "List-Unsubscribe" not in elodie.extra_headers  # essential: no opt-out
    statuses = set(
        MessageRecipient.objects.filter(message=message).values_list("status", flat=True)
    )
    assert statuses == {RecipientStatus.SENT}
    assert message_progress(message)["percent"] == 100


def test_message_send_twice_sends_nothing_more(world, commit):
    message = draft(world)
    run(commit, message, world)
    assert run(commit, message, world) is False
    assert len(mail.outbox) == 2
    assert MessageRecipient.objects.filter(message=message).count() == 2


def test_message_prepared_twice_keeps_one_recipient_per_address(world, commit):
    message = draft(world, audience=Audience.DELEGATES, audience_value="")
    first = delivery.message_prepare(message=message)
    assert delivery.message_prepare(message=message) == first
    assert MessageRecipient.objects.filter(message=message).count() == 4


def test_each_person_gets_their_language_when_both_are_written(world, commit):
    message = draft(world, subject_en="Your workshop, {prenom}", body_en="Hello {prenom}")
    run(commit, message, world)
    jane = next(m for m in mail.outbox if m.to == ["jane@example.org"])
    elodie = next(m for m in mail.outbox if m.to == ["elodie@example.org"])
    assert (jane.subject, jane.body.split("\n")[0]) == ("Your workshop, Jane", "Hello Jane")
    assert "practical message" in jane.body
    assert elodie.subject == "Votre atelier, Élodie"


def test_english_speaker_gets_french_when_no_english_version(world, commit):
    run(commit, draft(world), world)
    jane = next(m for m in mail.outbox if m.to == ["jane@example.org"])
    assert jane.subject == "Votre atelier, Jane"


def test_information_message_skips_opted_out_and_carries_unsubscribe(world, commit):
    OptOut.objects.create(email="elodie@example.org")
    message = draft(world, kind=MessageKind.INFORMATION)
    run(commit, message, world)
    assert [m.to for m in mail.outbox] == [["jane@example.org"]]
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{settings.SITE_URL}/unsubscribe/")
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in mail.outbox[0].body
    skipped = MessageRecipient.objects.get(message=message, email="elodie@example.org")
    assert skipped.status == RecipientStatus.OPTED_OUT
    assert Message.objects.get(pk=message.pk).status == MessageStatus.SENT


def test_essential_message_reaches_opted_out_people(world, commit):
    OptOut.objects.create(email="elodie@example.org")
    run(commit, draft(world), world)
    assert len(mail.outbox) == 2


def test_placeholder_value_with_newlines_cannot_inject_headers(world, commit):
    user = world.delegates[0].user
    world.delegates[0].full_name = "Élodie\r\nBcc: victime@example.org"
    world.delegates[0].save(update_fields=["full_name"])
    user.full_name = "Élodie\r\nBcc: victime@example.org"
    user.save(update_fields=["full_name"])
    message = draft(world, subject_fr="Pour {nom}")
    run(commit, message, world)
    elodie = next(m for m in mail.outbox if m.to == ["elodie@example.org"])
    assert elodie.subject == "Pour Élodie Bcc: victime@example.org"
    assert elodie.bcc == []
    raw = elodie.message().as_string()
    assert "\nBcc:" not in raw
    assert (
        MessageRecipient.objects.get(message=message, email="elodie@example.org").status == "sent"
    )


def test_failures_are_recorded_then_retried(world, monkeypatch, commit):
    message = draft(world)

    def broken(**kwargs):
        raise OSError("Connexion au serveur SMTP refusée")

    monkeypatch.setattr(delivery, "send_text", broken)
    run(commit, message, world)
    failed = MessageRecipient.objects.filter(message=message, status=RecipientStatus.FAILED)
    assert failed.count() == 2
    assert failed.first().error == "Connexion au serveur SMTP refusée"
    assert Message.objects.get(pk=message.pk).status == MessageStatus.SENT
    assert message_progress(message)["failed"] == 2
    monkeypatch.undo()
    assert retry(commit, message, world) == 2
    assert len(mail.outbox) == 2
    assert set(
        MessageRecipient.objects.filter(message=message).values_list("status", flat=True)
    ) == {"sent"}
    assert retry(commit, message, world) == 0


def test_deliver_batch_never_sends_a_recipient_already_claimed(world, commit):
    message = draft(world)
    ids = delivery.message_prepare(message=message)
    MessageRecipient.objects.filter(pk=ids[0]).update(status=RecipientStatus.SENDING)
    assert delivery.deliver_batch(message=message, recipient_ids=ids) == 1
    assert len(mail.outbox) == 1


def test_send_test_goes_to_the_organiser_only_filled_for_a_sample(world, commit):
    message = draft(world)
    sample = segment_people(world.congress, message.audience, message.audience_value)[0]
    services.message_send_test(message=message, by=world.organiser, sample=sample)
    services.message_send_test(message=message, by=world.organiser, sample=None)
    assert [m.to for m in mail.outbox] == [["claire@example.org"], ["claire@example.org"]]
    assert [m.subject for m in mail.outbox] == [
        "[Test] Votre atelier, Élodie",
        "[Test] Votre atelier, Claire",
    ]
    assert MessageRecipient.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.message_send_test(message=message, by=world.manager, sample=None)


def test_sent_message_cannot_be_changed(world, commit):
    message = draft(world)
    run(commit, message, world)
    with pytest.raises(ValidationError):
        services.message_save(congress=world.congress, by=world.organiser, message=message,
                              subject_fr="Autre", body_fr="Autre")  # fmt: skip


def test_send_and_retry_refused_to_others(world, commit):
    message = draft(world)
    for action in (services.message_send, services.message_retry_failed):
        with pytest.raises(PermissionDenied):
            action(message=message, by=world.manager)
    assert Message.objects.get(pk=message.pk).status == MessageStatus.DRAFT


def test_unsubscribe_token_round_trip_and_forgery(world, commit):
    token = delivery.unsubscribe_token(" Elodie@Example.org ")
    assert delivery.email_from_token(token) == "elodie@example.org"
    assert delivery.email_from_token(token[:-2] + "xx") is None


def test_opt_out_set_and_unset(world, commit):
    services.opt_out_set(email="Elodie@example.org", opted_out=True)
    services.opt_out_set(email="elodie@example.org", opted_out=True)
    assert list(OptOut.objects.values_list("email", flat=True)) == ["elodie@example.org"]
    services.opt_out_set(email="elodie@example.org", opted_out=False)
    assert OptOut.objects.count() == 0


def test_reminder_text_save_refused_to_a_manager_and_checks_placeholders(world, commit):
    with pytest.raises(PermissionDenied):
        services.reminder_text_save(congress=world.congress, by=world.manager, reminder="d1",
                                    subject_fr="x", body_fr="y")  # fmt: skip
    with pytest.raises(ValidationError):
        services.reminder_text_save(congress=world.congress, by=world.organiser, reminder="d1",
                                    subject_fr="{inconnu}", body_fr="y")  # fmt: skip
    text = services.reminder_text_save(congress=world.congress, by=world.organiser,
                                       reminder="d1", subject_fr="Demain", body_fr="À demain.")  # fmt: skip
    assert (text.subject_fr, text.body_fr) == ("Demain", "À demain.")
    assert ReminderText.objects.count() == 1
