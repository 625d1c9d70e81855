"""Speakers' profiles and press accreditations in Django's admin (issue 15): listed and read,
not added there."""

import pytest
from django.urls import reverse

from tests.factories import CongressFactory, UserFactory
from tracks.press.models import PressAccreditation
from tracks.speakers.models import SpeakerProfile

pytestmark = pytest.mark.django_db


def test_superusers_read_them_and_cannot_add(client):
    edition = CongressFactory()
    profile = SpeakerProfile.objects.create(congress=edition, name="Inès Martin")
    press = PressAccreditation.objects.create(
        congress=edition, full_name="Julie Fontaine", media="Radio", card_number="C1",
        email="julie@example.org", phone="0600000000",
    )  # fmt: skip
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model, obj, text in (
        ("speakerprofile", profile, "Inès Martin"),
        ("pressaccreditation", press, "Julie Fontaine"),
    ):
        listing = client.get(reverse(f"admin:tracks_{model}_changelist"))
        assert listing.status_code == 200 and text in listing.content.decode()
        assert client.get(reverse(f"admin:tracks_{model}_change", args=[obj.pk])).status_code == 200
        assert client.get(reverse(f"admin:tracks_{model}_add")).status_code == 403
