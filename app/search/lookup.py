"""Looking a query up in the search token index (design.md §7 Search) — the read side of index.py.

    ids = candidate_ids("expert", plan)            # a SELECT of record ids, or None for "no filter"
    rows = [r for r in rows if confirms(plan, r.name, r.organisation)]

The token part runs in SQL on both backends; the LIKE confirmation of a 3+-character query is done on
`normalise(text)` in Python (architecture.md: comparing against the raw column would miss text with
spaces or punctuation in it), which is cheap because the bigram intersection already narrowed the rows.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from app.search.tokens import QueryPlan, normalise, query_plan, text_tokens
from db.models import SearchToken

__all__ = ["candidate_ids", "confirms", "plan_for", "prefix_match", "prefix_range", "ranked_by_overlap"]


def plan_for(query: str | None) -> QueryPlan | None:
    """The plan for a user's search text; None when there is nothing to search for."""
    if query is None or not query.strip():
        return None
    return query_plan(query)


def _literal_ids(table: str, plan: QueryPlan) -> Select:
    stmt = select(SearchToken.record_id).where(
        SearchToken.table_name == table, SearchToken.token.in_(plan.tokens)
    )
    if len(plan.tokens) == 1:
        return stmt
    # Every bigram of the query must be present: count the distinct ones a record holds.
    return stmt.group_by(SearchToken.record_id).having(
        func.count(func.distinct(SearchToken.token)) == len(plan.tokens)
    )


def prefix_range(prefix: str) -> tuple[str, str]:
    """[lo, hi) holding every token that starts with `prefix` (pinyin prefixes are ASCII letters:
    the first string after all of them bumps the last letter)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def prefix_match(prefix: str) -> ColumnElement[bool]:
    """Tokens starting with `prefix`, as a range of the primary key. LIKE alone cannot use the
    index (SQLite's LIKE ignores case, PostgreSQL's depends on the collation), which made every
    pinyin look-up read the whole token table; the LIKE keeps the range exact whatever the
    server's collation orders between lo and hi."""
    lo, hi = prefix_range(prefix)
    return and_(SearchToken.token >= lo, SearchToken.token < hi, SearchToken.token.like(prefix + "%"))


def candidate_ids(table: str, plan: QueryPlan) -> Select:
    """Ids of `table` records whose tokens match `plan` (before the LIKE confirmation)."""
    if plan.kind == "empty":
        return select(SearchToken.record_id).where(SearchToken.table_name == "").limit(0)
    literal = _literal_ids(table, plan)
    if not plan.prefix_tokens:
        return literal
    # Pinyin: "zs" may be 张三's initials or literally "ZS" in a name — either matches.
    prefixed = select(SearchToken.record_id).where(
        SearchToken.table_name == table, or_(*(prefix_match(p) for p in plan.prefix_tokens)))
    return literal.union(prefixed)


def confirms(plan: QueryPlan | None, *texts: str | None) -> bool:
    """Whether a candidate really contains a long query (bigrams can match out of order).

    Short and pinyin-prefix matches need no confirmation; a pinyin query that is also a literal
    3+-letter match is confirmed only when no pinyin token could have matched — the caller cannot
    tell which side matched, so such a candidate is kept.
    """
    if plan is None or plan.like is None or plan.kind == "pinyin":
        return True
    return any(plan.like in normalise(t) for t in texts if t)


def ranked_by_overlap(table: str, text: str, *, min_overlap: int = 1) -> tuple[Select, int]:
    """(SELECT record_id, overlap … ORDER BY overlap DESC, number of query bigrams).

    Overlap is how many of the text's bigrams a record shares — the knowledge base's suggestion
    score. Plain GROUP BY / COUNT, so it runs the same on SQLite and PostgreSQL.
    """
    tokens = sorted(text_tokens(text))
    overlap = func.count().label("overlap")
    stmt = (
        select(SearchToken.record_id, overlap)
        .where(SearchToken.table_name == table, SearchToken.token.in_(tokens or [""]))
        .group_by(SearchToken.record_id)
        .having(func.count() >= min_overlap)
        .order_by(overlap.desc())
    )
    return stmt, len(tokens)
