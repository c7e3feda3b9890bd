"""Every tr() string of the consultation, knowledge and expert screens has its Chinese listed in the
package's zh_CN.txt (the lead copies them into resources/i18n/ipaid_zh_CN.ts)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"
TR = re.compile(r'(?:self\.tr|QCoreApplication\.translate)\(\s*(?:"[A-Za-z]+",\s*)?"([^"]+)"')


def listed(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "[")) or not line.strip():
            continue
        english, chinese = line.split("\t")
        pairs[english] = chinese
    return pairs


@pytest.mark.parametrize("area", ["consultations", "knowledge", "experts"])
def test_every_string_has_chinese(area):
    source = "\n".join(p.read_text(encoding="utf-8") for p in (UI / area).glob("*.py"))
    strings = set(TR.findall(source))
    chinese = listed(UI / area / "zh_CN.txt")
    assert strings and sorted(strings - set(chinese)) == []
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in chinese.values())
