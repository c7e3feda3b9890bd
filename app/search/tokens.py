"""Tokens of the search index (design.md §7 "Search") and the plan for looking a query up in it.

One token table serves SQLite and PostgreSQL alike, because neither backend's own full-text search handles
two-character Chinese queries. What goes in:

* names and numbers (`name_tokens`): every 1- and 2-character substring, plus full pinyin (`py:…`) and
  pinyin initials (`pi:…`) for every reading of polyphonic characters;
* summaries (`text_tokens`): every 2-character substring (bigram) only.

Literal tokens are built from `normalise`d text, which has no punctuation, so they never contain `:` and
cannot collide with the prefixed pinyin tokens.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal


__all__ = [
    "INITIALS_PREFIX",
    "MAX_SPELLINGS",
    "name_pinyin",
    "PINYIN_PREFIX",
    "QueryPlan",
    "name_tokens",
    "normalise",
    "pinyin_tokens",
    "query_plan",
    "text_tokens",
]

PINYIN_PREFIX = "py:"
INITIALS_PREFIX = "pi:"
# A company name of twenty characters with two or three readings each would otherwise yield millions of
# spellings; 16 covers every person's name seen in practice.
MAX_SPELLINGS = 16

# Unicode categories kept by `normalise`: letters, marks, numbers. Punctuation, symbols, separators and
# controls go, which also removes LIKE's wildcards `%` and `_`.
_KEPT_CATEGORIES = frozenset("LMN")


@functools.lru_cache(maxsize=1 << 16)
def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _normalise_char(char: str) -> str:
    """The normalised form of one character ('' when it is dropped); remembered by `_FOLDING`."""
    folded = unicodedata.normalize("NFKC", char).lower().replace("ü", "v")
    return "".join(c for c in folded if unicodedata.category(c)[0] in _KEPT_CATEGORIES)


class _Folding(dict):
    """Code point → its normalised text (None: dropped), as a `str.translate` table filled as
    characters are first met: translate walks a summary in C, where a generator over its characters
    cost three times as much (an import normalises every name, number and summary it indexes)."""

    def __missing__(self, ordinal: int) -> str | None:
        folded = self[ordinal] = _normalise_char(chr(ordinal)) or None
        return folded


_FOLDING = _Folding()


def normalise(text: str) -> str:
    """NFKC, lower case, `ü` as `v` (as pinyin input methods type it), without spaces or punctuation.
    Character by character, so text and any part of it normalise alike.

    Index and query go through the same function, so `ZL 2023 1 0123456.6` and `zl202310123456.6` meet.
    A LIKE confirmation must compare against `normalise(text)`, not the raw text.
    """
    return text.translate(_FOLDING)


def _bigrams(text: str) -> set[str]:
    # Joining pairs is about a third faster than slicing in a comprehension; summaries are many.
    return set(map("".join, itertools.pairwise(text)))


@functools.lru_cache(maxsize=1 << 16)
def _char_options(char: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(full readings, initials) of one normalised character; itself for anything but a Han character."""
    if not _is_han(char):
        return (char,), (char,)
    readings = _readings(char)
    return readings, tuple(dict.fromkeys(r[0] for r in readings))


def _readings(char: str) -> tuple[str, ...]:
    # One pypinyin call per distinct character for the life of the process (a few thousand at most),
    # instead of one per name: looking a reading up in this cache is far cheaper than pypinyin's
    # per-call work. Characters are read one by one on purpose: phrase matching would keep only the
    # phrase reading (解放 → jie only), losing the surname reading xie that a user may type.
    from pypinyin import Style, pinyin  # here: its dictionaries cost a quarter second at start

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="default")
    readings = tuple(dict.fromkeys(r for group in found for r in group if r))
    return readings or (char,)


def _spellings(options: Sequence[tuple[str, ...]]) -> list[str]:
    """Concatenations choosing one option per position, at most `MAX_SPELLINGS`.

    When the full product is too large, keep the most common spelling plus each single deviation from it,
    earliest positions first: the surname comes first, and every reading still appears in some spelling.
    """
    total = 1
    for choices in options:
        total *= len(choices)
    if total <= MAX_SPELLINGS:
        return ["".join(combo) for combo in itertools.product(*options)]
    primary = "".join(choices[0] for choices in options)
    result = [primary]
    start = 0
    for choices in options:
        end = start + len(choices[0])
        for alternative in choices[1:]:
            if len(result) >= MAX_SPELLINGS:
                return result
            result.append(primary[:start] + alternative + primary[end:])
        start = end
    return result


