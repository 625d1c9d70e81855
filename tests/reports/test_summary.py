"""The report for a parliamentary reader (issue 14): the executive summary « L'essentiel » and
its ten leading proposals, process figures in the method annex, chart tables in the annex,
partners' logos on the cover, the generation date in the colophon."""

import io
import re

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from congress.editions.partners import Partner
from proposals.outcomes.models import Endorsement
from reports.content import build_report
from reports.pdf import render_html, write_pdf
from reports.summary import leading_proposals, partner_logos
from tests.factories import PolicyProposalFactory, UserFactory

# rank in the food track -> (endorsements, also concerns the inclusion track)
MORE = {
    2: (1, False),
    3: (3, False),
    4: (2, True),
    5: (2, False),
    6: (0, True),
    7: (1, True),
    8: (0, False),
    9: (0, False),
    10: (1, False),
    11: (0, False),
}
# Most endorsements first; equal endorsements, most tracks first; then the proposal's number.
# Left out: 1.11 and 2.1 (no endorsement, one track, the last numbers).
EXPECTED = ["1.3", "1.1", "1.4", "1.5", "1.7", "1.2", "1.10", "1.6", "1.8", "1.9"]


def add_proposals(edition) -> None:
    """Ten more validated proposals in the first track: twelve in all with the fixture's two
    (1.1: two endorsements, two tracks; 2.1: none, one track)."""
    food, inclusion = edition.tracks
    for rank, (endorsements, transversal) in MORE.items():
        proposal = PolicyProposalFactory(
            congress=edition.congress, track=food, rank=rank, title=f"Proposition de rang {rank}"
        )
        if transversal:
            proposal.related_tracks.add(inclusion)
        for _ in range(endorsements):
            Endorsement.objects.create(proposal=proposal, user=UserFactory())


def png(colour: str) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def test_leading_proposals_are_ten_by_endorsements_then_tracks_then_number(edition):
    add_proposals(edition)
    report = build_report(edition.congress)
    assert report.policy_total == 12
    assert [p.number for p in report.leading] == EXPECTED
    assert [p.number for p in leading_proposals(report.leading, count=3)] == EXPECTED[:3]


def test_partner_logos_are_those_given(edition):
    Partner.objects.create(congress=edition.congress, name="Sans logo")
    with_logo = Partner(congress=edition.congress, name="Département de la Sarthe")
    with_logo.logo.save("sarthe.png", png("#c00"))
    logos = partner_logos(edition.congress)
    assert [logo.name for logo in logos] == ["Département de la Sarthe"]
    assert logos[0].uri.startswith("data:image/png;base64,iVBOR")


def test_organisers_upload_replace_and_remove_the_edition_logo(organiser_client, edition):
    url = f"/staff/{edition.congress.slug}/report/"
    data = {"foreword": "Avant-propos.", "method": ""}
    svg = SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'/>", "image/svg+xml")
    response = organiser_client.post(url, {**data, "logo": svg})
    assert response.status_code == 200
    assert "Le logo doit être une image PNG ou JPEG." in response.content.decode()
    edition.congress.refresh_from_db()
    assert not edition.congress.logo
    upload = SimpleUploadedFile("logo.png", png("#c00").read(), "image/png")
    assert organiser_client.post(url, {**data, "logo": upload}).status_code == 302
    edition.congress.refresh_from_db()
    first = edition.congress.logo.name
    assert first.startswith("editions/logo")
    storage = edition.congress.logo.storage
    upload = SimpleUploadedFile("nouveau.png", png("#0a0").read(), "image/png")
    assert organiser_client.post(url, {**data, "logo": upload}).status_code == 302
    edition.congress.refresh_from_db()
    assert edition.congress.logo.name.startswith("editions/nouveau")
    assert not storage.exists(first)
    # Saving the foreword again keeps the logo; the « clear » box removes it.
    assert organiser_client.post(url, data).status_code == 302
    edition.congress.refresh_from_db()
    assert edition.congress.logo.name.startswith("editions/nouveau")
    assert organiser_client.post(url, {**data, "logo-clear": "on"}).status_code == 302
    edition.congress.refresh_from_db()
    assert not edition.congress.logo


def test_report_opens_with_the_summary_and_keeps_process_figures_in_the_annex(edition):
    add_proposals(edition)
    edition.congress.logo.save("edition.png", png("#fff"))
    for name, colour in [("Département de la Sarthe", "#c00"), ("Région Pays de la Loire", "#0a0")]:
        partner = Partner(congress=edition.congress, name=name)
        partner.logo.save("logo.png", png(colour))
    document = render_html(build_report(edition.congress))
    target = io.BytesIO()
    write_pdf(document.html, target)
    reader = PdfReader(io.BytesIO(target.getvalue()))
    pages = [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]
    cover, summary = pages[0], " ".join(pages[1:3])
    # Cover: the edition's and the partners' logos, the organiser, no generation date.
    assert len(reader.pages[0].images) == 3
    assert "Ville du Mans et CCAS du Mans" in cover
    assert "généré" not in cover
    # The summary, on two pages before the contents: fil rouge, ten proposals in the stated
    # order, the body's key figures.
    assert pages[3].startswith("Sommaire")
    assert summary.startswith("L'essentiel")
    assert "Solidarité et Transversalité : où en sommes-nous ?" in summary
    assert "Le congrès a validé 12 propositions adressées aux décideurs politiques." in summary
    assert "Les 10 propositions principales" in summary
    listed = re.findall(r"\b(1\.\d+|2\.1) (?:Proposition de rang|Pérenniser|Un fonds)", summary)
    assert listed == EXPECTED
    assert "1.3 Proposition de rang 3" in summary
    assert "3 soutiens · 1 thème · page" in summary
    assert "0 soutien · 2 thèmes · page" in summary
    assert "organisations engagées" in summary
    # Process figures and the workshop proposals' chart: in the method annex, not in the body.
    method = next(n for n, page in enumerate(pages) if page.startswith("Annexe : méthode"))
    body, annex = " ".join(pages[1:method]), " ".join(pages[method:])
    for process in [
        "relectures du comité de programme",
        "propositions d'ateliers reçues",
        "places en atelier",
        "compte rendu d'atelier transmis (sur 2 ateliers)",
        "Propositions d'ateliers par thème et par décision",
        "Propositions d'ateliers reçues",
    ]:
        assert process not in body, process
    for process in [
        "relectures du comité de programme",
        "propositions d'ateliers reçues",
        "places en atelier",
        "compte rendu d'atelier transmis (sur 2 ateliers)",
        "Propositions d'ateliers par thème et par décision",
    ]:
        assert process in annex, process
    unhyphenated = annex.replace("\u2010 ", "")  # words hyphenated at the end of a line
    assert "classées par nombre de soutiens reçus des participants, puis" in unhyphenated
    # A chart's table is not in the body: the chart refers to it in the annex.
    assert "Données du graphique" not in body
    data_page = next(
        n for n, page in enumerate(pages) if "Données du graphique : Propositions aux" in page
    )
    assert data_page >= method
    assert f"Les données de ce graphique : tableau en annexe, page {data_page + 1}" in body
    # The colophon, last page: organiser, generation date, contact.
    colophon = pages[-1]
    assert colophon.startswith("Colophon")
    assert "Rapport publié par Ville du Mans et CCAS du Mans." in colophon
    assert re.search(r"Document généré le \d{1,2}(er)? \w+ \d{4}", colophon)
    assert "Contact : congres@example.org" in colophon
