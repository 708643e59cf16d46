"""The Party's document layout in Word and the fonts of its PDFs, shared by every document
danvan writes (the annual report, award decisions, certificates)."""

from pathlib import Path
from typing import Any

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "Times New Roman"  # the Party's format; LibreOffice shows Liberation Serif in its place
FONTS_DIR = Path(__file__).parent / "fonts"


def no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def centered_line(
    cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int = 13,
):
    paragraph = cell.add_paragraph() if cell.paragraphs[0].text else cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def party_document() -> tuple[Any, Any]:
    """A Word document in the layout of Party documents (A4, margins 2/3/1.5 cm, Times New
    Roman 14) and its header table: issuer on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" (or the
    State's motto) on the right, number and place-date lines below them."""
    document = WordDocument()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(14)
    header = document.add_table(rows=2, cols=2)
    no_borders(header)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    return document, header


def register_fonts() -> None:
    if "DanvanSerif" in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont("DanvanSerif", str(FONTS_DIR / "LiberationSerif-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("DanvanSerif-Bold", str(FONTS_DIR / "LiberationSerif-Bold.ttf")))
    pdfmetrics.registerFont(
        TTFont("DanvanSerif-Italic", str(FONTS_DIR / "LiberationSerif-Italic.ttf"))
    )
