"""Factories of calls for projects and funder meetings."""

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from funding.models import (
    Application,
    ApplicationState,
    Attachment,
    AttachmentKind,
    Funder,
    FundingCall,
    JuryCriterion,
    MeetingGrid,
)
from tests.factories import CongressFactory, OrganisationFactory
from tests.factories.documents import pdf_upload


class FundingCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCall

    congress = factory.SubFactory(CongressFactory)
    title = "LE PROGRÈS"
    funder_name = "Département des Hauts-de-Seine"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    themes = "Vie quotidienne"
    target_publics = "Personnes âgées\nPersonnes en situation de handicap\nJeunes en précarité"
    departements = "92"


class JuryCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryCriterion

    call = factory.SubFactory(FundingCallFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    weight = 1


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(FundingCallFactory)
    organisation = factory.SubFactory(OrganisationFactory, departement="92", commune="Nanterre")
    title = factory.Sequence(lambda n: f"Projet solidaire {n}")
    theme = "Vie quotidienne"
    public = "Personnes âgées"
    project = "Un service de courses accompagnées."
    need = "L'isolement des personnes âgées."
    impact_indicators = "Nombre de personnes accompagnées."
    budget_total = Decimal("20000")
    amount_requested = Decimal("10000")
    state = ApplicationState.DRAFT


def attach_all(application) -> None:
    for kind in AttachmentKind.values:
        Attachment.objects.create(
            application=application, kind=kind, file=pdf_upload(f"{kind}.pdf")
        )


def xlsx_upload(name: str = "budget.xlsx", *, macro: bool = False) -> SimpleUploadedFile:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["Poste", "Montant"])
    workbook.save(buffer)
    if macro:
        import zipfile

        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
            zipfile.ZipFile(out, "w") as dst,
        ):
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.writestr("xl/vbaProject.bin", b"macro")
        buffer = out
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    congress = factory.SubFactory(CongressFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    funds = "Amorçage de projets d'utilité sociale"


class MeetingGridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingGrid

    congress = factory.SubFactory(CongressFactory)
    day = factory.LazyAttribute(lambda o: o.congress.start_date)
    starts_at = datetime.time(14, 0)
    ends_at = datetime.time(17, 0)
    slot_minutes = 15
    breaks = "15:30-15:45"
    tables = 10
