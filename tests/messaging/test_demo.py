"""The messaging part of seed_demo: one sent message, dated from the edition."""

from datetime import timedelta

import pytest

from congress.core.seeding import DemoContext
from messaging import privacy, services
from messaging.demo import seed
from messaging.models import Message, MessageRecipient, OptOut

pytestmark = pytest.mark.django_db


def test_demo_sent_message_with_its_recipients(world):
    ctx = DemoContext(congress=world.congress, accounts={"organiser": world.organiser})
    seed(ctx)
    seed(ctx)  # seeding twice changes nothing
    message = Message.objects.get(congress=world.congress)
    assert message.status == "sent"
    assert message.sent_at.date() == world.congress.start_date - timedelta(days=10)
    statuses = list(
        MessageRecipient.objects.filter(message=message).values_list("status", flat=True)
    )
    assert statuses == ["sent"] * 4
    assert ctx.log == ["Messages: « informations pratiques » sent to 4 delegates of 2024."]


def test_privacy_export_and_erasure(world):
    seed(DemoContext(congress=world.congress, accounts={"organiser": world.organiser}))
    user = world.delegates[0].user
    services.opt_out_set(email=user.email, opted_out=True)
    data = privacy.export(user)
    assert [(m["subject"], m["status"]) for m in data["messages_received"]] == [
        ("{edition} : informations pratiques", "sent")
    ]
    assert data["information_messages_refused"] is True
    assert privacy.export(world.organiser)["messages_written"] == [
        "{edition} : informations pratiques"
    ]
    privacy.erase(user)
    privacy.erase(world.organiser)
    assert not MessageRecipient.objects.filter(email=user.email).exists()
    assert not OptOut.objects.exists()
    message = Message.objects.get()
    assert (message.created_by, message.sent_by) == (None, None)
