"""Organisers' pages: dashboard, report page (foreword, generation, progress, download)."""

import pytest
from pypdf import PdfReader

from reports.models import Report, ReportSettings, ReportStatus
from tests.factories import UserFactory
from tests.reports.conftest import make_edition
from tests.spaces import plain

NNBSP = "\u202f"


def test_dashboard_shows_charts_with_their_figures(organiser_client, edition):
    response = organiser_client.get(f"/staff/{edition.congress.slug}/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 14
    for title in [
        "Propositions aux décideurs par état",
        "Propositions aux décideurs par thème",
        "Propositions par échelon visé",
        "Propositions par destinataire",
        "Soutiens aux propositions validées, par thème",
        "Inscriptions confirmées par semaine",
        "Commandes par état de paiement",
        "Participants par type de tarif",
        "Propositions d&#x27;ateliers par thème et par décision",
        "Relectures par thème",
        "Ateliers prévus par thème",  # the edition has not ended yet (issue 14)
        "Inscriptions et places libres dans les ateliers, par thème",
        "Organisations engagées par type",
        "Organisations engagées par département",
    ]:
        assert plain(f"Données du graphique : {title}") in plain(html), title
    figures = dict(response.context["dashboard"].figures)
    assert figures["participants (inscriptions confirmées)"] == "4"
    assert figures["places encore libres (sur 100)"] == "95"
    assert figures["inscription en attente de paiement"] == "1"  # a real singular (issue 14)
    assert figures["ateliers prévus"] == "2"
    assert figures["organisations engagées"] == "4"
    assert figures["départements représentés"] == "3"
    assert figures["propositions d'ateliers reçues"] == "4"
    assert figures["relectures du comité de programme"] == "3"
    assert figures["inscriptions aux ateliers"] == "3"
    assert figures["places en atelier"] == "80"
    assert figures["compte rendu d'atelier transmis (sur 2 ateliers)"] == "1"
    assert figures["propositions aux décideurs validées"] == "2"
    assert figures["soutiens de participants"] == "2"
    charts = {c.chart_id: c for c in response.context["dashboard"].charts}
    assert charts["chart-policy-levels"].rows == [
        ["National", "1", f"50{NNBSP}% des 2 propositions"],
        ["Européen", "1", f"50{NNBSP}% des 2 propositions"],
    ]
    assert charts["chart-policy-status"].rows == [
        ["Brouillon", "1", f"20{NNBSP}% des 5 propositions"],
        ["Validée", "2", f"40{NNBSP}% des 5 propositions"],
        ["Fusionnée", "1", f"20{NNBSP}% des 5 propositions"],
        ["Écartée", "1", f"20{NNBSP}% des 5 propositions"],
    ]
    assert charts["chart-endorsements"].rows[0] == [
        "Aide alimentaire",
        "2",
        f"100{NNBSP}% des 2 soutiens",
    ]
    assert figures["propositions relues (sur 4 envoyées au comité)"] == "2"
    assert figures["note moyenne des relectures (sur 5)"] == "2,92"
    orders = next(c for c in response.context["dashboard"].charts if c.chart_id == "chart-orders")
    assert plain(orders.rows) == plain(
        [
            ["En attente de paiement", "1", f"20{NNBSP}% des 5 commandes", "60,00\u00a0€"],
            ["Payée", "1", f"20{NNBSP}% des 5 commandes", "120,00\u00a0€"],
            [
                "En attente de mandat administratif",
                "1",
                f"20{NNBSP}% des 5 commandes",
                "90,00\u00a0€",
            ],
            ["Confirmée (gratuite)", "1", f"20{NNBSP}% des 5 commandes", "0,00\u00a0€"],
            ["Annulée", "1", f"20{NNBSP}% des 5 commandes", "0,00\u00a0€"],
        ]
    )
    seats = next(c for c in response.context["dashboard"].charts if c.chart_id == "chart-seats")
    assert seats.rows == [
        ["Aide alimentaire", "3", "37", "40"],
        ["Handicap-inclusion", "0", "40", "40"],
    ]


def test_staff_home_links_to_the_report_pages(organiser_client, edition):
    html = organiser_client.get("/staff/").content.decode()
    slug = edition.congress.slug
    for url in [f"/staff/{slug}/dashboard/", f"/staff/{slug}/report/", f"/staff/{slug}/exports/"]:
        assert f'href="{url}"' in html


@pytest.mark.parametrize("workshops", [1, 3])
def test_dashboard_queries_do_not_grow_with_the_edition(
    client, db, workshops, django_assert_num_queries
):
    edition = make_edition(workshops=workshops)
    client.force_login(edition.organiser)
    with django_assert_num_queries(42):  # + the survey answers' two figures
        response = client.get(f"/staff/{edition.congress.slug}/dashboard/")
    assert response.status_code == 200


@pytest.mark.parametrize("tracks", [1, 3])
def test_report_page_queries_do_not_grow_with_the_variants(
    client, db, tracks, django_assert_num_queries
):
    from tests.factories import TrackFactory

    edition = make_edition(workshops=1)
    for n in range(tracks - 1):
        TrackFactory(congress=edition.congress, slug=f"extra-{n}")
    client.force_login(edition.organiser)
    # session, user, congress, organiser check, settings, reports, tracks, addressees, the
    # pre-check (workshops, policy proposals), and the navigation's current edition and staff link
    with django_assert_num_queries(12):
        response = client.get(f"/staff/{edition.congress.slug}/report/")
    assert len(response.context["variants"]) == 1 + len(edition.tracks) + tracks - 1 + 6


def test_organiser_writes_the_foreword(organiser_client, edition):
    url = f"/staff/{edition.congress.slug}/report/"
    response = organiser_client.post(
        url, {"foreword": "  Premier paragraphe.\n\nSecond paragraphe.  ", "method": ""}
    )
    assert response.status_code == 302
    saved = ReportSettings.objects.get(congress=edition.congress)
    assert (saved.foreword, saved.updated_by) == (
        "Premier paragraphe.\n\nSecond paragraphe.",
        edition.organiser,
    )
    assert "Premier paragraphe." in organiser_client.get(url).content.decode()


def test_generate_then_follow_progress_then_download(
    organiser_client, edition, django_capture_on_commit_callbacks
):
    slug = edition.congress.slug
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            f"/staff/{slug}/report/generate/",
            {"scope": "track", "scope_value": "aide-alimentaire"},
        )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/{slug}/report/#report-track-aide-alimentaire"
    report = Report.objects.get(congress=edition.congress)
    assert report.status == ReportStatus.DONE
    progress = organiser_client.get(f"/staff/{slug}/report/{report.pk}/progress/").json()
    assert progress == {
        "status": "done",
        "status_label": "Prêt",
        "progress": 100,
        "stage": "Terminé",
        "busy": False,
        "download_url": f"/staff/{slug}/report/{report.pk}/download/",
    }
    page = organiser_client.get(f"/staff/{slug}/report/").content.decode()
    assert "6 pages, généré le" in page
    download = organiser_client.get(progress["download_url"])
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="rapport-{slug}-aide-alimentaire.pdf"'
    )
    reader = PdfReader(__import__("io").BytesIO(b"".join(download.streaming_content)))
    assert len(reader.pages) == 6


