"""A name's stored pinyin reads words as phrases, exactly as pypinyin does, however often it is asked."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from app.search.phrase_pinyin import syllables
from app.search.tokens import name_pinyin

NAMES = ("北京金杜律师事务所", "调解中心", "解放", "单于", "重庆长安汽车有限公司", "3M中国有限公司",
         "张三", "曾", "银行", "行长", "Ａｐｐｌｅ公司")


def test_readings_are_pypinyins_own_the_first_time_and_every_time_after() -> None:
    for _ in range(2):  # the second pass is answered from memory
        for name in NAMES:
            assert syllables(name) == lazy_pinyin(name, style=Style.NORMAL), name


def test_changing_a_returned_list_does_not_change_the_next_answer() -> None:
    first = syllables("调解中心")
    first.append("x")
    first[0] = "changed"
    assert syllables("调解中心") == ["tiao", "jie", "zhong", "xin"]


def test_stored_pinyin_is_the_phrase_reading_then_the_initials() -> None:
    assert name_pinyin("调解中心") == "tiaojiezhongxin tjzx"
    assert name_pinyin("北京金杜") == "beijingjindu bjjd"
