import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PolicyProposalFactory
from tests.factories.documents import pdf_upload
from tests.proposals.outcomes.conftest import base

pytestmark = pytest.mark.django_db


def test_api_followup_organiser_writes_pdf_public_reads(api, congress, track_a, organiser, settings,
                                                         tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    data = {"proposal": proposal.pk, "status": "acknowledged", "date": "2024-03-20",
            "institution": "Assemblée nationale", "addressee": "assemblee-nationale"}  # fmt: skip
    assert api.post(base(congress) + "follow-ups/", data).status_code == 403
    api.force_authenticate(organiser)
    bad = api.post(base(congress) + "follow-ups/",
                   {**data, "document": SimpleUploadedFile("r.pdf", b"nope")}, format="multipart")  # fmt: skip
    assert bad.status_code == 400
    good = api.post(base(congress) + "follow-ups/",
                    {**data, "document": pdf_upload("r.pdf")}, format="multipart")  # fmt: skip
    assert good.status_code == 201, good.json()
    api.force_authenticate(None)
    listed = api.get(base(congress) + f"follow-ups/?proposal={proposal.pk}").json()
    assert [f["status"] for f in listed] == ["acknowledged"]
    proposal.refresh_from_db()
    assert proposal.followup_status == "acknowledged"
