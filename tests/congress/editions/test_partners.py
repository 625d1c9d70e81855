"""Partners and co-organisers on the edition page (issue 15)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from congress.editions.partners import Partner, validate_logo
from tests.factories import CongressFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [1, 3])
def test_the_edition_page_shows_partners_by_level(client, n):
    week = CongressFactory(kind="programme")
    Partner.objects.create(congress=week, name="Ville de Paris", level="co_organiser")
    for i in range(n - 1):
        Partner.objects.create(congress=week, name=f"Association {i}", url="https://example.org")
    response = client.get(week.get_absolute_url())
    page = response.content.decode()
    assert page.index("Co-organisateur") < page.index("Ville de Paris")
    assert [f"Association {i}" in page for i in range(n - 1)] == [True] * (n - 1)
    assert page.count('class="list-inline-item me-3 mb-2 partner"') == n


def test_partner_query_count_does_not_grow(client, django_assert_num_queries):
    week = CongressFactory(kind="programme")
    Partner.objects.create(congress=week, name="P0")
    client.get(week.get_absolute_url())
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # both reads render the page (congress/editions/cached.py)
    with CaptureQueriesContext(connection) as one:
        client.get(week.get_absolute_url())
    Partner.objects.create(congress=week, name="P1")
    Partner.objects.create(congress=week, name="P2", level="host")
    cache.clear()
    with django_assert_num_queries(len(one)):
        page = client.get(week.get_absolute_url()).content.decode()
    assert ("P1" in page, "P2" in page, "Lieu d&#x27;accueil" in page) == (True, True, True)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_logo_must_be_a_small_png_or_jpeg():
    validate_logo(SimpleUploadedFile("logo.png", png()))
    with pytest.raises(ValidationError, match="PNG ou JPEG"):
        validate_logo(SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'></svg>"))
    with pytest.raises(ValidationError, match="500 Ko"):
        validate_logo(SimpleUploadedFile("logo.png", png() + b"0" * 600 * 1024))
