"""CSV / XLSX downloads and the JSON export API."""

import io
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from congress.audit.models import AuditEntry
from reports import exports
from tests.factories import UserFactory
from tests.reports.conftest import make_edition


def download(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_export_has_a_bom_commas_and_the_rows(organiser_client, edition):
    url = f"/staff/{edition.congress.slug}/exports/workshop-proposals.csv"
    response = organiser_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{edition.congress.slug}-workshop-proposals.csv"'
    )
    body = download(response)
    assert body.startswith("\ufeffIdentifiant,Titre,".encode())
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig")
    assert list(frame.columns) == [str(c.label) for c in exports.WORKSHOP_PROPOSALS.columns]
    assert len(frame) == 5
    first = frame[frame["Identifiant"] == edition.proposals[0].pk].iloc[0]
    assert first["Titre"] == "Épicerie solidaire et dignité n° 1"
    assert first["Organisation"] == "Épicerie solidaire du Maine"
    assert first["Co-organisations"] == "Solidarités de Corse"
    assert first["Thèmes associés"] == "Le handicap-inclusion"
    assert first["État"] == "Acceptée"
    assert first["Relectures"] == 2
    assert first["Note moyenne"] == 3.75
    assert AuditEntry.objects.get(congress=edition.congress).details == {
        "table": "workshop-proposals"
    }


def test_semicolon_csv_uses_decimal_commas_and_round_trips_accents(organiser_client, edition):
    response = organiser_client.get(
        f"/staff/{edition.congress.slug}/exports/reviews.csv?sep=semicolon"
    )
    body = download(response)
    assert body.decode("utf-8-sig").splitlines()[0].startswith("Identifiant;Proposition;")
    assert ";3,50;" in body.decode("utf-8-sig")
    frame = pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig")
    assert sorted(frame["Note pondérée"].tolist()) == [1.25, 3.5, 4.0]
    assert set(frame["Commentaire pour le comité"]) == {"Expérience transposable, bien documentée."}
    assert frame["Thème"].tolist().count("L'aide alimentaire et la qualité") == 3


def test_organisation_export_names_the_departement(organiser_client, edition):
    body = download(
        organiser_client.get(f"/staff/{edition.congress.slug}/exports/organisations.csv")
    )
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype={"Département": str})
    rows = frame.set_index("Nom")
    assert list(rows.index) == [
        "Bénévoles de la Sarthe",
        "CCAS du Mans",
        "Solidarités de Corse",
        "Épicerie solidaire du Maine",
    ]
    assert rows.loc["Solidarités de Corse", "Département"] == "2A"
    assert rows.loc["Solidarités de Corse", "Nom du département"] == "Corse-du-Sud"
    assert rows.loc["CCAS du Mans", "Type"] == "CCAS / CIAS"
    assert rows.loc["CCAS du Mans", "Propositions d'ateliers"] == 3
    assert rows.loc["Épicerie solidaire du Maine", "Annuaire public"] == "oui"


def test_xlsx_export_has_one_typed_sheet_per_table(organiser_client, edition):
    response = organiser_client.get(f"/staff/{edition.congress.slug}/exports/all.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    content = download(response)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "Organisations",
        "Inscriptions",
        "Commandes et paiements",
        "Propositions d'ateliers",
        "Relectures",
        "Ateliers",
        "Comptes rendus d'ateliers",
        "Propositions aux décideurs",
    ]
    sheet = workbook["Ateliers"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 45
    header = [c.value for c in sheet[1]]
    assert header == [str(c.label) for c in exports.WORKSHOPS.columns]
    first = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert first["Atelier"].value == "Épicerie solidaire et dignité n° 1"
    assert isinstance(first["Début"].value, datetime)
    assert first["Début"].number_format == "dd/mm/yyyy hh:mm"
    assert (first["Places"].value, first["Inscrits"].value) == (40, 3)
    assert first["Places"].data_type == "n"
    frames = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype={"SIRET": str})
    assert frames["Relectures"]["Note pondérée"].dtype == "float64"
    assert str(frames["Propositions d'ateliers"]["Programmée le"].dtype).startswith("datetime64")
    assert len(frames["Organisations"]) == 4
    assert frames["Organisations"]["SIRET"].str.len().tolist() == [14, 14, 14, 14]


