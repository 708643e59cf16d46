"""A decision as a Word file in the Party's document layout, with the list of recipients as
its annex; certificates as a PDF, one landscape page per recipient (fonts shipped)."""

import io
import re
from collections import Counter
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph

from danvan.awards.models import Award, Decision
from danvan.common.dates import format_date
from danvan.common.text import fold
from danvan.common.word import centered_line, no_borders, party_document, register_fonts
from danvan.reports.annual import commission_name, committee_name, place_name


def date_line(decision: Decision) -> str:
    day = decision.date
    return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
        "place": place_name(decision.batch.decider)
        if decision.batch.decider.level.code != "central"
        else "Hà Nội",
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}",
        "year": day.year,
    }


STATE_BODIES = ("uy ban nhan dan", "chu tich nuoc", "chinh phu", "thu tuong")
PLACE_SUFFIX = re.compile(r"\s+(TRUNG ƯƠNG|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY)\b.*$")
Line = tuple[str, bool, bool]  # text, bold, underlined


def issuer_header(decision: Decision) -> tuple[list[Line], list[Line]]:
    """The two header blocks: a Party body writes its committee and commission beside
    "ĐẢNG CỘNG SẢN VIỆT NAM"; a State body (a People's Committee, the President) writes
    itself beside the national motto."""
    giver = decision.giver.upper()
    if any(word in fold(decision.giver) for word in STATE_BODIES):
        body = giver.removeprefix("CHỦ TỊCH ").strip()
        return [(body, True, False)], [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
            ("Độc lập - Tự do - Hạnh phúc", True, True),
        ]
    commission = PLACE_SUFFIX.sub("", giver) or commission_name(
        decision.batch.decider, decision.date
    )
    return [
        (committee_name(decision.batch.decider), False, False),
        (commission, True, False),
        ("*", False, False),
    ], [("ĐẢNG CỘNG SẢN VIỆT NAM", True, True)]


def signer_lines(decision: Decision) -> list[str]:
    """ "K/T Trưởng ban, Phó Trưởng ban" signs on two lines."""
    return [part.strip().upper() for part in decision.signer_title.split(",") if part.strip()]


def _awards(decision: Decision) -> list[Award]:
    return list(
        decision.awards.select_related("award_type", "person", "unit").order_by(
            "award_type__name", "recipient_kind", "id"
        )
    )


def _paragraph(document: Any, text: str, *, bold: bool = False, indent: bool = True) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run(text)
    run.bold = bold


