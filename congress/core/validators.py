"""Validators for French identifiers. Messages are in French (the source language)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat as stdnum_eu_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

from congress.core.departements import DEPARTEMENTS

RNA_RE = re.compile(r"^W\d{9}$")
INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def normalise_siret(value: str) -> str:
    return stdnum_siret.compact(value or "")


def validate_siret(value: str) -> None:
    compact = normalise_siret(value)
    if not compact.isdigit() or len(compact) != 14:
        raise ValidationError(
            _("Le SIRET doit comporter exactement 14 chiffres (%(value)s)."),
            code="siret_length",
            params={"value": value},
        )
    try:
        stdnum_siret.validate(compact)
    except StdnumError:
        raise ValidationError(
            _("Ce numéro SIRET n'est pas valide : la clé de contrôle ne correspond pas."),
            code="siret_checksum",
        ) from None


def normalise_rna(value: str) -> str:
    return (value or "").replace(" ", "").upper()


def validate_rna(value: str) -> None:
    if not RNA_RE.match(normalise_rna(value)):
        raise ValidationError(
            _("Le numéro RNA doit être un W suivi de 9 chiffres (par exemple W723001234)."),
            code="rna_format",
        )


def validate_departement(value: str) -> None:
    if value not in DEPARTEMENTS:
        raise ValidationError(
            _("« %(value)s » n'est pas un code de département français."),
            code="departement",
            params={"value": value},
        )


def validate_insee_code(value: str) -> None:
    if not INSEE_RE.match(value or ""):
        raise ValidationError(
            _("Le code commune INSEE comporte 5 caractères (par exemple 72181)."),
            code="insee",
        )


def validate_hex_colour(value: str) -> None:
    if not re.match(r"^#[0-9a-fA-F]{6}$", value or ""):
        raise ValidationError(_("Couleur attendue au format #RRGGBB."), code="colour")


# Member states of the European Union, by ISO code (Greece's VAT numbers start with EL).
EU_COUNTRIES = {
    "AT": _("Autriche"), "BE": _("Belgique"), "BG": _("Bulgarie"), "CY": _("Chypre"),
    "CZ": _("Tchéquie"), "DE": _("Allemagne"), "DK": _("Danemark"), "EE": _("Estonie"),
    "ES": _("Espagne"), "FI": _("Finlande"), "FR": _("France"), "GR": _("Grèce"),
    "HR": _("Croatie"), "HU": _("Hongrie"), "IE": _("Irlande"), "IT": _("Italie"),
    "LT": _("Lituanie"), "LU": _("Luxembourg"), "LV": _("Lettonie"), "MT": _("Malte"),
    "NL": _("Pays-Bas"), "PL": _("Pologne"), "PT": _("Portugal"), "RO": _("Roumanie"),
    "SE": _("Suède"), "SI": _("Slovénie"), "SK": _("Slovaquie"),
}  # fmt: skip
VAT_PREFIXES = {"GR": "EL"}


def normalise_eu_vat(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value or "").upper()


def validate_eu_vat(value: str, country: str) -> None:
    """An EU VAT number, checked by python-stdnum, whose prefix is the organisation's country."""
    compact = normalise_eu_vat(value)
    prefix = VAT_PREFIXES.get(country, country)
    if compact[:2] != prefix:
        raise ValidationError(
            _("Le numéro de TVA doit commencer par le code du pays (%(prefix)s)."),
            code="vat_country",
            params={"prefix": prefix},
        )
    if not stdnum_eu_vat.is_valid(compact):
        raise ValidationError(
            _("Ce numéro de TVA intracommunautaire n'est pas valide."), code="vat_invalid"
        )
