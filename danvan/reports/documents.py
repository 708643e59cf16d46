"""The annual report as files: Word in the Party's document layout, a spreadsheet of the
figures by unit, PDF (same layout, fonts shipped with danvan) and plain text."""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from danvan.common.numbers import format_number
from danvan.common.spreadsheets import inert_row
from danvan.common.word import centered_line, no_borders, party_document, register_fonts
from danvan.reports.annual import AnnualReport

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}


def as_text(report: AnnualReport) -> str:
    lines = [
        report.committee,
        report.commission,
        report.number_line,
        "",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        report.date_line,
        "",
        _("REPORT").upper(),
        report.title,
        "",
    ]
    for section in report.sections:
        lines += [section.heading, ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
    lines += [*report.signature, _("(signed and sealed)"), "", _("Recipients:")]
    lines += [f"- {recipient}" for recipient in report.recipients]
    return "\n".join(lines).rstrip() + "\n"


# --- Word -------------------------------------------------------------------------------


def _appendix(document, report: AnnualReport) -> None:
    """The key figures by unit below, on a page of their own after the signature (phụ lục)."""
    document.add_page_break()
    for text in (
        _("APPENDIX").upper(),
        _("Key figures by unit, %(year)s") % {"year": report.year},
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(6)
        paragraph.add_run(text).bold = True
    keys = [i for i in report.indicators if i.is_key][:6]
    table = document.add_table(rows=1, cols=len(keys) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row again on every page
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    header.cells[0].text = _("Unit")
    for index, indicator in enumerate(keys, start=1):
        header.cells[index].text = f"{indicator.name} ({indicator.measure})"
    for name, values in report.unit_rows:
        row = table.add_row().cells
        row[0].text = name
        for index, indicator in enumerate(keys, start=1):
            row[index].text = format_number(values[indicator.code])
    total = table.add_row().cells
    total[0].text = _("Total")
    for index, indicator in enumerate(keys, start=1):
        total[index].text = format_number(report.totals.get(indicator.code, 0))
    widths = [Cm(4.6)] + [Cm(11.9 / len(keys))] * len(keys)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads; Word reads each cell's
    for row_index, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            cell.width = widths[column]
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                if column and row_index:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.font.size = Pt(10)
                    run.bold = row_index in (0, len(table.rows) - 1)


def as_docx(report: AnnualReport) -> bytes:
    document, header = party_document()
    centered_line(header.cell(0, 0), report.committee, size=14)
    centered_line(header.cell(0, 0), report.commission, bold=True, size=14)
    centered_line(header.cell(0, 0), "*", size=14)
    centered_line(header.cell(0, 1), "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=15)
    centered_line(header.cell(1, 0), report.number_line, size=14)
    centered_line(header.cell(1, 1), report.date_line, italic=True, size=14)

    for text, size in ((_("REPORT").upper(), 15), (report.title, 14)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(12 if size == 15 else 0)
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    document.add_paragraph("-----").alignment = WD_ALIGN_PARAGRAPH.CENTER

    for part in report.sections:
        heading = document.add_paragraph()
        heading.paragraph_format.first_line_indent = Cm(1)
        heading.add_run(part.heading).bold = True
        for text in part.paragraphs:
            paragraph = document.add_paragraph(text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1)
            paragraph.paragraph_format.space_after = Pt(6)
            paragraph.paragraph_format.line_spacing = 1.15

    signature = document.add_table(rows=1, cols=2)
    no_borders(signature)
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    first = left.paragraphs[0]
    run = first.add_run(_("Recipients:"))
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    first.paragraph_format.space_after = Pt(0)
    for recipient in report.recipients:
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(f"- {recipient}").font.size = Pt(11)
    for line in report.signature:
        centered_line(right, line, bold=True, size=14)
    for _blank in range(3):
        centered_line(right, "", size=14)
    centered_line(right, _("(signed and sealed)"), italic=True, size=12)

    if report.children:
        _appendix(document, report)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Excel ------------------------------------------------------------------------------


def as_xlsx(report: AnnualReport) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Figures")[:31]
    sheet.append([f"{report.committee} · {report.commission}"])
    sheet.append([_("Figures of mass-mobilization work, %(year)s") % {"year": report.year}])
    sheet.append([])
    header = [_("Indicator"), _("Unit of measure"), str(report.year), str(report.year - 1)]
    rows = report.unit_rows
    header += [name for name, _values in rows]
    sheet.append(inert_row(sheet, header))
    for indicator in report.indicators:
        sheet.append(
            inert_row(
                sheet,
                [
                    indicator.name,
                    indicator.measure,
                    report.totals.get(indicator.code, 0),
                    report.previous.get(indicator.code, 0),
                    *(values[indicator.code] for _name, values in rows),
                ],
            )
        )
    for cell in sheet[1] + sheet[2] + sheet[4]:
        cell.font = Font(bold=True)
    for cell in sheet[4]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 16
    sheet.freeze_panes = "C5"
    for row in sheet.iter_rows(min_row=5, min_col=3):
        for cell in row:
            cell.number_format = "#,##0"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------


def _pdf_appendix(report: AnnualReport, p, title_style, cell_style) -> list[object]:
    """The key figures by unit below, on a page of their own after the signature."""
    keys = [i for i in report.indicators if i.is_key][:6]
    text = ParagraphStyle("cell", parent=cell_style, fontSize=9, leading=11)
    number = ParagraphStyle("number", parent=text, alignment=TA_RIGHT)
    head = ParagraphStyle("head", parent=text, fontName="DanvanSerif-Bold")
    rows = [[p(_("Unit"), head), *(p(f"{i.name} ({i.measure})", head) for i in keys)]]
    for name, values in report.unit_rows:
        rows.append([p(name, text), *(p(format_number(values[i.code]), number) for i in keys)])
    totals = (report.totals.get(i.code, 0) for i in keys)
    rows.append([p(_("Total"), text), *(p(format_number(v), number) for v in totals)])
    table = Table(rows, colWidths=[4.6 * cm] + [11.9 * cm / len(keys)] * len(keys), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [
        PageBreak(),
        p(_("APPENDIX").upper(), title_style),
        p(_("Key figures by unit, %(year)s") % {"year": report.year}, title_style),
        Spacer(1, 8),
        table,
    ]


def as_pdf(report: AnnualReport) -> bytes:
    register_fonts()

    def style(name: str, **kwargs: object) -> ParagraphStyle:
        settings: dict[str, object] = {"fontName": "DanvanSerif", "fontSize": 13, "leading": 17}
        return ParagraphStyle(name, **{**settings, **kwargs})

    centre = style("centre", alignment=TA_CENTER)
    centre_bold = style("centre-bold", alignment=TA_CENTER, fontName="DanvanSerif-Bold")
    centre_italic = style("centre-italic", alignment=TA_CENTER, fontName="DanvanSerif-Italic")
    body = style("body", alignment=TA_JUSTIFY, firstLineIndent=1 * cm, spaceAfter=6)
    heading = style("heading", fontName="DanvanSerif-Bold", firstLineIndent=1 * cm, spaceAfter=6)
    small = style("small", fontSize=11, leading=14)

    def p(text: str, s: ParagraphStyle, *, keep_spaces: bool = False) -> Paragraph:
        text = escape(text)
        return Paragraph(text.replace("  ", "&nbsp; ") if keep_spaces else text, s)

    header = Table(
        [
            [
                [p(report.committee, centre), p(report.commission, centre_bold), p("*", centre)],
                [Paragraph("<u>ĐẢNG CỘNG SẢN VIỆT NAM</u>", centre_bold)],
            ],
            [
                p(report.number_line, centre, keep_spaces=True),
                p(report.date_line, centre_italic),
            ],
        ],
        colWidths=[7.5 * cm, 9 * cm],
    )
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: list[object] = [header, Spacer(1, 12)]
    story += [p(_("REPORT").upper(), centre_bold), p(report.title, centre_bold), p("-----", centre)]
    story.append(Spacer(1, 8))
    for part in report.sections:
        story.append(p(part.heading, heading))
        story += [p(text, body) for text in part.paragraphs]
    recipients = [p(_("Recipients:"), style("r", fontName="DanvanSerif-Bold", fontSize=12))]
    recipients += [p(f"- {r}", small) for r in report.recipients]
    signature = [
        *(p(line, centre_bold) for line in report.signature),
        Spacer(1, 50),
        p(_("(signed and sealed)"), centre_italic),
    ]
    closing = Table([[recipients, signature]], colWidths=[8 * cm, 8.5 * cm])
    closing.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 12), closing]
    if report.children:
        story += _pdf_appendix(report, p, centre_bold, small)
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=3 * cm,
        rightMargin=1.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=report.title,
    ).build(story)
    return buffer.getvalue()


def render(report: AnnualReport, file_format: str) -> bytes:
    """The report as a file of the given format (docx, xlsx, pdf or txt)."""
    if file_format == "docx":
        return as_docx(report)
    if file_format == "xlsx":
        return as_xlsx(report)
    if file_format == "pdf":
        return as_pdf(report)
    if file_format == "txt":
        return as_text(report).encode("utf-8")
    raise ValueError(file_format)