def test_exports_are_for_organisers_only(client, edition):
    client.force_login(UserFactory())
    slug = edition.congress.slug
    for url in [
        f"/staff/{slug}/exports/",
        f"/staff/{slug}/exports/reviews.csv",
        f"/staff/{slug}/exports/all.xlsx",
        f"/staff/{slug}/dashboard/",
        f"/staff/{slug}/report/",
    ]:
        assert client.get(url).status_code == 403, url
    assert AuditEntry.objects.count() == 0


def test_unknown_table_is_404(organiser_client, edition):
    assert organiser_client.get(f"/staff/{edition.congress.slug}/exports/x.csv").status_code == 404


@pytest.mark.parametrize("workshops", [1, 3])
def test_csv_export_queries_do_not_grow_with_rows(client, db, workshops, django_assert_num_queries):
    edition = make_edition(workshops=workshops)
    client.force_login(edition.organiser)
    url = f"/staff/{edition.congress.slug}/exports/workshops.csv"
    # session, user, congress, organiser check, audit entry (savepoint + insert + release), rows
    with django_assert_num_queries(8):
        body = download(client.get(url))
    assert len(body.decode("utf-8-sig").strip().splitlines()) == workshops + 1


@pytest.mark.parametrize("workshops", [1, 3])
def test_api_export_table_is_paginated_with_constant_queries(
    db, workshops, django_assert_num_queries
):
    edition = make_edition(workshops=workshops)
    api = APIClient()
    api.force_authenticate(edition.organiser)
    url = f"/api/v1/congresses/{edition.congress.slug}/exports/workshops/"
    with django_assert_num_queries(4):  # congress, organiser check, count, page
        response = api.get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == workshops
    assert len(data["results"]) == workshops
    assert data["columns"][0] == {"key": "pk", "label": "Identifiant", "type": "int"}
    first = data["results"][0]
    assert first["title"] == "Épicerie solidaire et dignité n° 1"
    assert first["signup_count"] == 3
    assert first["starts_at"].startswith(str(edition.congress.start_date))


def test_api_export_pages_and_permissions(db):
    edition = make_edition(workshops=3)
    api = APIClient()
    slug = edition.congress.slug
    assert api.get(f"/api/v1/congresses/{slug}/exports/").status_code in (401, 403)
    api.force_authenticate(UserFactory())
    assert api.get(f"/api/v1/congresses/{slug}/exports/workshops/").status_code == 403
    api.force_authenticate(edition.organiser)
    listing = api.get(f"/api/v1/congresses/{slug}/exports/").json()
    assert [t["name"] for t in listing] == [
        "organisations",
        "registrations",
        "payments",
        "workshop-proposals",
        "reviews",
        "workshops",
        "outcomes",
        "policy-proposals",
    ]
    page = api.get(f"/api/v1/congresses/{slug}/exports/workshop-proposals/?page_size=2&page=3")
    assert page.json()["count"] == 6
    assert len(page.json()["results"]) == 2
    assert api.get(f"/api/v1/congresses/{slug}/exports/nope/").status_code == 404