def pinyin_tokens(normalised: str) -> set[str]:
    """`py:` full pinyin and `pi:` initials of normalised text that has at least one Han character.

    Letters and digits between Han characters are kept as they are in both forms (`3m中国` → `py:3mzhongguo`,
    `pi:3mzg`), so a mixed name is still found by what the user types.
    """
    if not any(_is_han(c) for c in normalised):
        return set()
    options = [_char_options(char) for char in normalised]
    full = [readings for readings, _ in options]
    initials = [firsts for _, firsts in options]
    tokens = {PINYIN_PREFIX + s for s in _spellings(full)}
    tokens.update(INITIALS_PREFIX + s for s in _spellings(initials))
    return tokens


@functools.lru_cache(maxsize=1 << 14)
def name_pinyin(name: str, max_len: int = 300) -> str:
    """The pinyin kept on a record's `name_pinyin` column, the one form for every table: the reading
    in full, a space, its initials ("beijingjindu bjjd"). It sorts by the full spelling and lets a
    LIKE '%jindu%' find 金杜 inside a long name (the token index matches pinyin only from the start
    of a name). Read as phrases, unlike the index: 调解 is "tiaojie" here, which is what people type
    for it; the index keeps every reading of each character anyway."""
    from app.search.phrase_pinyin import syllables  # here: pypinyin's dictionaries cost a quarter second at start

    read = [s for s in syllables(normalise(name)) if s]
    full = "".join(read)
    initials = "".join(s[0] for s in read)
    return f"{full} {initials}".strip()[:max_len]


def name_tokens(text: str) -> set[str]:
    """Tokens for a name or number: 1- and 2-character substrings plus pinyin spellings.

    A 3+-character query on a name intersects its bigrams, which the 2-character substrings provide.
    """
    normalised = normalise(text)
    return set(normalised) | _bigrams(normalised) | pinyin_tokens(normalised)


def text_tokens(text: str) -> set[str]:
    """Bigrams of a summary or other long text.

    Single characters are not indexed for long texts (they would match almost every record), so a
    one-character query finds names and numbers but not summaries.
    """
    return _bigrams(normalise(text))


def _bigrams_in_order(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(map("".join, itertools.pairwise(text))))


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """How to look a query up in the token index.

    A record matches when either
    * it holds every token in `tokens` and, when `like` is set, `normalise(its text)` contains `like`; or
    * one of its tokens starts with one of `prefix_tokens` (pinyin: `LIKE 'py:zhang%'`).
    `kind` says which case applies: "short" (1–2 characters, exact token), "long" (3+ characters, bigram
    intersection confirmed by `like`), "pinyin" (ASCII letters only: the literal lookup of its length
    *and* the pinyin prefixes), "empty" (nothing left after normalising: matches nothing).
    """

    text: str
    kind: Literal["empty", "short", "long", "pinyin"]
    tokens: tuple[str, ...]
    prefix_tokens: tuple[str, ...] = ()
    like: str | None = None


def _is_pinyin_query(normalised: str) -> bool:
    return normalised.isascii() and normalised.isalpha()


def query_plan(query: str) -> QueryPlan:
    """Normalise `query` and decide which tokens to look up (see `QueryPlan`)."""
    text = normalise(query)
    if not text:
        return QueryPlan(text, "empty", ())
    kind: Literal["short", "long"]
    tokens: tuple[str, ...]
    like: str | None
    if len(text) <= 2:
        kind, tokens, like = "short", (text,), None
    else:
        kind, tokens, like = "long", _bigrams_in_order(text), text
    if not _is_pinyin_query(text):
        return QueryPlan(text, kind, tokens, (), like)
    # Letters only: "zs" may be the initials of 张三 or literally "ZS" in a company name, so both apply.
    prefixes = (PINYIN_PREFIX + text, INITIALS_PREFIX + text)
    return QueryPlan(text, "pinyin", tokens, prefixes, like)
