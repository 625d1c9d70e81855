import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congress.editions.models import Congress
from reports.content import build_report
from reports.models import ReportScope
from reports.pdf import render_html, write_pdf


class Command(BaseCommand):
    help = (
        "Write the proposals report of an edition to a PDF file, right away (no worker needed). "
        "--track <slug> for one track's report, --addressee <code> for one addressee's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--congress", required=True, help="Slug of the edition.")
        parser.add_argument("--track", default="", help="Slug of a track: that track only.")
        parser.add_argument("--addressee", default="", help="Code of an addressee: theirs only.")
        parser.add_argument("--output", required=True, help="Path of the PDF to write.")
        parser.add_argument("--html", default="", help="Also write the HTML to this path.")

    def handle(self, *args, congress, track, addressee, output, html, **options):
        edition = Congress.objects.filter(slug=congress).first()
        if edition is None:
            raise CommandError(f"No edition with the slug « {congress} ».")
        if track and addressee:
            raise CommandError("Choose --track or --addressee, not both.")
        scope, value = ReportScope.FULL, ""
        if track:
            scope, value = ReportScope.TRACK, track
        elif addressee:
            scope, value = ReportScope.ADDRESSEE, addressee
        started = time.perf_counter()
        try:
            content = build_report(edition, scope=scope, scope_value=value)
        except ValueError as error:
            raise CommandError(str(error)) from error
        document = render_html(content)
        if html:
            Path(html).write_text(document.html, encoding="utf-8")
        result = write_pdf(document.html, output)
        self.stdout.write(
            self.style.SUCCESS(
                f"{output}: {result.pages} pages in {time.perf_counter() - started:.1f} s "
                f"(layout {result.layout_seconds:.1f} s, PDF {result.write_seconds:.1f} s)."
            )
        )
