"""The report as a PDF: content, table of contents, metadata, fingerprint, variants."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from congress.audit.models import AuditEntry
from reports import generation, services
from reports.content import build_report
from reports.models import Report, ReportScope, ReportStatus
from reports.pdf import render_html, write_pdf
from tests.factories import UserFactory
from tests.spaces import plain


def pdf_text(reader: PdfReader) -> list[str]:
    """Text of each page, with (non-breaking) spaces and line breaks as single spaces."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def render(edition, **scope) -> PdfReader:
    document = render_html(build_report(edition.congress, **scope))
    target = io.BytesIO()
    write_pdf(document.html, target)
    return PdfReader(io.BytesIO(target.getvalue()))


def test_full_report_has_cover_toc_chapters_annexes_and_metadata(edition):
    services.report_settings_update(
        congress=edition.congress,
        by=edition.organiser,
        foreword="Le Congrès a réuni les acteurs de la solidarité.\n\nMerci à tous.",
    )
    reader = render(edition)
    pages = pdf_text(reader)
    assert len(pages) == 16
    assert "2e Congrès national des Solidarités" in pages[0]
    assert "Propositions aux décideurs politiques" in pages[0]
    assert "Solidarité et Transversalité : où en sommes-nous ?" in pages[0]
    assert "Palais des Congrès et de la Culture" in pages[0]
    # The table of contents gives each chapter's page number.
    toc = pages[2]
    assert "Sommaire" in toc
    for title, page in [
        ("L'essentiel", 2),
        ("Avant-propos", 4),
        ("Le congrès en chiffres", 5),
        ("Thème 1 : L'aide alimentaire et la qualité", 7),
        ("Les propositions aux décideurs", 8),
        ("Thème 2 : Le handicap-inclusion", 9),
        ("Fil rouge et transversalité", 11),
        ("Annexe : les propositions par destinataire", 12),
        ("Annexe : organisations participantes", 13),
        ("Annexe : méthode", 14),
    ]:
        assert re.search(re.escape(title) + r"[ .]*" + str(page) + r"\b", toc), title
        assert title in pages[page - 1]
    assert "Le Congrès a réuni les acteurs de la solidarité." in pages[3]
    # Track chapter: the workshops with the outcome's findings, then the proposals.
    assert "Épicerie solidaire et dignité n° 1" in pages[6]
    assert "Constats. Les épiceries solidaires manquent de produits frais." in pages[6]
    assert "page 7 / 16" in pages[6]
    assert (
        "1.1 Pérenniser le financement des épiceries solidaires Des conventions "
        "pluriannuelles pour les épiceries solidaires."
    ) in pages[7]
    assert "Échelon visé National" in pages[7]
    assert "Destinataires Assemblée nationale (députés) ; Sénat (sénateurs)" in pages[7]
    assert "Autres thèmes concernés Le handicap-inclusion" in pages[7]
    assert "Portée par Épicerie solidaire du Maine Soutiens 2" in pages[7]
    assert "Ateliers d'origine Épicerie solidaire et dignité n° 1" in pages[7]
    assert "2.1 Un fonds européen pour l'inclusion des personnes handicapées" in pages[9]
    # Transversal proposals and the annex by addressee refer to the page of each proposal.
    assert re.search(
        r"1\.1 Pérenniser le financement des épiceries solidaires Aide alimentaire Handicap-inclusion 8\b",
        pages[10],
    )
    annex = pages[11]
    assert re.search(
        r"À l'attention des députés .*1\.1 Pérenniser le financement des épiceries solidaires National 2 8\b",
        annex,
    )
    assert "À l'attention des sénateurs" in annex
    assert re.search(
        r"À l'attention des députés européens .*2\.1 Un fonds européen pour l'inclusion des personnes handicapées Européen 0 10\b",
        annex,
    )
    assert "À l'attention du Gouvernement" not in annex  # no proposal for them
    assert "Solidarités de Corse" in pages[12]
    text = "".join(pages)
    for left_out in ["Association en brouillon", "Brouillon", "Écartée", "Doublon fusionné"]:
        assert left_out not in text
    # Key figures and the chart tables use French number formats.
    assert "75 %" in pages[14]
    # Metadata and accessibility: title, language, tags.
    assert reader.metadata.title == (
        "2e Congrès national des Solidarités – Propositions aux décideurs politiques"
    )
    assert reader.metadata.author == "Ville du Mans et CCAS du Mans"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "fr"
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in catalog
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]: font.get_object()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert set(fonts) == {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Serif", "DejaVu-Serif-Bold"}
    for font in fonts.values():  # embedded (subsets), not left to the reader's system
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor


def test_track_variant_only_has_that_track(edition):
    reader = render(edition, scope=ReportScope.TRACK, scope_value="handicap-inclusion")
    text = "".join(pdf_text(reader))
    assert "Thème « Le handicap-inclusion » : ateliers et propositions" in text
    assert "Thème 2 : Le handicap-inclusion" in text
    assert "2.1 Un fonds européen pour l'inclusion des personnes handicapées" in text
    assert "Pérenniser le financement des épiceries solidaires" not in text
    assert "Thème 1 : L'aide alimentaire" not in text
    assert "Le congrès en chiffres" not in text
    assert "L'essentiel" not in text
    assert len(reader.pages) == 6  # with the colophon


def test_addressee_variant_has_only_their_proposals(edition):
    reader = render(edition, scope=ReportScope.ADDRESSEE, scope_value="parlement-europeen")
    pages = pdf_text(reader)
    assert len(pages) == 5
    assert "Propositions à l'attention des députés européens" in pages[0]
    text = "".join(pages)
    assert "2.1 Un fonds européen pour l'inclusion des personnes handicapées" in text
    assert "Pérenniser le financement des épiceries solidaires" not in text
    assert "À l'attention des députés européens" in pages[2]
    assert "1 proposition validée par le congrès s'adresse à" in pages[2]


def test_unknown_variant_is_refused(edition):
    with pytest.raises(ValueError):
        build_report(edition.congress, scope=ReportScope.TRACK, scope_value="inconnu")
    with pytest.raises(ValidationError):
        services.report_request(
            congress=edition.congress, by=edition.organiser, scope="track", scope_value="x"
        )


def test_fingerprint_ignores_the_date_but_follows_the_data(edition):
    first = render_html(build_report(edition.congress))
    again = render_html(build_report(edition.congress))
    assert again.fingerprint == first.fingerprint
    from proposals.outcomes.models import PolicyProposal

    PolicyProposal.objects.filter(title__startswith="Pérenniser").update(statement="Autre.")
    changed = render_html(build_report(edition.congress))
    assert changed.fingerprint != first.fingerprint


def test_report_request_generates_the_file_with_the_immediate_backend(
    edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(
            congress=edition.congress,
            by=edition.organiser,
            scope=ReportScope.TRACK,
            scope_value="aide-alimentaire",
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert (report.progress, report.stage) == (100, "Terminé")
    assert report.page_count == 6
    assert report.task_id != ""
    assert report.file.name == "reports/" + f"{edition.congress.slug}-track-aide-alimentaire.pdf"
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert report.file_size == report.file.size
    assert list(
        AuditEntry.objects.filter(congress=edition.congress).values_list("action", flat=True)
    ) == ["report.requested"]


def test_generation_keeps_the_file_while_the_data_does_not_change(edition, monkeypatch):
    report = services.report_get_or_create(
        congress=edition.congress, scope=ReportScope.TRACK, scope_value="handicap-inclusion"
    )
    report = generation.report_generate(report=report)
    generated_at, name = report.generated_at, report.file.name

    def no_render(*args, **kwargs):
        raise AssertionError("the PDF must not be rendered again")

    monkeypatch.setattr(generation, "write_pdf", no_render)
    report = generation.report_generate(report=Report.objects.get(pk=report.pk))
    assert (report.generated_at, report.file.name, report.status) == (
        generated_at,
        name,
        ReportStatus.DONE,
    )
    assert plain(report.stage) == plain("À jour : les données n'ont pas changé, fichier conservé")
    monkeypatch.undo()
    edition.workshops[1].title = "Un atelier renommé"
    edition.workshops[1].save()
    report = generation.report_generate(report=Report.objects.get(pk=report.pk))
    assert report.generated_at > generated_at
    assert report.file.storage.exists(report.file.name)


def test_failed_generation_is_recorded_on_the_report(edition, monkeypatch):
    report = services.report_get_or_create(congress=edition.congress, scope=ReportScope.FULL)

    def broken(*args, **kwargs):
        raise RuntimeError("plus de place sur le disque")

    monkeypatch.setattr(generation, "write_pdf", broken)
    with pytest.raises(RuntimeError):
        generation.report_generate(report=report)
    report.refresh_from_db()
    assert (report.status, report.error) == (ReportStatus.FAILED, "plus de place sur le disque")


def test_a_running_request_is_not_queued_twice(edition, django_capture_on_commit_callbacks):
    report = services.report_get_or_create(congress=edition.congress, scope=ReportScope.FULL)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    # Running but never requested (a lost worker): it may be queued again.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.report_request(congress=edition.congress, by=edition.organiser)
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = services.report_request(congress=edition.congress, by=edition.organiser)
    assert callbacks == []
    assert again.status == ReportStatus.QUEUED


def test_only_organisers_request_reports_or_write_the_foreword(edition):
    someone = UserFactory()
    with pytest.raises(PermissionDenied):
        services.report_request(congress=edition.congress, by=someone)
    with pytest.raises(PermissionDenied):
        services.report_settings_update(congress=edition.congress, by=someone, foreword="x")


def test_export_report_command_writes_a_pdf(edition, tmp_path):
    output = tmp_path / "rapport.pdf"
    out = io.StringIO()
    call_command(
        "export_report",
        "--congress",
        edition.congress.slug,
        "--track",
        "aide-alimentaire",
        "--output",
        str(output),
        stdout=out,
    )
    reader = PdfReader(output)
    assert len(reader.pages) == 6
    assert out.getvalue().startswith(f"{output}: 6 pages in ")
    call_command(
        "export_report", "--congress", edition.congress.slug, "--addressee", "senat",
        "--output", str(output), stdout=out,
    )  # fmt: skip
    assert "Propositions à l'attention des sénateurs" in PdfReader(output).pages[0].extract_text()
    with pytest.raises(CommandError, match="No edition"):
        call_command("export_report", "--congress", "nope", "--output", str(output))
    with pytest.raises(CommandError, match="Unknown track"):
        call_command(
            "export_report", "--congress", edition.congress.slug, "--track", "x",
            "--output", str(output),
        )  # fmt: skip
