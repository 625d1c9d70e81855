import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from proposals.outcomes.followup import services
from proposals.outcomes.models import FollowUpStatus
from tests.factories import PolicyProposalFactory
from tests.factories.documents import pdf_upload

pytestmark = pytest.mark.django_db


def pdf(name="reponse.pdf", size=None):
    return pdf_upload(name, pad=size or 10)


def test_followup_record_checks_pdf_and_updates_status(
    congress, track_a, organiser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    args = dict(proposal=proposal, by=organiser, date="2024-03-01", institution="Sénat")
    with pytest.raises(ValidationError):
        services.followup_record(
            **args, status="sent", document=SimpleUploadedFile("a.pdf", b"hello")
        )
    with pytest.raises(ValidationError):
        services.followup_record(
            **args, status="sent", document=SimpleUploadedFile("a.doc", b"%PDF-1")
        )
    with pytest.raises(ValidationError):
        services.followup_record(**args, status="sent", document=pdf(size=10 * 1024 * 1024))
    services.followup_record(**args, status=FollowUpStatus.SENT)
    services.followup_record(**{**args, "date": "2024-04-01"}, status="taken_up", document=pdf())
    proposal.refresh_from_db()
    assert proposal.followup_status == FollowUpStatus.TAKEN_UP
    assert proposal.followups.count() == 2
    assert proposal.followups.last().document.name.endswith(".pdf")


def test_followup_refused_to_non_organisers_and_unvalidated(
    congress, track_a, moderator, organiser
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    for user in (moderator, organiser):
        with pytest.raises(PermissionDenied):
            services.followup_record(proposal=proposal, by=user, status="sent",
                                     date="2024-03-01", institution="Sénat")  # fmt: skip