def test_registration_and_payment_exports(organiser_client, edition):
    slug = edition.congress.slug
    body = download(organiser_client.get(f"/staff/{slug}/exports/registrations.csv?sep=semicolon"))
    frame = pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(frame) == 6
    elodie = frame[frame["Nom"] == "Élodie Lefèvre"].iloc[0]
    assert (elodie["Organisation"], elodie["Prix (€)"], elodie["Statut"], elodie["LSF"]) == (
        "Épicerie solidaire du Maine",
        60.0,
        "Confirmée",
        "oui",
    )
    assert elodie["Paiement"] == "Carte bancaire"
    assert sorted(frame["Statut"].value_counts().items()) == [
        ("Annulée", 1),
        ("Confirmée", 4),
        ("En attente de paiement", 1),
    ]
    payments = pd.read_csv(
        io.BytesIO(download(organiser_client.get(f"/staff/{slug}/exports/payments.csv"))),
        encoding="utf-8-sig",
    )
    mandate = payments[payments["Code service"] == "SOLIDARITES"].iloc[0]
    assert (mandate["Organisation"], mandate["Total (€)"], mandate["État"]) == (
        "CCAS du Mans",
        90.0,
        "En attente de mandat administratif",
    )
    assert mandate["Inscriptions"] == 1
    assert payments["Total (€)"].sum() == 270.0


def test_outcome_and_policy_proposal_exports(organiser_client, edition):
    slug = edition.congress.slug
    body = download(
        organiser_client.get(f"/staff/{slug}/exports/policy-proposals.csv?sep=semicolon")
    )
    frame = pd.read_csv(io.BytesIO(body), sep=";", encoding="utf-8-sig").set_index("Titre")
    assert len(frame) == 5
    first = frame.loc["Pérenniser le financement des épiceries solidaires"]
    assert first["État"] == "Validée"
    assert first["Échelon"] == "National"
    assert first["Thème principal"] == "L'aide alimentaire et la qualité"
    assert first["Thèmes associés"] == "Le handicap-inclusion"
    assert first["Destinataires"] == "Assemblée nationale (députés), Sénat (sénateurs)"
    assert first["Organisations qui la portent"] == "Épicerie solidaire du Maine"
    assert first["Ateliers d'origine"] == "Épicerie solidaire et dignité n° 1"
    assert first["Soutiens"] == 2
    merged = frame.loc["Doublon fusionné"]
    assert (merged["État"], merged["Fusionnée dans"]) == ("Fusionnée", first["Identifiant"])
    outcomes = pd.read_csv(
        io.BytesIO(download(organiser_client.get(f"/staff/{slug}/exports/outcomes.csv"))),
        encoding="utf-8-sig",
    )
    assert outcomes[["Atelier", "État", "Participants", "Propositions"]].values.tolist() == [
        ["Épicerie solidaire et dignité n° 1", "Transmis", 25, 1]
    ]
    assert outcomes.loc[0, "Constats"] == "Les épiceries solidaires manquent de produits frais."
    assert outcomes.loc[0, "Organisations présentes"] == "Épicerie solidaire du Maine"


@pytest.mark.parametrize("extra", [1, 3])
def test_api_policy_export_queries_do_not_grow(db, extra, django_assert_num_queries):
    from tests.factories import PolicyProposalFactory

    edition = make_edition(workshops=1)
    for _ in range(extra):
        proposal = PolicyProposalFactory(congress=edition.congress, track=edition.tracks[0])
        proposal.related_tracks.add(edition.tracks[1])
        proposal.sources.add(edition.workshops[0])
    api = APIClient()
    api.force_authenticate(edition.organiser)
    url = f"/api/v1/congresses/{edition.congress.slug}/exports/policy-proposals/"
    with django_assert_num_queries(4):  # congress, organiser check, count, page
        response = api.get(url)
    assert response.json()["count"] == 5 + extra


@pytest.mark.parametrize("workshops", [1, 3])
def test_xlsx_export_queries_do_not_grow_with_rows(
    client, db, workshops, django_assert_num_queries
):
    edition = make_edition(workshops=workshops)
    client.force_login(edition.organiser)
    url = f"/staff/{edition.congress.slug}/exports/workshops.xlsx"
    with django_assert_num_queries(8):
        response = client.get(url)
        body = download(response) if response.streaming else response.content
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(w.title for w in edition.workshops)
