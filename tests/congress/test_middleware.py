"""congress.core.middleware: malformed input is a 400 before any view; the health check."""

import logging

import pytest

from tests.factories import CongressFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def test_nul_byte_in_an_api_path_is_a_json_400(client):
    response = client.get("/api/v1/organisations/%00/")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert plain(response.json()) == plain(
        {
            "detail": "Requête invalide : l'adresse ou le formulaire contient des caractères nuls "
            "ou un encodage autre que l'UTF-8."
        }
    )


@pytest.mark.parametrize("query", ["track=%00", "track=%C0%80", "track=%FF", "%00=1"])
def test_nul_or_non_utf8_query_on_a_page_is_an_html_400(client, query):
    congress = CongressFactory(slug="le-mans-2024")
    response = client.get(f"/congresses/{congress.slug}/programme/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Requête invalide" in response.text
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_nul_byte_in_a_form_field_is_a_400(client):
    response = client.post(
        "/account/login/",
        "username=louise%00%40example.org&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_well_formed_utf8_passes(client):
    response = client.get("/organisations/?q=%C3%89picerie")
    assert response.status_code == 200


def test_health_check_answers_plain_http_and_an_ip_host_without_logging_an_error(
    client, settings, caplog
):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    settings.ALLOWED_HOSTS = ["congres.example.org"]
    with caplog.at_level(logging.WARNING):
        response = client.get("/healthz/", HTTP_HOST="10.0.0.12:8000")
    assert (response.status_code, response.text) == (200, "ok")
    assert response["Cache-Control"] == "no-store"
    assert caplog.records == []
    # Anything else still goes through host validation and the HTTPS redirect.
    assert client.get("/", HTTP_HOST="10.0.0.12:8000").status_code == 400
    assert client.get("/", HTTP_HOST="congres.example.org").status_code == 301
