import pytest
from django.core.exceptions import ValidationError

from congress.core.validators import (
    validate_departement,
    validate_insee_code,
    validate_rna,
    validate_siret,
)


@pytest.mark.parametrize("value", ["73282932000074", "732 829 320 00074", "35600000000048"])
def test_siret_valid_is_accepted(value):
    validate_siret(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("73282932000075", "siret_checksum"),
        ("7328293200007", "siret_length"),
        ("ABCDEFGHIJKLMN", "siret_length"),
        ("", "siret_length"),
    ],
)
def test_siret_invalid_gives_french_message(value, code):
    with pytest.raises(ValidationError) as error:
        validate_siret(value)
    assert error.value.code == code
    assert "SIRET" in str(error.value.messages[0]) or "clé de contrôle" in error.value.messages[0]


@pytest.mark.parametrize("value", ["W723001234", "w723001234", "W 723 001 234"])
def test_rna_valid_is_accepted(value):
    validate_rna(value)


@pytest.mark.parametrize("value", ["723001234", "W72300123", "W7230012345", "X723001234"])
def test_rna_invalid_is_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_rna(value)
    assert error.value.messages == [
        "Le numéro RNA doit être un W suivi de 9 chiffres (par exemple W723001234)."
    ]


@pytest.mark.parametrize("value", ["01", "2A", "2B", "72", "95", "971", "976"])
def test_departement_valid(value):
    validate_departement(value)


@pytest.mark.parametrize("value", ["20", "96", "00", "975", "2C", "7"])
def test_departement_invalid(value):
    with pytest.raises(ValidationError):
        validate_departement(value)


@pytest.mark.parametrize(("value", "ok"), [("72181", True), ("2A004", True), ("7218", False)])
def test_insee_code(value, ok):
    if ok:
        validate_insee_code(value)
    else:
        with pytest.raises(ValidationError):
            validate_insee_code(value)
