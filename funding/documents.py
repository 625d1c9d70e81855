"""Documents of calls for projects: the notification letter (WeasyPrint) and the export for the
paying department (CSV / XLSX, formula-injection safe). Slow libraries are imported inside."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import translation

from congress.core.spreadsheets import neutralise_row, xlsx_text_cell
from funding.selectors import payment_rows

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment_content_type(name: str) -> str:
    return "application/pdf" if name.lower().endswith(".pdf") else XLSX_CONTENT_TYPE


def decision_letter_pdf(application) -> bytes:
    from weasyprint import HTML

    with translation.override("fr"):
        html = render_to_string(
            "funding/letter_pdf.html",
            {
                "application": application,
                "decision": application.decision,
                "call": application.call,
            },
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def payment_csv(call) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in payment_rows(call):
        writer.writerow(neutralise_row(row))
    return ("\ufeff" + buffer.getvalue()).encode()


def payment_xlsx(call) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Paiements")
    for row in payment_rows(call):
        sheet.append([xlsx_text_cell(sheet, v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