def decision_docx(decision: Decision) -> bytes:
    batch = decision.batch
    awards = _awards(decision)
    types = Counter(award.award_type.name for award in awards)
    document, header = party_document()
    left, right = issuer_header(decision)
    for text, bold, underline in left:
        centered_line(header.cell(0, 0), text, bold=bold, underline=underline, size=14)
    for text, bold, underline in right:
        centered_line(header.cell(0, 1), text, bold=bold, underline=underline, size=14)
    centered_line(header.cell(1, 0), _("No. %(number)s") % {"number": decision.number}, size=14)
    centered_line(header.cell(1, 1), date_line(decision), italic=True, size=14)

    for text, size in (
        (_("DECISION"), 15),
        (_("on awarding %(awards)s") % {"awards": ", ".join(types)}, 14),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(12 if size == 15 else 0)
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    document.add_paragraph("-----").alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(decision.giver.upper()).bold = True
    for text in (
        _("Pursuant to the Law on Emulation and Commendation of 15 June 2022;"),
        _("Pursuant to the rules on awarding %(awards)s;") % {"awards": ", ".join(types)},
        _("Considering the proposal of %(unit)s (batch %(batch)s, %(title)s),")
        % {"unit": batch.unit.name, "batch": batch.code, "title": batch.title},
    ):
        _paragraph(document, f"- {text}")
    decides = document.add_paragraph()
    decides.alignment = WD_ALIGN_PARAGRAPH.CENTER
    decides.add_run(_("DECIDES:")).bold = True
    _paragraph(
        document,
        _(
            "Article 1. To award, for their achievements in mass-mobilization work, to the "
            "%(count)s recipients named in the attached list:"
        )
        % {"count": len(awards)},
    )
    for name, count in types.items():
        _paragraph(document, f"- {name}: {count}")
    _paragraph(document, _("Article 2. This decision takes effect from the day it is signed."))
    _paragraph(
        document,
        _(
            "Article 3. The offices concerned and the individuals and collectives named in "
            "Article 1 shall implement this decision."
        ),
    )
    signature = document.add_table(rows=1, cols=2)
    no_borders(signature)
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    first = left.paragraphs[0]
    run = first.add_run(_("Recipients:"))
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    for recipient in (_("As in Article 3,"), batch.unit.name + ",", _("Filed.")):
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(f"- {recipient}").font.size = Pt(11)
    for line in signer_lines(decision):
        centered_line(right, line, bold=True, size=14)
    for _blank in range(3):
        centered_line(right, "", size=14)
    centered_line(right, decision.signer_name, bold=True, size=14)

    _annex(document, decision, awards)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _annex(document: Any, decision: Decision, awards: list[Award]) -> None:
    """The list of recipients, on landscape pages of its own (danh sách kèm theo)."""
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    for text, bold, italic in (
        (_("LIST"), True, False),
        (_("of those awarded"), True, False),
        (
            _("(attached to Decision No. %(number)s of %(day)s)")
            % {"number": decision.number, "day": format_date(decision.date)},
            False,
            True,
        ),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
    document.add_paragraph()
    headers = [
        _("No."),
        _("Full name or collective"),
        _("Birth date"),
        _("Position, unit"),
        _("Award"),
        _("Achievement"),
    ]
    widths = [Cm(1.2), Cm(5.5), Cm(2.6), Cm(6.2), Cm(4.5), Cm(5.7)]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for number, award in enumerate(awards, start=1):
        person = award.person
        position = ", ".join(p for p in (person.position if person else "", award.unit.name) if p)
        values = [
            str(number),
            award.recipient,
            format_date(person.birth_date) if person else "",
            position,
            award.award_type.name,
            award.achievement,
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row_index, row in enumerate(table.rows):
        for column_index, cell in enumerate(row.cells):
            cell.width = widths[column_index]
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(12)
                    run.bold = row_index == 0


def certificates_pdf(decision: Decision) -> bytes:
    """One landscape page per recipient, framed, ready to print on certificate paper."""
    register_fonts()
    awards = _awards(decision)
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setTitle(_("Certificates, decision %(number)s") % {"number": decision.number})

    def style(name: str, size: int, *, bold: bool = False, italic: bool = False) -> ParagraphStyle:
        font = "DanvanSerif-Bold" if bold else "DanvanSerif-Italic" if italic else "DanvanSerif"
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.3, alignment=TA_CENTER
        )

    for award in awards:
        canvas.setStrokeColorRGB(0.72, 0.11, 0.11)
        canvas.setLineWidth(3)
        canvas.rect(1.2 * cm, 1.2 * cm, width - 2.4 * cm, height - 2.4 * cm)
        canvas.setLineWidth(1)
        canvas.rect(1.5 * cm, 1.5 * cm, width - 3 * cm, height - 3 * cm)
        person = award.person
        title, name = award.award_type.certificate_title, award.award_type.name
        # "KỶ NIỆM CHƯƠNG" above "“Vì sự nghiệp Dân vận”"; "GIẤY KHEN" alone
        rest = name[len(title) :] if fold(name).startswith(fold(title)) else name
        subtitle = escape(rest.strip())
        lines = [
            (escape(decision.giver.upper()), style("giver", 15, bold=True)),
            ("", style("gap", 10)),
            (escape(award.award_type.certificate_title), style("title", 40, bold=True)),
            (subtitle, style("award", 20, italic=True)),
            ("", style("gap", 10)),
            (_("Awarded to"), style("to", 16)),
            (escape(award.recipient), style("name", 28, bold=True)),
        ]
        details = []
        if person is not None:
            details.append(_("Born on %(day)s") % {"day": format_date(person.birth_date)})
            if person.position:
                details.append(escape(person.position))
        details.append(escape(award.unit.name))
        lines.append((" · ".join(details), style("details", 15)))
        if award.achievement:
            lines.append((escape(award.achievement), style("achievement", 14, italic=True)))
        lines += [
            ("", style("gap", 10)),
            (
                _("Decision No. %(number)s of %(day)s")
                % {"number": escape(decision.number), "day": format_date(decision.date)},
                style("decision", 13),
            ),
            (escape(date_line(decision)), style("date", 14, italic=True)),
            *(
                (escape(line), style("signer-title", 14, bold=True))
                for line in signer_lines(decision)
            ),
            ("", style("gap", 30)),
            (escape(decision.signer_name), style("signer", 15, bold=True)),
        ]
        frame = Frame(2.5 * cm, 2 * cm, width - 5 * cm, height - 4 * cm, showBoundary=0)
        content = [Paragraph(text or "&nbsp;", s) for text, s in lines]
        # A long achievement shrinks the page's text rather than pushing the signature off it.
        frame.addFromList([KeepInFrame(frame.width, frame.height, content, mode="shrink")], canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
