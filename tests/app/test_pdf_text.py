"""Chinese paragraph layout: long numbers must not leave a line spread out with wide gaps."""
from __future__ import annotations

from app.pdf.gbt9704 import BLOCK_W, BODY_SIZE, body

NOTICE = ("你（单位）于2026年10月26日提交的知识产权维权援助申请（涉及实用新型 202329423805.9、"
          "外观设计 202035717243.5），经审查，符合受理条件，本中心决定予以受理。")


def test_a_long_number_is_broken_rather_than_spreading_the_line():
    para = body(NOTICE)
    lines = para._layout(BLOCK_W)
    grid = para._tracking(BLOCK_W)
    # A justified line may take up at most two empty grid cells' worth of extra spacing.
    for line in lines[:-1]:
        extra = (line.char_space - grid) * (len(line.glyphs) - 1)
        assert extra <= 2 * BODY_SIZE + 1, "".join(g[0] for g in line.glyphs)
    assert "".join(g[0] for line in lines for g in line.glyphs) == NOTICE


def test_short_numbers_stay_whole():
    lines = body("本中心将于2026年12月9日前办结，" * 4)._layout(BLOCK_W)
    for line in lines:
        text = "".join(g[0] for g in line.glyphs)
        assert not text.endswith(("202", "20")) or text.endswith("2026")


def test_split_of_a_paragraph_that_fits_gives_two_parts():
    """ReportLab's in-row table splitting indexes splits[0] and splits[1] unconditionally; a cell
    measured with a stale height must not crash the document (the summary's long case list did)."""
    para = body("本中心决定予以受理。")
    para.wrap(BLOCK_W, 1000)
    first, rest = para.split(BLOCK_W, 1000)
    assert first.wrap(BLOCK_W, 1000)[1] == para.wrap(BLOCK_W, 1000)[1]
    assert rest.wrap(BLOCK_W, 1000)[1] == 0
