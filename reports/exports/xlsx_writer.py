"""Export tables as an XLSX workbook (openpyxl, write-only mode), one sheet per table."""

from decimal import Decimal

from congress.core.spreadsheets import xlsx_text_cell
from congress.editions.models import Congress
from reports.exports.base import DATE, DATETIME, Table

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMATS = {DATE: "dd/mm/yyyy", DATETIME: "dd/mm/yyyy hh:mm"}


def write_xlsx(tables: list[Table], congress: Congress, target) -> None:
    """Write one sheet per table to `target` (a path or a binary file) in write-only mode, so
    rows go to disk as they are read instead of piling up in memory. Text is always written as
    a string cell (`xlsx_text_cell`), never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.title = f"{congress.name} – exports"
    workbook.properties.language = "fr-FR"
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="12355B")
    wrap = Alignment(vertical="top", wrap_text=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.title[:31])
        for index, column in enumerate(table.columns, start=1):
            width = column.width or max(12, len(str(column.label)) + 2)
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for column in table.columns:
            cell = xlsx_text_cell(sheet, str(column.label))
            cell.font = bold
            cell.fill = fill
            cell.alignment = wrap
            header.append(cell)
        sheet.append(header)
        formats = [DATE_FORMATS.get(c.kind) for c in table.columns]
        for row in table.rows(congress):
            cells = []
            for value, number_format in zip(row, formats, strict=True):
                if number_format and value is not None:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
                elif isinstance(value, str):
                    cells.append(xlsx_text_cell(sheet, value))
                elif isinstance(value, Decimal):
                    cells.append(float(value))
                else:
                    cells.append(value)
            sheet.append(cells)
    workbook.save(target)
