"""The printed opinion, measured from the PDF's character boxes (pdfplumber), not from the frame settings."""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from app.pdf import gbt9704 as g
from app.pdf.fonts import default_fonts, load_fonts
from app.pdf.opinion_pdf import STATEMENT, render_opinion
from app.pdf.text import CANNOT_START, Text, TextStyle
from app.services.opinion_types import ClaimData, RowData

from tests.app.opinion_data import make_view, patent_content

MM = 72 / 25.4
RARE = "瑄堃昇喆镕旸赟龑"
# Pure CJK text without punctuation: every line but a paragraph's last holds exactly 28 characters.
PLAIN = "被诉产品的弹簧与权利要求中的弹性件以基本相同的手段实现基本相同的功能达到基本相同的效果" * 3


def long_chart_view():
    """A claim chart of 36 rows with long cells: three pages or more, rows split across pages."""
    rows = tuple(RowData(label=f"{i + 1}", right_text=f"R{i:03d}号特征" + "底座上设有安装孔并与卡扣一体成型" * 3,
                         accused_text=f"P{i:03d}号特征" + "被诉产品底座设有两个安装孔" * 3, mark="same", note="")
                 for i in range(36))
    content = patent_content(claims=(ClaimData(1, "一种快速连接件，包括底座、卡扣、弹性件和锁定销。", rows),),
                             conclusion="infringing")
    return make_view(replace(content, analysis=(PLAIN + "\n") * 8))


@pytest.fixture(scope="module")
def pdf():
    view = long_chart_view()
    data = render_opinion(view)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        yield view, data, doc


def body_chars(page):
    return [c for c in page.chars if abs(c["size"] - 16) < 0.01 and c["upright"]]


def lines_of(chars):
    lines = defaultdict(list)
    for c in chars:
        lines[round(c["top"], 1)].append(c)
    return [sorted(v, key=lambda c: c["x0"]) for _k, v in sorted(lines.items())]


def page_number_chars(page):
    return [c for c in page.chars if abs(c["size"] - 14) < 0.01]


def test_page_size_and_margins_measured_from_characters(pdf):
    _view, _data, doc = pdf
    assert len(doc.pages) >= 4
    for page in doc.pages:
        assert page.width / MM == pytest.approx(210, abs=0.5)
        assert page.height / MM == pytest.approx(297, abs=0.5)
        body = body_chars(page)
        # leftmost body character box 28 ± 0.5 mm from the left edge (body text lines start at the margin)
        if any(abs(c["x0"] / MM - 28) < 3 for c in body):
            assert min(c["x0"] for c in body) / MM == pytest.approx(28, abs=0.5)
        # the block's right edge: no body character beyond 28 + 156 mm
        assert not body or max(c["x1"] for c in body) / MM <= 184 + 0.3
        # first line's character boxes 37 ± 1 mm from the top; a page that starts with the table: its top rule
        content = [c for c in page.chars if c["upright"] and c["size"] in (12, 16, 22)]
        first = min(content, key=lambda c: c["top"])
        if first["size"] == 12:
            rule = min(min(e["top"], e["bottom"]) for e in page.edges)
            assert rule / MM == pytest.approx(37, abs=0.3)
        else:
            assert first["top"] / MM == pytest.approx(37, abs=1)


def test_title_22pt_body_16pt(pdf):
    _view, _data, doc = pdf
    first = doc.pages[0]
    title = [c for c in first.chars if c["text"] in "侵权判定参考意见书" and c["top"] / MM < 45]
    assert "".join(c["text"] for c in title) == "侵权判定参考意见书"
    assert {round(c["size"], 2) for c in title} == {22.0}
    # centred: equal space left and right of the title within the block
    left = min(c["x0"] for c in title) / MM - 28
    right = 184 - max(c["x1"] for c in title) / MM
    assert left == pytest.approx(right, abs=1)
    statement = [c for p in doc.pages for c in p.chars if c["text"] == "本"]
    assert statement and all(round(c["size"], 2) in (16.0, 12.0) for c in statement)


def test_full_page_holds_22_lines_of_28_characters(pdf):
    _view, _data, doc = pdf
    # the analysis (8 paragraphs of plain CJK) fills at least one page with body text only
    full_pages = [p for p in doc.pages if not [c for c in p.chars if abs(c["size"] - 12) < 0.01]
                  and len(lines_of(body_chars(p))) == 22]
    assert full_pages, "expected a page of body text only with 22 lines"
    for page in full_pages:
        lines = lines_of(body_chars(page))
        counts = [len(line) for line in lines]
        assert max(counts) == 28
        # paragraphs of 129 characters: 26 (indented) + 28 + 28 + 28 + 19
        assert counts.count(28) >= 12 and set(counts) <= {26, 28, 19}
        pitches = [b[0]["top"] - a[0]["top"] for a, b in zip(lines, lines[1:])]
        assert all(p / MM == pytest.approx(225 / 22, abs=0.05) for p in pitches)
        # character pitch 5.57 mm
        line = next(line for line in lines if len(line) == 28)
        assert (line[-1]["x0"] - line[0]["x0"]) / 27 / MM == pytest.approx(156 / 28, abs=0.03)


def test_page_numbers_text_and_position(pdf):
    _view, _data, doc = pdf
    for page in doc.pages:
        n = page.page_number
        chars = sorted(page_number_chars(page), key=lambda c: c["x0"])
        assert "".join(c["text"] for c in chars) == f"— {n} —"
        top = min(c["top"] for c in chars) / MM
        assert top == pytest.approx(37 + 225 + 7, abs=0.5)
        one_char = 14 / MM
        if n % 2:
            assert max(c["x1"] for c in chars) / MM == pytest.approx(184 - one_char, abs=0.5)
        else:
            assert min(c["x0"] for c in chars) / MM == pytest.approx(28 + one_char, abs=0.5)


