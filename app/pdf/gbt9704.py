"""Official-document page layout after GB/T 9704-2012 (党政机关公文格式), for opinions and notices.

Geometry (GB/T 9704 §5.2): A4 210 × 297 mm; top margin 37 mm, left 28 mm; text block 156 × 225 mm.
Body: 3号 (16 pt) 仿宋-style, 28 characters per line, 22 lines per page.
  28 characters in 156 mm = 5.57 mm (15.79 pt) per character. We keep the face at 16 pt and set a tracking of
  (156 mm − 28 × 16 pt) / 27 ≈ −0.215 pt between characters (design.md §7's "≈ −0.2 pt" option), so the 28th
  character ends exactly at the right edge of the block. 22 lines in 225 mm = 10.23 mm (≈ 29 pt) per line.
Title: 2号 (22 pt) 小标宋-style, centred. Headings: "一、" 黑体, "（一）" 楷体, both 16 pt on the body grid.
Page number: "— N —" in 4号 (14 pt) 宋体-style, the top of its characters 7 mm below the block; odd pages
  right-aligned one character in from the right edge, even pages one character in from the left edge.
"""
from __future__ import annotations

import io
import math
from datetime import date
from typing import Callable, Iterable, Sequence

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.pdf.fonts import FontSet, default_fonts
from app.pdf.text import Text, TextStyle

PAGE_W, PAGE_H = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
MARGIN_BOTTOM = PAGE_H - MARGIN_TOP - BLOCK_H          # 35 mm
BODY_SIZE = 16.0
TITLE_SIZE = 22.0
PAGENUM_SIZE = 14.0
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
# a hair under 225 mm / 22 so that 22 lines always fit the frame despite rounding
LINE_PITCH = BLOCK_H / LINES_PER_PAGE - 0.001
PAGENUM_GAP = 7 * mm
TABLE_SIZE = 12.0      # 小四 inside comparison tables: four or five columns do not fit at 16 pt
TABLE_LEADING = 18.0

WATERMARK_ONSITE = "现场参考意见（未经审核）"


def styles() -> dict[str, TextStyle]:
    """The named text styles of an official document (all on the 28 × 22 grid except table cells)."""
    body = TextStyle(role="body", size=BODY_SIZE, leading=LINE_PITCH, first_indent=2,
                     chars_per_line=CHARS_PER_LINE)
    return {
        # one grid line per title line and one empty grid line after it keep the body on the grid
        "title": TextStyle(role="title", size=TITLE_SIZE, leading=LINE_PITCH, align="center",
                           space_after=LINE_PITCH),
        "body": body,
        "plain": body.but(first_indent=0),                 # no indent (parties, numbers, 附件)
        "number": body.but(first_indent=0, align="center"),
        "heading1": body.but(role="heading"),              # "一、…" 黑体
        "heading2": body.but(role="subheading"),           # "（一）…" 楷体
        "right": body.but(first_indent=0, align="right", right_indent=4),
        "cell": TextStyle(role="body", size=TABLE_SIZE, leading=TABLE_LEADING, align="left"),
        "cell_head": TextStyle(role="heading", size=TABLE_SIZE, leading=TABLE_LEADING, align="center"),
    }


# ----- flowable helpers -----------------------------------------------------------------------------------------
def title(text: str, fonts: FontSet | None = None) -> Text:
    return Text(text, styles()["title"], fonts)


def heading1(text: str, fonts: FontSet | None = None) -> Text:
    return Text(text, styles()["heading1"], fonts)


def heading2(text: str, fonts: FontSet | None = None) -> Text:
    return Text(text, styles()["heading2"], fonts)


def body(text: str, fonts: FontSet | None = None, indent: bool = True) -> Text:
    return Text(text, styles()["body" if indent else "plain"], fonts)


def blank(lines: float = 1) -> Spacer:
    return Spacer(1, LINE_PITCH * lines)


def chinese_date(d: date) -> str:
    """Arabic numerals without leading zeros (GB/T 9704 §7.3.5.1): 2026年3月5日."""
    return f"{d.year}年{d.month}月{d.day}日"


def signature_block(centre_name: str, on: date, fonts: FontSet | None = None, seal_lines: int = 2) -> Flowable:
    """Issuer name centred over the date, the date 4 characters in from the right; room above for the seal.

    The seal (印章) is stamped by hand over name and date; `seal_lines` blank lines keep that area clear and
    the block is kept on one page with the last lines of text.
    """
    st = styles()
    date_text = chinese_date(on)
    pitch = BLOCK_W / CHARS_PER_LINE
    date_w = len(date_text) * pitch
    # centre the name over the date: right indent chosen so both share a centre line
    name_w = len(centre_name) * pitch
    date_right = 4
    centre_from_right = date_right * pitch + date_w / 2
    name_right_chars = max(0.0, (centre_from_right - name_w / 2) / pitch)
    name = Text(centre_name, st["plain"].but(align="right", right_indent=name_right_chars), fonts)
    when = Text(date_text, st["plain"].but(align="right", right_indent=date_right), fonts)
    return KeepTogether([blank(seal_lines), name, when])


