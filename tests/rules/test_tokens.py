"""Search tokens: what a user types finds what they expect.

`_finds` plays the lead's SQL: all `tokens` present (plus LIKE on the normalised text), or any token
starting with one of `prefix_tokens`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.search.tokens import (
    MAX_SPELLINGS,
    name_tokens,
    normalise,
    query_plan,
    text_tokens,
)


def _finds(query: str, text: str, *, summary: bool = False) -> bool:
    tokens = text_tokens(text) if summary else name_tokens(text)
    plan = query_plan(query)
    if plan.kind == "empty":
        return False
    literal = set(plan.tokens) <= tokens and (plan.like is None or plan.like in normalise(text))
    pinyin = any(token.startswith(prefix) for token in tokens for prefix in plan.prefix_tokens)
    return literal or pinyin


def test_normalise_drops_spaces_punctuation_and_width() -> None:
    assert normalise("ZL 2023 1 0123456.6") == "zl202310123456" + "6"
    assert normalise("〔２０２６〕深维援字第0001号") == "2026深维援字第0001号"
    assert normalise("Lü 100%_") == "lv100"


def test_two_character_query_finds_company() -> None:
    plan = query_plan("华为")
    assert plan.kind == "short" and plan.tokens == ("华为",) and plan.like is None
    assert _finds("华为", "深圳华为技术")
    assert not _finds("华技", "深圳华为技术")


def test_one_character_query_finds_names_not_summaries() -> None:
    assert _finds("张", "张三")
    assert not _finds("侵", "电商平台侵权", summary=True)


def test_long_query_intersects_bigrams_and_confirms() -> None:
    plan = query_plan("华为技术")
    assert plan.kind == "long"
    assert plan.tokens == ("华为", "为技", "技术") and plan.like == "华为技术"
    assert _finds("华为技术", "深圳华为技术有限公司")
    # Every bigram present, but not as one run: LIKE rules it out.
    assert not _finds("华为技术", "华为 为技 技术")


def test_numbers_found_however_written() -> None:
    assert _finds("202310123456", "ZL 2023 1 0123456.6")
    assert _finds("2026深维援字第0001号", "〔2026〕深维援字第0001号")


def test_summary_bigrams() -> None:
    summary = "申请人发现其外观设计专利被他人在电商平台上侵权。"
    assert "外观" in text_tokens(summary)
    assert all(len(token) == 2 for token in text_tokens(summary))
    assert _finds("电商平台", summary, summary=True)
    assert _finds("侵权", summary, summary=True)


def test_pinyin_initials_and_full_pinyin() -> None:
    plan = query_plan("zs")
    assert plan.kind == "pinyin"
    assert plan.tokens == ("zs",)  # also literal "ZS" in a name
    assert set(plan.prefix_tokens) == {"py:zs", "pi:zs"}
    assert _finds("zs", "张三")
    assert _finds("zhangsan", "张三")
    assert _finds("Zhang San", "张三")
    assert _finds("zhang", "张三")
    assert not _finds("ls", "张三")


def test_letters_query_also_matches_literal_text() -> None:
    assert _finds("ibm", "IBM中国有限公司")
    assert _finds("zs", "ZS Trading")


def test_polyphonic_surnames_indexed_under_every_reading() -> None:
    tokens = name_tokens("单田芳")
    assert {"py:shantianfang", "py:dantianfang", "pi:stf", "pi:dtf"} <= tokens
    assert _finds("shan", "单田芳") and _finds("dan", "单田芳")
    assert {"py:zengguofan", "py:cengguofan"} <= name_tokens("曾国藩")
    # Phrase matching would read 解放 as jie only; a person surnamed 解 is also xie.
    assert _finds("xiefang", "解放")


def test_long_names_are_capped_but_keep_every_reading() -> None:
    tokens = name_tokens("单曾解朴长重行乐")
    full = {t for t in tokens if t.startswith("py:")}
    assert len(full) <= MAX_SPELLINGS
    assert any(t.startswith("py:shan") for t in full) and any(t.startswith("py:dan") for t in full)
    assert any(t.startswith("py:danzeng") for t in full)


def test_pinyin_tokens_only_for_han_text() -> None:
    assert not any(":" in token for token in name_tokens("ZL202310123456.6"))
    assert "py:3mzhongguo" in name_tokens("3M中国")


def test_empty_query_matches_nothing() -> None:
    assert query_plan(" ，。").kind == "empty"
    assert not _finds("  ", "张三")


@given(st.text(max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_any_part_of_a_text_normalises_to_a_part_of_the_normalised_text(text, i, j) -> None:
    # What a user types is a piece of what was indexed: its normal form must be found inside.
    assert normalise(text[i:j]) in normalise(text)
    assert normalise(text) == "".join(normalise(c) for c in text)
