"""The calls for projects and funder meetings of the permission matrix's world (issue 16).

Org A applies (a draft, a submitted and a granted application, an application in the other
edition); org B applies too and is the funder of the meetings; reviewer 1 sits on the jury."""

import datetime
from decimal import Decimal

from funding.jury.services import invitation_token
from funding.models import (
    ApplicationState,
    Attachment,
    Decision,
    FundedReport,
    FundedReportVersion,
    JurorInvitation,
    Meeting,
    MeetingWish,
)
from tests.factories.documents import pdf_upload
from tests.factories.funding import (
    ApplicationFactory,
    FunderFactory,
    FundingCallFactory,
    JuryCriterionFactory,
    MeetingGridFactory,
    attach_all,
)


def add_funding(w) -> None:
    o = w.objects
    edition, other = o["edition"], o["other_edition"]
    org_a, org_b = o["org_a"], o["org_b"]
    o["funding_call"] = call = FundingCallFactory(
        congress=edition, departements="", interim_report_due=datetime.date(2030, 3, 31)
    )
    o["funding_call_other"] = call_other = FundingCallFactory(congress=other, departements="")
    o["criterion"] = JuryCriterionFactory(call=call, name="Utilité sociale", weight=2)
    o["criterion_other"] = JuryCriterionFactory(call=call_other, name="Faisabilité")
    o["juror_invitation"] = invitation = JurorInvitation.objects.create(
        call=call, email="invited-juror@example.org"
    )
    o["juror_invitation_other"] = JurorInvitation.objects.create(
        call=call_other, email="invited-juror@example.org"
    )
    o["juror_invitation_token"] = invitation_token(invitation)
    call.jurors.add(w.users["reviewer_1"])
    call_other.jurors.add(w.users["reviewer_1"])

    def application(name, call, organisation, state):
        o[name] = ApplicationFactory(
            call=call, organisation=organisation, state=state, title=f"Projet {name}"
        )
        return o[name]

    attach_all(application("app_draft_a", call, org_a, ApplicationState.DRAFT))
    application("app_submitted_a", call, org_a, ApplicationState.SUBMITTED)
    application("app_submitted_b", call, org_b, ApplicationState.SUBMITTED)
    granted = application("app_granted_a", call, org_a, ApplicationState.GRANTED)
    Decision.objects.create(application=granted, granted=True, amount_granted=Decimal("5000"))
    application("app_other", call_other, org_a, ApplicationState.SUBMITTED)
    granted_b = application("app_granted_b", call, org_b, ApplicationState.GRANTED)
    Decision.objects.create(application=granted_b, granted=True, amount_granted=Decimal("3000"))
    o["report_a"] = FundedReport.objects.create(
        application=granted, kind="interim", file=pdf_upload("bilan-a.pdf")
    )
    o["report_b"] = FundedReport.objects.create(
        application=granted_b, kind="interim", file=pdf_upload("bilan-b.pdf")
    )
    o["report_version_a"] = FundedReportVersion.objects.create(
        report=o["report_a"], file=pdf_upload("bilan-a-v1.pdf"), received_at=granted.updated_at
    )
    o["report_version_b"] = FundedReportVersion.objects.create(
        report=o["report_b"], file=pdf_upload("bilan-b-v1.pdf"), received_at=granted.updated_at
    )
    o["attachment_a"] = Attachment.objects.create(
        application=o["app_submitted_a"], kind="statutes", file=pdf_upload("statuts-a.pdf")
    )
    o["attachment_b"] = Attachment.objects.create(
        application=o["app_submitted_b"], kind="statutes", file=pdf_upload("statuts-b.pdf")
    )

    o["funder_b"] = funder = FunderFactory(congress=edition, organisation=org_b, table=1)
    o["funder_other"] = funder_other = FunderFactory(congress=other, organisation=org_b)
    grid = MeetingGridFactory(congress=edition)
    grid_other = MeetingGridFactory(congress=other)
    MeetingWish.objects.create(application=o["app_submitted_a"], funder=funder, from_holder=True)
    o["meeting_1"] = Meeting.objects.create(
        grid=grid, funder=funder, application=o["app_submitted_a"], slot=0
    )
    o["meeting_other"] = Meeting.objects.create(
        grid=grid_other, funder=funder_other, application=o["app_other"], slot=0
    )