def test_report_pages_are_scoped_to_the_edition(client, edition, db):
    other = make_edition(workshops=1)
    report = Report.objects.create(congress=other.congress)
    client.force_login(edition.organiser)
    slug = edition.congress.slug
    assert client.get(f"/staff/{slug}/report/{report.pk}/progress/").status_code == 404
    assert client.get(f"/staff/{slug}/report/{report.pk}/download/").status_code == 404
    client.force_login(UserFactory())
    response = client.post(f"/staff/{slug}/report/generate/", {"scope": "full"})
    assert response.status_code == 403


def test_unknown_variant_shows_an_error(organiser_client, edition):
    response = organiser_client.post(
        f"/staff/{edition.congress.slug}/report/generate/",
        {"scope": "track", "scope_value": "nope"},
        follow=True,
    )
    assert "Ce rapport n&#x27;existe pas pour cette édition." in response.content.decode()
    assert Report.objects.count() == 0


def test_report_page_lists_what_is_missing_before_generating(organiser_client, edition):
    from proposals.outcomes.models import PolicyProposal
    from tests.factories import PolicyProposalFactory

    congress = edition.congress
    slug = congress.slug
    track = congress.tracks.order_by("order").first()
    PolicyProposalFactory.create_batch(2, congress=congress, track=track, status="submitted")
    lonely = PolicyProposalFactory(congress=congress, track=track, status="validated")
    lonely.addressees.clear()
    response = organiser_client.get(f"/staff/{slug}/report/")
    texts = [gap["text"] for gap in response.context["gaps"]]
    pending = PolicyProposal.objects.filter(congress=congress, status__in=["draft", "submitted"])
    assert f"{pending.count()} propositions ne sont pas encore validées." in texts
    assert "1 proposition validée n'a pas de destinataire." in texts
    assert "L'avant-propos n'est pas écrit." in texts
    html = response.content.decode()
    assert html.count('action="/staff/' + slug + '/report/generate/"') == 1
    # The single form sends the version chosen as « scope:value ».
    track_slug = track.slug
    response = organiser_client.post(f"/staff/{slug}/report/generate/",
                                     {"variant": f"track:{track_slug}"})  # fmt: skip
    assert response["Location"] == f"/staff/{slug}/report/#report-track-{track_slug}"
