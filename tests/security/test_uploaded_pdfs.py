"""Uploaded follow-up documents: PDFs that a reader can parse, without active content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from proposals.outcomes.followup import services
from proposals.outcomes.models import PolicyStatus
from proposals.outcomes.validators import validate_pdf
from tests.factories import CongressFactory, PolicyProposalFactory, TrackFactory, UserFactory
from tests.factories.documents import ACTIVE_KINDS, pdf_bytes, pdf_upload

ACTIVE_MESSAGE = "Ce PDF contient du contenu actif"
UNREADABLE = (
    "Ce fichier PDF est illisible ou endommagé. Enregistrez-le à nouveau au format PDF et "
    "réessayez."
)


@pytest.mark.parametrize("kind", ACTIVE_KINDS)
def test_pdf_with_active_content_is_refused(kind):
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(active=kind))
    assert error.value.code == "active_content"
    assert error.value.messages[0].startswith(ACTIVE_MESSAGE)


@pytest.mark.parametrize(
    "body",
    [
        b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>",
        b"%PDF-1.4\n%test\n0000000000",
        pdf_bytes()[:200],  # truncated
    ],
    ids=["html-behind-a-pdf-header", "header-only", "truncated"],
)
def test_file_that_is_not_a_readable_pdf_is_refused(body):
    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("courrier.pdf", body))
    assert error.value.messages == [UNREADABLE]


@pytest.mark.parametrize("kind", ["", "open_action_page"])
def test_plain_pdf_is_accepted_and_left_rewound(kind):
    upload = pdf_upload(active=kind)
    upload.seek(7)
    validate_pdf(upload)
    assert upload.tell() == 7


def test_active_content_message_is_translated(settings):
    from django.utils import translation

    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(active="javascript"))
    with translation.override("en"):
        message = error.value.messages[0]
    assert message.startswith("This PDF contains active content (JS, JavaScript): scripts")


@pytest.fixture
def policy(db):
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    proposal = PolicyProposalFactory(
        congress=congress, track=TrackFactory(congress=congress), status=PolicyStatus.VALIDATED
    )
    return proposal, organiser


def test_service_form_and_api_refuse_a_pdf_with_javascript(client, policy):
    proposal, organiser = policy
    args = dict(proposal=proposal, by=organiser, status="sent", date="2024-03-01")
    with pytest.raises(ValidationError):
        services.followup_record(
            **args, institution="Sénat", document=pdf_upload(active="open_action_js")
        )
    client.force_login(organiser)
    url = reverse("followup_create", args=[proposal.congress.slug, proposal.pk])
    data = {"status": "sent", "date": "2024-03-01", "institution": "Sénat"}
    response = client.post(
        url, {**data, "document": pdf_upload(active="open_action_js")}, follow=True
    )
    assert ACTIVE_MESSAGE in response.content.decode()
    api = APIClient()
    api.force_authenticate(organiser)
    response = api.post(
        f"/api/v1/congresses/{proposal.congress.slug}/follow-ups/",
        {**data, "proposal": proposal.pk, "document": pdf_upload(active="launch")},
        format="multipart",
    )
    assert response.status_code == 400
    assert ACTIVE_MESSAGE in str(response.json())
    assert proposal.followups.count() == 0
