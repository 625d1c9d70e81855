import pytest
from django.urls import reverse

from tests.factories import PolicyProposalFactory
from tests.factories.documents import pdf_upload

pytestmark = pytest.mark.django_db


def test_followup_upload_rejects_non_pdf(client, congress, track_a, organiser, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    client.force_login(organiser)
    url = reverse("followup_create", args=[congress.slug, proposal.pk])
    data = {"status": "sent", "date": "2024-03-01", "institution": "Sénat"}
    client.post(url, {**data, "document": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert proposal.followups.count() == 0
    client.post(url, {**data, "document": pdf_upload("x.pdf")})
    assert proposal.followups.count() == 1
