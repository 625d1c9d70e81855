"""One's own meeting schedule as a PDF: rounds, times, tables, the other party, for each side."""

import io

import pytest
from django.urls import reverse

from congress.organisations.models import MembershipRole
from funding.models import ApplicationState, Meeting
from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.funding import ApplicationFactory, FunderFactory, MeetingGridFactory

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_holder_and_the_funder_each_get_their_own_schedule_as_pdf(client, call):
    grid = MeetingGridFactory(congress=call.congress)  # 14:00-17:00, 15', a break 15:30-15:45
    holder = ApplicationFactory(
        call=call, state=ApplicationState.SUBMITTED, title="Courses accompagnées",
        organisation=OrganisationFactory(name="Entraide Nanterre"),
    )  # fmt: skip
    bank = FunderFactory(
        congress=call.congress, table=4, organisation=OrganisationFactory(name="Banque Solidaire")
    )
    fund = FunderFactory(
        congress=call.congress, table=9, organisation=OrganisationFactory(name="Fonds Avenir")
    )
    Meeting.objects.create(grid=grid, funder=fund, application=holder, slot=7)
    Meeting.objects.create(grid=grid, funder=bank, application=holder, slot=0)
    url = reverse("funding_my_meetings_pdf", args=[call.congress.slug])

    holder_user = MembershipFactory(
        organisation=holder.organisation, role=MembershipRole.MANAGER
    ).user
    client.force_login(holder_user)
    text = pdf_text(client.get(url))
    assert "Mes rendez-vous financeurs" in text
    first, second = text.index("Banque Solidaire"), text.index("Fonds Avenir")
    assert first < second
    assert "1 14:00–14:15 4 Banque Solidaire" in text
    assert "7 15:45–16:00 9 Fonds Avenir" in text
    assert "pour votre projet «" in text

    client.force_login(MembershipFactory(organisation=fund.organisation).user)
    text = pdf_text(client.get(url))
    assert "7 15:45–16:00 9 Entraide Nanterre" in text
    assert "Banque Solidaire" not in text
    assert "Courses accompagnées" in text

    client.force_login(MembershipFactory().user)
    assert "Aucun rendez-vous pour l'instant." in pdf_text(client.get(url))
