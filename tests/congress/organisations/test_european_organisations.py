"""Organisations outside France: an EU VAT number checked by python-stdnum, no département."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from congress.organisations import services
from congress.organisations.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

BELGIAN = {
    "kind": "association", "name": "Solidarité Bruxelles", "country": "BE",
    "vat_number": "BE 0776.091.951", "address": "Rue Haute 1", "postal_code": "1000",
    "commune": "Bruxelles", "contact_email": "contact@solidarite.be",
}  # fmt: skip


def errors(**fields) -> dict:
    with pytest.raises(ValidationError) as error:
        services.organisation_create(by=UserFactory(), **(BELGIAN | fields))
    assert not Organisation.objects.exists()
    return error.value.message_dict


def test_a_belgian_association_is_created_with_its_vat_number_compacted():
    organisation = services.organisation_create(by=UserFactory(), **BELGIAN)

    assert (organisation.country, organisation.vat_number) == ("BE", "BE0776091951")
    assert organisation.departement == ""


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"vat_number": "BE0776091952"},
         {"vat_number": ["Ce numéro de TVA intracommunautaire n'est pas valide."]}),
        ({"vat_number": "DE136695976"},
         {"vat_number": ["Le numéro de TVA doit commencer par le code du pays (BE)."]}),
        ({"vat_number": ""},
         {"vat_number": ["Le numéro de TVA intracommunautaire est obligatoire hors de France."]}),
        ({"address": ""}, {"address": ["L'adresse est obligatoire hors de France."]}),
        ({"departement": "72", "siret": "73282932000074"},
         {"departement": ["Seules les organisations établies en France ont ce champ."],
          "siret": ["Seules les organisations établies en France ont ce champ."]}),
        ({"country": "US"}, {"country": ["La valeur «\xa0'US'\xa0» n’est pas un choix valide."]}),
    ],
    ids=["checksum", "other-country", "missing", "no-address", "french-fields", "outside-eu"],
)  # fmt: skip
def test_a_european_organisation_is_refused_with_a_french_message(fields, expected):
    assert errors(**fields) == expected


def test_a_greek_vat_number_starts_with_el():
    organisation = services.organisation_create(
        by=UserFactory(), **(BELGIAN | {"country": "GR", "vat_number": "EL094259216"})
    )
    assert organisation.vat_number == "EL094259216"


def test_france_keeps_its_siret_rules():
    french = BELGIAN | {"country": "FR", "vat_number": "", "departement": "", "kind": "ccas"}

    with pytest.raises(ValidationError) as error:
        services.organisation_create(by=UserFactory(), **french)

    assert error.value.message_dict == {"departement": ["Indiquez le département."]}
    with pytest.raises(ValidationError) as error:
        services.organisation_create(by=UserFactory(), **(french | {"departement": "72"}))
    assert error.value.message_dict == {
        "siret": ["Le SIRET est obligatoire pour un organisme public."]
    }


def test_a_french_organisation_may_give_a_valid_french_vat_number():
    organisation = OrganisationFactory(vat_number="FR40303265045")
    organisation.full_clean()
    organisation.vat_number = "BE0776091951"

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert error.value.message_dict == {
        "vat_number": ["Le numéro de TVA doit commencer par le code du pays (FR)."]
    }


def test_the_api_refuses_a_bad_vat_number_in_french_and_in_english():
    api = APIClient()
    api.force_authenticate(UserFactory())
    body = BELGIAN | {"vat_number": "BE0776091952"}

    french = api.post("/api/v1/organisations/", body, format="json")
    english = api.post("/api/v1/organisations/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert (french.status_code, english.status_code) == (400, 400)
    assert french.json() == {
        "vat_number": ["Ce numéro de TVA intracommunautaire n'est pas valide."]
    }
    assert english.json() == {"vat_number": ["This intra-EU VAT number is not valid."]}
    assert not Organisation.objects.exists()


def test_the_api_creates_a_european_organisation():
    api = APIClient()
    api.force_authenticate(UserFactory())

    response = api.post("/api/v1/organisations/", BELGIAN, format="json")

    assert response.status_code == 201
    assert (response.json()["country"], response.json()["vat_number"]) == ("BE", "BE0776091951")


def test_the_form_and_the_directory_show_the_country(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("organisation_create"), BELGIAN)

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    organisation.public_listing = True
    organisation.save()
    directory = client.get(reverse("organisation_list")).content.decode()
    assert "<td>Belgique</td>" in directory
    detail = client.get(organisation.get_absolute_url()).content.decode()
    assert "BE0776091951" in detail
