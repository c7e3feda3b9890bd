"""Phrase-aware pinyin (pypinyin's `lazy_pinyin`, NORMAL style) with each word's reading remembered.

pypinyin splits a name into words (its phrase dictionary) and converts every word's toned readings to
the requested style on every call. Names are new each time (an import of 10k applicants), but their
words are not (有限公司, 科技, 北京, common given names): converting each distinct word once made a
name's pinyin about three times cheaper. The readings are pypinyin's own, unchanged.
"""
from __future__ import annotations

import functools

from pypinyin import Style
from pypinyin.converter import DefaultConverter
from pypinyin.core import Pinyin


class _WordMemo(DefaultConverter):
    """pypinyin's default converter, answering a word it has converted before from memory.

    A word's result depends only on the word and the options, so it is kept as a tuple (nothing can
    change it) and handed out as fresh lists, as pypinyin's callers may extend them."""

    @functools.lru_cache(maxsize=1 << 15)  # noqa: B019 - one converter for the life of the process
    def _remembered(self, words, style, heteronym, errors, strict) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(r) for r in super().convert(words, style, heteronym, errors, strict))

    def convert(self, words, style, heteronym, errors, strict, **kwargs):
        if kwargs or callable(errors):  # options a cache key cannot hold: pypinyin's own path
            return super().convert(words, style, heteronym, errors, strict, **kwargs)
        return [list(r) for r in self._remembered(words, style, heteronym, errors, strict)]


_PINYIN = Pinyin(converter=_WordMemo())


def syllables(text: str) -> list[str]:
    """`pypinyin.lazy_pinyin(text, style=Style.NORMAL)`: one reading per character, chosen by phrase
    (调解 → tiao jie), anything without pinyin kept as it is."""
    return _PINYIN.lazy_pinyin(text, style=Style.NORMAL)


__all__ = ["syllables"]
