"""Services on site: the desk role, check-ins (once per day), undo, certificate settings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.onsite import services
from congress.onsite.models import CertificateSettings, CheckIn, DeskRole, DeskRoleHours
from congress.onsite.permissions import can_check_in
from congress.registrations.models import RegistrationStatus
from tests.congress.onsite.conftest import delegate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 20)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_desk_role_grant_adds_the_person_and_audits(edition, organiser):
    person = UserFactory(email="victor@example.org")
    role = services.desk_role_grant(congress=edition, email=" Victor@Example.org ", by=organiser)
    assert (role.user, role.granted_by) == (person, organiser)
    assert AuditEntry.objects.filter(action="desk.grant").count() == 1


def test_desk_role_grant_refuses_unknown_address_twice_and_non_organisers(edition, organiser):
    UserFactory(email="victor@example.org")
    with pytest.raises(ValidationError) as unknown:
        services.desk_role_grant(congress=edition, email="nobody@example.org", by=organiser)
    assert "email" in unknown.value.error_dict
    services.desk_role_grant(congress=edition, email="victor@example.org", by=organiser)
    with pytest.raises(ValidationError):
        services.desk_role_grant(congress=edition, email="victor@example.org", by=organiser)
    with pytest.raises(PermissionDenied):
        services.desk_role_grant(congress=edition, email="victor@example.org", by=UserFactory())
    assert DeskRole.objects.count() == 1


def test_desk_role_grant_turns_a_shifts_role_into_a_whole_edition_one(edition, organiser):
    """A volunteer's desk role limited to their shift's hours: the organiser's grant keeps the
    same role, drops the hours (valid the whole edition) and is audited; a second grant is
    refused and changes nothing."""
    person = UserFactory(email="victor@example.org")
    role = DeskRole.objects.create(congress=edition, user=person)
    later = timezone.now() + datetime.timedelta(days=3)
    DeskRoleHours.objects.create(
        role=role, starts_at=later, ends_at=later + datetime.timedelta(hours=2)
    )
    assert can_check_in(person, edition) is False  # outside the shift
    granted = services.desk_role_grant(congress=edition, email="victor@example.org", by=organiser)
    assert (granted.pk, granted.granted_by) == (role.pk, organiser)
    assert DeskRoleHours.objects.count() == 0
    person.refresh_from_db()
    del person._organiser_of, person._desk_of  # a new request: roles read again
    assert can_check_in(person, edition) is True
    assert AuditEntry.objects.filter(action="desk.grant").count() == 1
    with pytest.raises(ValidationError):
        services.desk_role_grant(congress=edition, email="victor@example.org", by=organiser)
    assert DeskRole.objects.count() == 1
    assert AuditEntry.objects.filter(action="desk.grant").count() == 1


def test_desk_role_revoke(edition, organiser, volunteer):
    role = DeskRole.objects.get(user=volunteer)
    with pytest.raises(PermissionDenied):
        services.desk_role_revoke(role=role, by=volunteer)
    services.desk_role_revoke(role=role, by=organiser)
    assert DeskRole.objects.count() == 0


def test_checkin_record_once_per_day(edition, volunteer, organiser, helene, today):
    first = services.checkin_record(registration=helene, day=today, by=volunteer)
    second = services.checkin_record(registration=helene, day=today, by=organiser)
    assert (first.created, second.created) == (True, False)
    assert second.check_in == first.check_in
    assert second.check_in.by == volunteer
    tomorrow = services.checkin_record(
        registration=helene, day=today + datetime.timedelta(days=1), by=organiser
    )
    assert tomorrow.created is True
    assert CheckIn.objects.count() == 2


def test_checkin_record_refusals(edition, volunteer, helene, today, tariff):
    with pytest.raises(PermissionDenied):
        services.checkin_record(registration=helene, day=today, by=UserFactory())
    with pytest.raises(ValidationError):
        services.checkin_record(
            registration=helene, day=today - datetime.timedelta(days=1), by=volunteer
        )
    cancelled = delegate(edition, tariff=tariff, name="Annulé", status=RegistrationStatus.CANCELLED)
    with pytest.raises(ValidationError):
        services.checkin_record(registration=cancelled, day=today, by=volunteer)
    assert CheckIn.objects.count() == 0


def test_checkin_record_after_another_desk_returns_the_other_desks_record(
    volunteer, organiser, helene, today
):
    theirs = CheckIn.objects.create(registration=helene, day=today, by=organiser)
    arrival = services.checkin_record(registration=helene, day=today, by=volunteer)
    assert (arrival.created, arrival.check_in) == (False, theirs)
    assert CheckIn.objects.count() == 1


def test_checkin_undo_deletes_and_audits(volunteer, helene, today):
    arrival = services.checkin_record(registration=helene, day=today, by=volunteer)
    with pytest.raises(PermissionDenied):
        services.checkin_undo(check_in=arrival.check_in, by=UserFactory())
    services.checkin_undo(check_in=arrival.check_in, by=volunteer)
    assert CheckIn.objects.count() == 0
    entry = AuditEntry.objects.get(action="checkin.undo")
    assert entry.details == {"day": today.isoformat()}


def test_certificate_settings_update(edition, organiser, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    signature = SimpleUploadedFile("signature.png", png_bytes(), content_type="image/png")
    saved = services.certificate_settings_update(
        congress=edition, by=organiser, issuer="CCAS du Mans", signatory_name="Marie Curie",
        signatory_title="Présidente", signature=signature,
    )  # fmt: skip
    assert saved.signature.name.startswith("certificates/signatures/")
    again = services.certificate_settings_update(
        congress=edition, by=organiser, issuer="Ville du Mans", signatory_name="Marie Curie",
        signatory_title="",
    )  # fmt: skip
    assert (again.pk, again.issuer, bool(again.signature)) == (saved.pk, "Ville du Mans", True)
    with pytest.raises(PermissionDenied):
        services.certificate_settings_update(
            congress=edition, by=UserFactory(), issuer="X", signatory_name="Y", signatory_title=""
        )
    assert CertificateSettings.objects.get().issuer == "Ville du Mans"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("signature.png", b"not an image at all", "not_image"),
        ("signature.gif", None, "not_image"),
        ("signature.png", b"x" * (1024 * 1024 + 1), "too_large"),
        ("signature.png", "huge", "too_many_pixels"),
    ],
)
def test_certificate_settings_refuse_bad_signatures(
    edition, organiser, settings, tmp_path, name, content, code
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    if content is None:
        content = png_bytes()
    elif content == "huge":
        content = png_bytes((3001, 10))
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        services.certificate_settings_update(
            congress=edition, by=organiser, issuer="CCAS", signatory_name="Marie",
            signatory_title="", signature=upload,
        )  # fmt: skip
    assert refused.value.error_dict["signature"][0].code == code
    assert CertificateSettings.objects.count() == 0
