"""Scheduled reminders: `manage.py send_reminders`, run daily."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from congress.payments.models import Invoice
from congress.payments.services import invoice_issue
from congress.registrations.models import OrderState, PaymentMethod
from messaging.models import Audience, Message, MessageRecipient, ReminderText
from messaging.reminders import reminders_due
from messaging.selectors import segment_people
from tests.factories import OrderFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def run_command(day, capture) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("send_reminders", "--today", day.isoformat(), stdout=out)
    return out.getvalue()


def test_reminders_due_by_day(world):
    start = world.congress.start_date
    assert reminders_due(world.congress, start - timedelta(days=8)) == ["unpaid", "mandate"]
    assert reminders_due(world.congress, start - timedelta(days=7)) == ["d7", "unpaid", "mandate"]
    assert reminders_due(world.congress, start - timedelta(days=2)) == ["d7", "unpaid", "mandate"]
    assert reminders_due(world.congress, start - timedelta(days=1)) == ["d1", "unpaid", "mandate"]
    assert reminders_due(world.congress, start) == ["mandate"]


def test_week_before_reaches_confirmed_delegates_once(world, django_capture_on_commit_callbacks):
    day = world.congress.start_date - timedelta(days=7)
    output = run_command(day, django_capture_on_commit_callbacks)
    assert f"{world.congress.slug}: d7 queued" in output
    week = [m for m in mail.outbox if m.subject.endswith(("dans une semaine", "one week to go"))]
    assert sorted(m.to[0] for m in week) == sorted(
        ["elodie@example.org", "bruno@example.org", "jane@example.org",
         world.transfer_order.placed_by.email])  # fmt: skip
    jane = next(m for m in week if m.to == ["jane@example.org"])
    assert jane.subject == f"{world.congress.name}: one week to go"
    # The next day (and a second run the same day) sends nothing more to the same people.
    sent = len(mail.outbox)
    run_command(day, django_capture_on_commit_callbacks)
    run_command(day + timedelta(days=1), django_capture_on_commit_callbacks)
    assert [m for m in mail.outbox[sent:] if m.subject.endswith(("semaine", "week to go"))] == []
    message = Message.objects.get(congress=world.congress, reminder="d7")
    assert MessageRecipient.objects.filter(message=message).count() == 4
    assert message.created_by is None


def test_eve_reminder_uses_the_organisers_text(world, django_capture_on_commit_callbacks):
    ReminderText.objects.create(congress=world.congress, reminder="d1",
                                subject_fr="Demain au Mans, {prenom}", body_fr="Rendez-vous à 9 h.")  # fmt: skip
    run_command(world.congress.start_date - timedelta(days=1), django_capture_on_commit_callbacks)
    elodie = next(
        m for m in mail.outbox if m.to == ["elodie@example.org"] and "Demain" in m.subject
    )
    assert elodie.subject == "Demain au Mans, Élodie"
    assert elodie.body.startswith("Rendez-vous à 9 h.\n")


def test_unpaid_transfer_reminder_before_its_due_date_once(
    world, django_capture_on_commit_callbacks
):
    congress = world.congress
    congress.payment_terms_days = 10
    congress.save(update_fields=["payment_terms_days"])
    due = world.transfer_order.transfer_due_on
    run_command(due - timedelta(days=5), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not Message.objects.filter(reminder="unpaid").exists()  # nothing due: no empty message
    run_command(due - timedelta(days=2), django_capture_on_commit_callbacks)
    run_command(due - timedelta(days=1), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[world.transfer_order.placed_by.email]]
    assert world.transfer_order.reference in mail.outbox[0].subject


def test_mandate_reminder_before_the_invoice_falls_due_even_after_the_congress(
    world, django_capture_on_commit_callbacks
):
    congress = world.congress
    order = OrderFactory(
        congress=congress, organisation=world.organisation, state=OrderState.AWAITING_MANDATE,
        payment_method=PaymentMethod.INVOICE, total=Decimal("60.00"),
        placed_by=UserFactory(full_name="Marc Mandat", email="marc.mandat@example.org"),
    )  # fmt: skip
    due = congress.end_date + timedelta(days=20)  # 30 days' terms: after the congress
    RegistrationFactory(order=order, congress=congress, tariff=world.tariff)
    invoice = invoice_issue(order=order)
    Invoice.objects.filter(pk=invoice.pk).update(due_on=due)
    run_command(due - timedelta(days=5), django_capture_on_commit_callbacks)
    assert not Message.objects.filter(reminder="mandate").exists()  # not due yet: no message
    run_command(due - timedelta(days=3), django_capture_on_commit_callbacks)
    run_command(due - timedelta(days=1), django_capture_on_commit_callbacks)
    (reminder,) = [m for m in mail.outbox if "échéance" in m.subject]
    assert reminder.to == ["marc.mandat@example.org"]
    assert reminder.subject == (
        f"{congress.name} : la facture de la commande {order.reference} arrive à échéance"
    )
    assert reminder.body.startswith("Bonjour Marc,")
    order.state = OrderState.PAID
    order.save(update_fields=["state"])
    assert segment_people(congress, Audience.UNPAID_MANDATE, today=due) == []
