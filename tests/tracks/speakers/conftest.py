"""An edition and its organiser, a small PNG to upload, and speakers' photos kept in the test's
own private folder (the files that ask for it: `pytest.mark.usefixtures("private_root")`)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import CongressFactory, UserFactory


def png(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def edition():
    return CongressFactory()


@pytest.fixture
def organiser(edition):
    user = UserFactory()
    edition.organisers.add(user)
    return user
