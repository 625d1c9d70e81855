"""The hall plan's image (issue 15): organisers upload it (PNG, JPEG or WebP, checked by content),
describe it in words, and publish it; until then only they see it, served by a checking view."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from congress.audit.models import AuditEntry
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tracks.stands import services
from tracks.stands.models import StandHall, validate_hall_plan

pytestmark = pytest.mark.django_db


def image(kind="PNG", size=(8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture
def evening(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    congress = CongressFactory(slug="soiree", kind="evening")
    congress.organiser = UserFactory()
    congress.organisers.add(congress.organiser)
    return congress


def test_the_plan_accepts_png_jpeg_and_webp_by_content_and_name():
    for kind, name in (("PNG", "plan.png"), ("JPEG", "plan.jpg"), ("WEBP", "plan.webp")):
        validate_hall_plan(SimpleUploadedFile(name, image(kind)))
    refused = [
        ("plan.svg", b"<svg onload='alert(1)'></svg>", "not_image"),
        ("plan.gif", image("GIF"), "not_image"),
        ("plan.png", image("JPEG"), "not_image"),  # the name lies about the content
        ("plan.png", image() + b"0" * (3 * 1024 * 1024), "too_large"),
        ("plan.png", image(size=(6001, 10)), "too_many_pixels"),
    ]
    for name, content, code in refused:
        with pytest.raises(ValidationError) as error:
            validate_hall_plan(SimpleUploadedFile(name, content))
        assert error.value.code == code, name


def test_an_organiser_uploads_a_draft_then_publishes_it(client, evening):
    client.force_login(evening.organiser)
    response = client.post(
        reverse("stand_plan_upload", args=[evening.slug]),
        {"plan-plan_image": SimpleUploadedFile("salle.png", image()),
         "plan-plan_description": "Salon des Arcades à gauche, stands 1 à 25 ; salle des fêtes à droite."},
    )  # fmt: skip
    assert response.status_code == 302
    hall = StandHall.objects.get(congress=evening)
    assert (hall.plan_published, hall.plan_image.name.startswith("stands/plans/")) == (False, True)
    assert "private" in Path(hall.plan_image.path).parts  # never under the public media root
    own = client.get(reverse("stand_plan_image", args=[evening.slug]))
    assert (own.status_code, own["Content-Type"], own["X-Content-Type-Options"]) == (
        200, "image/png", "nosniff"
    )  # fmt: skip
    assert "Brouillon" in plain(
        client.get(reverse("stand_plan", args=[evening.slug])).content.decode()
    )
    client.logout()
    assert client.get(reverse("stand_plan_image", args=[evening.slug])).status_code == 404
    assert (
        'id="hall-plan"'
        not in client.get(reverse("stand_list", args=[evening.slug])).content.decode()
    )

    services.stand_plan_set(
        congress=evening, by=evening.organiser, plan_image=None,
        plan_description=hall.plan_description, plan_published=True,
    )  # fmt: skip
    page = client.get(reverse("stand_list", args=[evening.slug])).content.decode()
    assert 'alt="Salon des Arcades à gauche, stands 1 à 25 ; salle des fêtes à droite."' in page
    assert "Brouillon" not in page
    served = client.get(reverse("stand_plan_image", args=[evening.slug]))
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    assert AuditEntry.objects.filter(action="stands.plan").count() == 2


def test_a_plan_needs_its_text_alternative_and_a_bad_file_changes_nothing(client, evening):
    client.force_login(evening.organiser)
    url = reverse("stand_plan_upload", args=[evening.slug])
    response = client.post(url, {"plan-plan_image": SimpleUploadedFile("salle.png", image())})
    assert response.status_code == 400
    assert "Décrivez le plan" in plain(response.content.decode())
    response = client.post(
        url, {"plan-plan_image": SimpleUploadedFile("salle.svg", b"<svg/>"),
              "plan-plan_description": "Plan"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "PNG, JPEG ou WebP" in plain(response.content.decode())
    assert StandHall.objects.filter(congress=evening).exists() is False


def test_replacing_or_removing_the_plan_deletes_the_old_file(
    evening, django_capture_on_commit_callbacks
):
    def upload(name):
        return SimpleUploadedFile(name, image())

    with django_capture_on_commit_callbacks(execute=True):
        first = services.stand_plan_set(
            congress=evening, by=evening.organiser, plan_image=upload("a.png"),
            plan_description="Plan", plan_published=True,
        ).plan_image.path  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        second = services.stand_plan_set(
            congress=evening, by=evening.organiser, plan_image=upload("b.png"),
            plan_description="Plan", plan_published=True,
        ).plan_image.path  # fmt: skip
    assert (Path(first).exists(), Path(second).exists()) == (False, True)
    with django_capture_on_commit_callbacks(execute=True):
        hall = services.stand_plan_set(
            congress=evening, by=evening.organiser, plan_image=False,
            plan_description="", plan_published=True,
        )  # fmt: skip
    assert (hall.plan_image.name, hall.plan_published, Path(second).exists()) == ("", False, False)


def test_only_organisers_set_the_plan(evening):
    for someone in (UserFactory(), UserFactory(is_active=False)):
        with pytest.raises(PermissionDenied):
            services.stand_plan_set(
                congress=evening, by=someone, plan_image=None, plan_description="",
                plan_published=False,
            )  # fmt: skip
    assert StandHall.objects.filter(congress=evening).exists() is False


def test_without_an_image_there_is_no_plan_to_see_even_for_organisers(evening):
    from tracks.stands.permissions import can_see_hall_plan

    hall = StandHall.objects.create(congress=evening, plan_published=True)
    assert can_see_hall_plan(evening.organiser, hall) is False


def test_the_board_removes_the_plan(client, evening, django_capture_on_commit_callbacks):
    services.stand_plan_set(
        congress=evening, by=evening.organiser, plan_image=SimpleUploadedFile("a.png", image()),
        plan_description="Plan", plan_published=True,
    )  # fmt: skip
    client.force_login(evening.organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stand_plan_upload", args=[evening.slug]),
            {"plan-remove_plan": "on", "plan-plan_description": "Plan"},
        )
    assert response.status_code == 302
    assert StandHall.objects.get(congress=evening).plan_image.name == ""


def test_removing_the_plan_with_its_description_emptied_works(
    client, evening, django_capture_on_commit_callbacks
):
    """The model's rule (an image needs its description) ran on the form before the removal and
    refused it."""
    services.stand_plan_set(
        congress=evening, by=evening.organiser, plan_image=SimpleUploadedFile("a.png", image()),
        plan_description="Plan", plan_published=True,
    )  # fmt: skip
    old = StandHall.objects.get(congress=evening).plan_image.path
    client.force_login(evening.organiser)
    url = reverse("stand_plan_upload", args=[evening.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"plan-remove_plan": "on", "plan-plan_description": "", "plan-plan_published": "on",
             "plan-plan_image": SimpleUploadedFile("b.png", image())},
        )  # fmt: skip
    assert response.status_code == 302
    hall = StandHall.objects.get(congress=evening)
    assert (hall.plan_image.name, hall.plan_description, hall.plan_published) == ("", "", False)
    assert not Path(old).exists()
    assert AuditEntry.objects.filter(action="stands.plan").count() == 2
    # Without the removal, an image still needs its description.
    refused = client.post(
        url, {"plan-plan_description": "", "plan-plan_image": SimpleUploadedFile("c.png", image())}
    )
    assert refused.status_code == 400
    assert StandHall.objects.get(congress=evening).plan_image.name == ""