def comparison_table(header: Sequence[str], rows: Iterable[Sequence[str]], col_widths_mm: Sequence[float],
                     fonts: FontSet | None = None, size: float = TABLE_SIZE) -> Table:
    """A ruled table whose header row repeats on every page and whose rows may split across pages."""
    st = styles()
    cell = st["cell"].but(size=size, leading=size * 1.5)
    head = st["cell_head"].but(size=size, leading=size * 1.5)
    data: list[list[Flowable]] = [[Text(h, head, fonts) for h in header]]
    for row in rows:
        data.append([Text(str(v) if v is not None else "", cell, fonts) for v in row])
    widths = [w * mm for w in col_widths_mm]
    scale = BLOCK_W / sum(widths) if sum(widths) > BLOCK_W else 1.0
    # splitByRow=0 + splitInRow=1: split inside the row that crosses the page end. With row splitting first,
    # ReportLab fills the gap left by a whole-row split with a second header and a row fragment on the same page.
    table = Table(data, colWidths=[w * scale for w in widths], repeatRows=1, splitByRow=0, splitInRow=1,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        # cells are Text flowables; the cell font only keeps Table from declaring (unembedded) Helvetica
        ("FONTNAME", (0, 0), (-1, -1), (fonts or default_fonts()).name("body")),
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.92, 0.92, 0.92)),
    ]))
    return table


# ----- page decoration -------------------------------------------------------------------------------------------
def page_number_text(n: int) -> str:
    return f"— {n} —"


def _draw_page_number(canv, n: int, fonts: FontSet) -> None:
    text = page_number_text(n)
    face = fonts.face("pagenum")
    width = sum(canv.stringWidth(ch, fonts.face_for("pagenum", ch).name, PAGENUM_SIZE) for ch in text)
    one_char = PAGENUM_SIZE
    if n % 2:   # odd: right, one character in
        x = MARGIN_LEFT + BLOCK_W - one_char - width
    else:       # even: left, one character in
        x = MARGIN_LEFT + one_char
    # top of the characters' em box 7 mm below the block
    top = MARGIN_BOTTOM - PAGENUM_GAP
    y = top - PAGENUM_SIZE * (1 + face.descent)
    tx = canv.beginText(x, y)
    for name, chunk in fonts.runs(text, "pagenum"):
        tx.setFont(name, PAGENUM_SIZE)
        tx.textOut(chunk)
    canv.drawText(tx)


def _draw_watermark(canv, text: str, fonts: FontSet) -> None:
    canv.saveState()
    canv.setFillColor(Color(0.6, 0.6, 0.6, alpha=0.35))
    canv.translate(PAGE_W / 2, PAGE_H / 2)
    canv.rotate(math.degrees(math.atan2(PAGE_H, PAGE_W)))
    size = 40
    width = sum(canv.stringWidth(ch, fonts.face_for("heading", ch).name, size) for ch in text)
    tx = canv.beginText(-width / 2, -size / 3)
    for name, chunk in fonts.runs(text, "heading"):
        tx.setFont(name, size)
        tx.textOut(chunk)
    canv.drawText(tx)
    canv.restoreState()


def build_official(story: list[Flowable], *, title_meta: str = "", author: str = "", subject: str = "",
                   watermark: str | None = None, fonts: FontSet | None = None,
                   page_numbers: bool = True) -> bytes:
    """Lay `story` out on GB/T 9704 pages and return the PDF bytes.

    `watermark`: diagonal grey text on every page (e.g. WATERMARK_ONSITE for an unreviewed on-site draft).
    The PDF is deterministic for the same input (invariant=1: no creation time or random id), so a
    re-render of the same content gives the same bytes.
    """
    fonts = fonts or default_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=PAGE_W - MARGIN_LEFT - BLOCK_W,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title_meta, author=author,
                          subject=subject, creator="IPAid Desk", invariant=1,
                          # the canvas otherwise declares Helvetica on every page: a font never embedded
                          initialFontName=fonts.name("body"))
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, BLOCK_W, BLOCK_H, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="block")

    def decorate(canv, _doc) -> None:
        if watermark:
            _draw_watermark(canv, watermark, fonts)
        if page_numbers:
            _draw_page_number(canv, canv.getPageNumber(), fonts)

    doc.addPageTemplates([PageTemplate(id="gbt9704", frames=[frame], onPage=decorate)])
    doc.build(list(story))
    return buf.getvalue()


StoryFn = Callable[[FontSet], list[Flowable]]
