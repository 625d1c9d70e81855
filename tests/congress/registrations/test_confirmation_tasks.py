"""Confirmation e-mails (one ticket PDF per delegate) go through the task worker, queued once
the order's transaction commits: Stripe's webhook answers without rendering them (issue 13)."""

from types import SimpleNamespace

import pytest
from django.tasks import default_task_backend

from congress.audit.models import AuditEntry
from congress.registrations import tasks
from congress.registrations.models import Order, OrderState, RegistrationStatus
from tests.congress.registrations.test_stripe import post_event
from tests.fakes.stripe_server import make_event
from tests.spaces import plain

pytestmark = pytest.mark.django_db

QUEUE_ONLY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def pay(client, card_order, stripe_settings, capture):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    with capture(execute=True):
        response = post_event(client, make_event("checkout.session.completed", session))
    assert (response.status_code, response.content) == (200, b"paid")


def test_webhook_queues_the_confirmations_instead_of_sending_them(
    client, card_order, stripe_settings, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = QUEUE_ONLY
    pay(client, card_order, stripe_settings, django_capture_on_commit_callbacks)
    assert mailoutbox == []  # nothing rendered nor sent by the webhook itself
    registrations = sorted(card_order.registrations.values_list("pk", flat=True))
    [queued] = default_task_backend.results
    assert (queued.task.name, queued.args) == ("send_confirmations", [registrations])
    # The worker runs it: one e-mail per delegate, each with their own ticket and the .ics.
    assert queued.task.call(*queued.args) == {"sent": 2}
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        card_order.registrations.values_list("email", flat=True)
    )
    slug = card_order.congress.slug
    for message in mailoutbox:
        pk = card_order.registrations.get(email=message.to[0]).pk
        (ticket, ticket_pdf, ticket_type), (ics, _content, ics_type) = message.attachments
        assert (ticket, ticket_type) == (f"billet-{slug}-{pk}.pdf", "application/pdf")
        assert ticket_pdf[:5] == b"%PDF-"
        assert (ics, ics_type) == (f"{slug}.ics", "text/calendar")


def test_confirmations_sent_by_the_worker_after_the_webhook(
    client, card_order, stripe_settings, mailoutbox, django_capture_on_commit_callbacks
):
    pay(client, card_order, stripe_settings, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert {len(message.attachments) for message in mailoutbox} == {2}


def test_a_failed_sending_keeps_the_order_and_sends_the_others(
    client, card_order, stripe_settings, mailoutbox, monkeypatch, caplog,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    first, second = card_order.registrations.order_by("pk")
    real_send = tasks.emails.send_registration_confirmation

    def send(registration):
        if registration.pk == first.pk:
            raise ConnectionRefusedError("mail server down")
        real_send(registration)

    monkeypatch.setattr(tasks.emails, "send_registration_confirmation", send)
    pay(client, card_order, stripe_settings, django_capture_on_commit_callbacks)
    order = Order.objects.get(pk=card_order.pk)
    assert order.state == OrderState.PAID
    assert set(order.registrations.values_list("status", flat=True)) == {
        RegistrationStatus.CONFIRMED
    }
    assert [message.to for message in mailoutbox] == [[second.email]]
    assert f"Confirmation of registration {first.pk} could not be sent" in caplog.text


def test_the_task_reports_a_failure_to_the_worker(card_order, monkeypatch, mailoutbox):
    card_order.registrations.update(status=RegistrationStatus.CONFIRMED)
    pks = list(card_order.registrations.order_by("pk").values_list("pk", flat=True))

    def send(registration):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(tasks.emails, "send_registration_confirmation", send)
    with pytest.raises(tasks.ConfirmationsNotSent) as error:
        tasks.send_confirmations.call(pks)
    assert str(pks) in str(error.value)


def test_the_task_skips_cancelled_registrations_and_missing_addresses(card_order, mailoutbox):
    first, second = card_order.registrations.order_by("pk")
    first.status = RegistrationStatus.CONFIRMED
    first.save(update_fields=["status"])
    second.status, second.email = RegistrationStatus.CANCELLED, ""
    second.save(update_fields=["status", "email"])
    assert tasks.send_confirmations.call([first.pk, second.pk]) == {"sent": 1}
    assert [message.to for message in mailoutbox] == [[first.email]]


def test_a_queue_that_cannot_be_reached_keeps_the_order(
    client, card_order, stripe_settings, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def enqueue(*args, **kwargs):
        raise OSError("task database unreachable")

    monkeypatch.setattr(tasks, "send_confirmations", SimpleNamespace(enqueue=enqueue))
    pay(client, card_order, stripe_settings, django_capture_on_commit_callbacks)
    assert Order.objects.get(pk=card_order.pk).state == OrderState.PAID
    assert "could not be sent" in caplog.text


def test_organisers_resend_goes_through_the_worker(
    client, card_order, organiser, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """« Renvoyer la confirmation » on the board queues the task after commit: the request
    renders no PDF and sends nothing; the page says it is on its way; the resend is audited."""
    settings.TASKS = QUEUE_ONLY
    registration = card_order.registrations.order_by("pk").first()
    card_order.registrations.update(status=RegistrationStatus.CONFIRMED)
    client.force_login(organiser)
    url = f"/staff/{card_order.congress.slug}/registrations/{registration.pk}/resend/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert mailoutbox == []
    [queued] = default_task_backend.results
    assert (queued.task.name, queued.args) == ("send_confirmations", [[registration.pk]])
    assert (
        plain(response.content.decode()).count(
            f"La confirmation part vers {registration.email} : elle arrivera dans quelques minutes."
        )
        == 1
    )
    entry = AuditEntry.objects.get(action="registration.resend_confirmation")
    assert (entry.actor, entry.target_id) == (organiser, str(registration.pk))
    assert queued.task.call(*queued.args) == {"sent": 1}
    assert [message.to for message in mailoutbox] == [[registration.email]]
