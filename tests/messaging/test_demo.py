"""The messaging part of seed_demo: one sent message, dated from the edition."""

from datetime import timedelta

import pytest

from congress.core.seeding import DemoContext
from messaging.demo import seed
from messaging.models import Message, MessageRecipient

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
