"""A plain report page (monthly reports, notices, lists): A4, ordinary margins, header and footer lines.

Use the same `Text` flowable and fonts as the official layout, at report sizes:

    from app.pdf import report
    pdf = report.report_document("2026年3月工作月报", lambda s: [report.h1("一、概况", s), ...],
                                 header_text="某某知识产权维权援助中心", footer_text="链头哈希 ab12…")
"""
from __future__ import annotations

import io
from typing import Callable, Iterable, Sequence

from reportlab.lib.colors import Color, black, grey
from reportlab.lib.pagesizes import A4, landscape as _landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.pdf.fonts import FontSet, default_fonts
from app.pdf.text import Text, TextStyle

MARGIN_X = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm


class ReportStyles(dict):
    """Named TextStyles for reports: title, h1, h2, body, small, cell, cell_head."""


def report_styles() -> ReportStyles:
    body = TextStyle(role="body", size=11, leading=17, first_indent=2)
    return ReportStyles(
        title=TextStyle(role="title", size=18, leading=26, align="center", space_after=10),
        h1=body.but(role="heading", size=13, leading=20, first_indent=0, space_before=8, space_after=4),
        h2=body.but(role="subheading", size=12, leading=18, first_indent=0, space_before=4, space_after=2),
        body=body,
        plain=body.but(first_indent=0),
        small=body.but(size=9, leading=13, first_indent=0, color=grey),
        cell=TextStyle(role="body", size=9, leading=13, align="left"),
        cell_head=TextStyle(role="heading", size=9, leading=13, align="center"),
        cell_num=TextStyle(role="body", size=9, leading=13, align="right"),
    )


def para(text: str, style: str | TextStyle = "body", fonts: FontSet | None = None) -> Text:
    st = report_styles()[style] if isinstance(style, str) else style
    return Text(text, st, fonts)


def h1(text: str, fonts: FontSet | None = None) -> Text:
    return para(text, "h1", fonts)


def h2(text: str, fonts: FontSet | None = None) -> Text:
    return para(text, "h2", fonts)


def data_table(header: Sequence[str], rows: Iterable[Sequence[object]], col_widths_mm: Sequence[float],
               fonts: FontSet | None = None, numeric_cols: Sequence[int] = (),
               avail_width_mm: float | None = None) -> Table:
    """A ruled data table: header row repeated on each page, long cells split across pages.

    `numeric_cols` are right-aligned. Widths are scaled down to `avail_width_mm` (default: portrait block).
    """
    st = report_styles()
    data: list[list[Flowable]] = [[Text(str(h), st["cell_head"], fonts) for h in header]]
    for row in rows:
        data.append([Text("" if v is None else str(v), st["cell_num"] if i in numeric_cols else st["cell"], fonts)
                     for i, v in enumerate(row)])
    limit = (avail_width_mm or (A4[0] - 2 * MARGIN_X) / mm) * mm
    widths = [w * mm for w in col_widths_mm]
    scale = limit / sum(widths) if sum(widths) > limit else 1.0
    # splitByRow=0 + splitInRow=1: split inside the row that crosses the page end. With row splitting first,
    # ReportLab fills the gap left by a whole-row split with a second header and a row fragment on the same page.
    table = Table(data, colWidths=[w * scale for w in widths], repeatRows=1, splitByRow=0, splitInRow=1,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        # cells are Text flowables; the cell font only keeps Table from declaring (unembedded) Helvetica
        ("FONTNAME", (0, 0), (-1, -1), (fonts or default_fonts()).name("body")),
        ("GRID", (0, 0), (-1, -1), 0.4, black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.9, 0.9, 0.9)),
    ]))
    return table


def _line(canv, text: str, x: float, y: float, size: float, fonts: FontSet, align: str = "left") -> None:
    runs = fonts.runs(text, "body")
    width = sum(canv.stringWidth(chunk, name, size) for name, chunk in runs)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    tx = canv.beginText(x, y)
    tx.setFillColor(grey)
    for name, chunk in runs:
        tx.setFont(name, size)
        tx.textOut(chunk)
    canv.drawText(tx)


def report_document(title: str, story_fn: Callable[[FontSet], list[Flowable]], *, header_text: str = "",
                    footer_text: str = "", landscape: bool = False, fonts: FontSet | None = None,
                    author: str = "") -> bytes:
    """Build a report PDF: `story_fn(fonts)` returns the flowables (the title is added on top).

    Each page carries `header_text` (top left, with a rule under it), `footer_text` (bottom left) and
    "第 N 页" (bottom right). The PDF is deterministic for the same input.
    """
    fonts = fonts or default_fonts()
    size = _landscape(A4) if landscape else A4
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, title=title, author=author, creator="IPAid Desk",
                          invariant=1, initialFontName=fonts.name("body"))
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X, size[1] - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="report")

    def decorate(canv, _doc) -> None:
        canv.saveState()
        if header_text:
            _line(canv, header_text, MARGIN_X, size[1] - 14 * mm, 9, fonts)
            canv.setStrokeColor(grey)
            canv.setLineWidth(0.5)
            canv.line(MARGIN_X, size[1] - 15.5 * mm, size[0] - MARGIN_X, size[1] - 15.5 * mm)
        if footer_text:
            _line(canv, footer_text, MARGIN_X, 10 * mm, 8, fonts)
        _line(canv, f"第 {canv.getPageNumber()} 页", size[0] - MARGIN_X, 10 * mm, 9, fonts, align="right")
        canv.restoreState()

    doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=decorate)])
    story = [para(title, "title", fonts)] + list(story_fn(fonts))
    doc.build(story)
    return buf.getvalue()
