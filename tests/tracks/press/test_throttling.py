"""The public press form is throttled (issue 15): a stranger posting requests in a loop is
stopped per e-mail address and per client address, told so in French, and nothing is stored."""

import pytest
from django.urls import reverse

from tests.factories import CongressFactory
from tracks.press.models import PressAccreditation
from tracks.press.services import REQUESTS_PER_CLIENT, REQUESTS_PER_EMAIL

pytestmark = pytest.mark.django_db

FORM = {"full_name": "Jo Durand", "media": "Radio Quartier", "email": "jo@example.org",
        "phone": "06 12 34 56 78"}  # fmt: skip


@pytest.fixture
def url():
    return reverse("press_request", args=[CongressFactory().slug])


def test_one_address_posting_in_a_loop_is_stopped(client, url):
    for i in range(REQUESTS_PER_EMAIL.attempts):
        assert client.post(url, {**FORM, "card_number": f"C{i}"}).status_code == 302
    # Another client address, the same e-mail: still refused (per e-mail).
    refused = client.post(url, {**FORM, "card_number": "C99"}, REMOTE_ADDR="192.0.2.7")
    assert refused.status_code == 429
    assert "Trop de demandes d&#x27;accréditation" in refused.content.decode()
    assert PressAccreditation.objects.count() == REQUESTS_PER_EMAIL.attempts
    assert not PressAccreditation.objects.filter(card_number="C99").exists()
    # The same e-mail written otherwise is the same address.
    upper = client.post(url, {**FORM, "email": "JO@example.org", "card_number": "C98"})
    assert upper.status_code == 429


def test_one_client_changing_e_mails_is_stopped(client, url):
    for i in range(REQUESTS_PER_CLIENT.attempts):
        data = {**FORM, "email": f"jo{i}@example.org", "card_number": f"C{i}"}
        assert client.post(url, data).status_code == 302
    data = {**FORM, "email": "new@example.org", "card_number": "NEW"}
    refused = client.post(url, data)
    assert refused.status_code == 429
    assert PressAccreditation.objects.count() == REQUESTS_PER_CLIENT.attempts
    # Someone else, from another address, is not slowed down.
    other = client.post(url, data, REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 302
    assert PressAccreditation.objects.filter(card_number="NEW").exists()


def test_refused_duplicates_count_too(client, url):
    client.post(url, {**FORM, "card_number": "SAME"})
    for _ in range(REQUESTS_PER_EMAIL.attempts - 1):
        assert client.post(url, {**FORM, "card_number": "SAME"}).status_code == 400
    assert client.post(url, {**FORM, "card_number": "SAME"}).status_code == 429
    assert PressAccreditation.objects.count() == 1