def test_claim_chart_repeats_header_on_every_page_and_loses_no_row(pdf):
    _view, _data, doc = pdf
    pages_with_table = [p for p in doc.pages if [c for c in p.chars if abs(c["size"] - 12) < 0.01]]
    assert len(pages_with_table) >= 3
    text = ""
    for page in pages_with_table:
        page_text = page.extract_text()
        assert page_text.count("权利要求记载的技术特征") == 1
        assert page_text.count("被诉产品对应的技术特征") == 1
        text += page_text
    for i in range(36):
        assert text.count(f"R{i:03d}") == 1 and text.count(f"P{i:03d}") == 1


def test_every_font_is_embedded_as_a_subset(pdf):
    _view, _data, doc = pdf
    from pdfminer.pdftypes import resolve1

    seen = 0
    for page in doc.pages:
        fonts = resolve1(resolve1(page.page_obj.resources)["Font"])
        for ref in fonts.values():
            font = resolve1(ref)
            descendants = resolve1(font.get("DescendantFonts")) if "DescendantFonts" in font else [font]
            for d in descendants:
                d = resolve1(d)
                assert "FontDescriptor" in d, f"font {d.get('BaseFont')} is not embedded"
                descriptor = resolve1(d["FontDescriptor"])
                assert any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")), d
                assert "+" in str(d["BaseFont"])     # a subset (ABCDEF+Name)
                seen += 1
    assert seen >= 1


def test_every_content_character_is_in_the_text_layer(pdf):
    view, _data, doc = pdf
    c = view.content
    parts = [c.title, c.accused_object, c.analysis, c.right_status_text, view.applicant, view.opposing_party,
             view.case_no, view.opinion_no, STATEMENT, view.centre_name, *c.evidence,
             *(e.name for e in view.experts)]
    for claim in c.claims:
        parts.append(claim.text)
        for r in claim.rows:
            parts += [r.label, r.right_text, r.accused_text, r.note]
    wanted = Counter(ch for part in parts for ch in part if not ch.isspace())
    have = Counter(ch["text"] for page in doc.pages for ch in page.chars)
    missing = wanted - have
    assert not missing, f"characters missing from the text layer: {dict(missing)}"
    for ch in RARE:
        assert have[ch] >= 1


def test_no_line_starts_with_closing_punctuation(pdf):
    _view, _data, doc = pdf
    for page in doc.pages:
        for line in lines_of(body_chars(page)):
            assert line[0]["text"] not in CANNOT_START, "".join(ch["text"] for ch in line)


@pytest.mark.parametrize("prefix", range(0, 30))
def test_kinsoku_pushes_the_previous_character_down(prefix):
    text = "甲" * prefix + "这是一句测试文字，后面还有“引号”。再来一句（括号）、顿号；分号：冒号！" * 3
    para = Text(text, g.styles()["body"])
    para.wrap(g.BLOCK_W, 10_000)
    lines = para.line_texts()
    assert "".join(lines) == text                       # nothing lost or added
    for line in lines[1:]:
        assert line[0] not in CANNOT_START, lines
    for line in lines[:-1]:
        assert line[-1] not in "（“《「『", lines
        assert len(line) <= 28


def test_rare_name_characters_fall_back_per_character():
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("DejaVu Sans not installed")
    fonts = load_fonts({"body": [dejavu]})      # a face without any CJK glyph
    assert fonts.missing(RARE + "ABC") == set()
    assert "<font name=" in fonts.markup("Zhang 张瑄堃", "body")
    data = g.build_official([Text("Zhang 张瑄堃 昇喆镕旸赟龑", TextStyle(role="body"), fonts)], fonts=fonts)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        chars = doc.pages[0].chars
        text = "".join(c["text"] for c in chars if c["size"] == 16)
        assert text == "Zhang 张瑄堃 昇喆镕旸赟龑".replace(" ", "") or text == "Zhang 张瑄堃 昇喆镕旸赟龑"
        by_char = {c["text"]: c["fontname"] for c in chars}
        assert "DejaVu" in by_char["Z"]
        assert all("DejaVu" not in by_char[ch] for ch in RARE)


def test_rendering_is_deterministic_and_unissued_copies_are_watermarked():
    view = make_view(patent_content(on_site=True), status="draft")
    first = render_opinion(view, today=date(2026, 3, 5))
    assert first == render_opinion(view, today=date(2026, 3, 5))
    with pdfplumber.open(io.BytesIO(first)) as doc:
        text = "".join(c["text"] for p in doc.pages for c in p.chars)
        assert "现场参考意见（未经审核）" in text
        assert "意见字第" not in text              # no number on an unissued copy
        assert "2026年3月5日" in text              # Arabic numerals, no leading zeros


def test_report_page_template_builds():
    from app.pdf import report

    data = report.report_document(
        "2026年3月工作统计", lambda f: [report.h1("一、概况", f), report.para("本月受理案件12件。", "body", f),
                                      report.data_table(["项目", "数量"], [["受理", 12], ["办结", 9]], [60, 30],
                                                        f, numeric_cols=(1,))],
        header_text="测试知识产权保护中心", footer_text="审计链头 ab12cd")
    with pdfplumber.open(io.BytesIO(data)) as doc:
        text = doc.pages[0].extract_text()
    for word in ("2026年3月工作统计", "一、概况", "受理", "12", "第 1 页", "审计链头"):
        assert word in text
    assert default_fonts().missing(RARE) == set()
