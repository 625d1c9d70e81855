"""Every export is in the audit log, and only organisers of the edition export (issue 19)."""

import pytest
from django.core.exceptions import PermissionDenied

from congress.audit.models import AuditEntry
from reports import services
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_organisers_export_is_audited():
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    services.export_record(
        congress=congress, by=organiser, table="registrations", file_format="csv"
    )
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.congress, entry.details) == (
        organiser,
        "export.csv",
        congress,
        {"table": "registrations"},
    )


def test_an_export_by_an_organiser_of_another_edition_is_refused_and_not_audited():
    congress = CongressFactory()
    other = UserFactory()
    CongressFactory().organisers.add(other)
    with pytest.raises(PermissionDenied):
        services.export_record(
            congress=congress, by=other, table="registrations", file_format="xlsx"
        )
    assert not AuditEntry.objects.exists()
