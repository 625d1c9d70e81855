"""Bank statements as French banks export them: each variant read, malformed files refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from congress.payments.transfers.statements import StatementLine, parse_statement
from tests.spaces import plain


def test_semicolon_decimal_comma_utf8_with_bom_keeps_credits_only():
    raw = (
        "\ufeffDate;Libellé;Montant\n"
        "01/03/2027;VIR SEPA RECU /DE CCAS DU MANS /MOTIF CMD-1-00013;180,00\n"
        "02/03/2027;PRLV FRAIS BANCAIRES;-12,50\n"
        "03/03/2027;VIR ASSO ENTRAIDE CMD 1 00014;1 234,56\n"
    ).encode()

    assert parse_statement(raw) == [
        StatementLine(2, date(2027, 3, 1), "VIR SEPA RECU /DE CCAS DU MANS /MOTIF CMD-1-00013",
                      Decimal("180.00")),
        StatementLine(4, date(2027, 3, 3), "VIR ASSO ENTRAIDE CMD 1 00014", Decimal("1234.56")),
    ]  # fmt: skip


def test_latin1_credit_debit_columns_below_the_account_details():
    raw = (
        "Compte courant n° 12345678901;;;;\n"
        "Période du 01/03/2027 au 31/03/2027;;;;\n"
        ";;;;\n"
        "Date opération;Date valeur;Libellé opération;Débit euros;Crédit euros\n"
        "05/03/27;06/03/27;VIREMENT DE LA MAIRIE CMD100015;;90,00\n"
        "07/03/27;07/03/27;CARTE 06/03 BOULANGERIE;4,20;\n"
        "Solde au 31/03/2027;;;;1 000,00\n"
    ).encode("cp1252")

    assert parse_statement(raw) == [
        StatementLine(5, date(2027, 3, 5), "VIREMENT DE LA MAIRIE CMD100015", Decimal("90.00"))
    ]


def test_comma_separated_iso_dates_and_euro_signs():
    raw = ('date,libelle,montant\n2027-03-10,"Virement CMD-1-00016 Assoc",+60.00 €\n').encode()

    assert parse_statement(raw) == [
        StatementLine(2, date(2027, 3, 10), "Virement CMD-1-00016 Assoc", Decimal("60.00"))
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"nom;prenom\nDupont;Jean\n",
         "Ce fichier n'a pas les colonnes d'un relevé bancaire : il faut au moins une date, un "
         "libellé et un montant (ou des colonnes crédit et débit)."),
        ("Date;Libellé;Montant\n31/02/2027;VIR CMD-1-00013;180,00\n".encode(),
         "Ligne 2 illisible : date ou montant inattendu (31/02/2027;VIR CMD-1-00013;180,00)."),
        ("Date;Libellé;Montant\n01/03/2027;VIR CMD-1-00013;cent euros\n".encode(),
         "Ligne 2 illisible : date ou montant inattendu (01/03/2027;VIR CMD-1-00013;cent euros)."),
        ("Date;Libellé;Montant\n01/03/2027;FRAIS;-3,00\n".encode(),
         "Aucun crédit dans ce relevé : rien à rapprocher."),
        (b"Date;Libell\xc3\xa9;Montant\n" + b"x" * (2 * 1024 * 1024),
         "Le relevé dépasse 2 Mo : exportez une période plus courte."),
        (("Date;Libellé;Montant\n" + "01/03/2027;VIR;1,00\n" * 5001).encode(),
         "Le relevé compte trop de lignes : exportez une période plus courte."),
        (b'Date;Libell\xc3\xa9;Montant\n01/03/2027;"' + b"x" * 200_000 + b";1,00\n",
         "Ce fichier n'est pas un CSV lisible."),
    ],
    ids=["no-header", "bad-date", "bad-amount", "no-credit", "too-big", "too-long", "huge-field"],
)  # fmt: skip
def test_a_malformed_statement_is_refused_with_a_clear_message(raw, message):
    with pytest.raises(ValidationError) as error:
        parse_statement(raw)

    assert plain(error.value.messages) == plain([message])
