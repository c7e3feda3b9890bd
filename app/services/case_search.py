"""The case list (援助案件): filters, sort and paging in SQL, and one search box over case no.,
party names, identifiers, right numbers and summaries through the token index (design.md §7 Search).

How a query is matched (`app.search.tokens.query_plan`):
* 1–2 characters: the exact token (names and numbers hold every 1- and 2-character substring,
  summaries every bigram);
* letters only: also pinyin prefixes (`py:` full pinyin, `pi:` initials) of party names;
* 3+ characters: the record must contain the normalised query, found through one of its bigrams
  and confirmed with LIKE on the field with spaces and punctuation removed (`sql_normalised`).

Two ways to run the same condition, chosen by how many index entries the query's rarest token has:
few → collect the matching case ids first (a right number, a person's name); many → walk the list
in its order and test each case (a common word such as 公司), which stops after one page.
Both give the same rows in the same order, on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (ColumnElement, Select, and_, case, exists, false, func, literal, or_, select, text,
                        union)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

from app.calendar_table import calendar_for
from app.context import Actor
from app.database import Database
from app.errors import ValidationError
from app.labels import CASE_STATUS, IP_KIND
from app.rules import identifiers as ids
from app.rules.case_status import OPEN_STATUSES
from app.search.index import DIGIT_PREFIX, digit_trigrams, doc_pattern
from app.search.lookup import prefix_match, prefix_range
from app.search.tokens import QueryPlan, normalise, query_plan
from app.service import read_call
from app.services.parties import mask_identifier
from app.services.today import centre_today
from db.models import AssistCase, CaseRight, IpRight, Party, SearchDoc, SearchToken, User

# When to walk the list in order instead of collecting every match and sorting it. Collecting costs
# about 13 µs per matching case; walking costs a page's worth of cases divided by the share that
# match, each tested by point look-ups (≈65 µs) — so walking wins above about √(100 · N · 5) matches
# (≈7,000 at 100k cases), measured on the 100k demo. Pinyin prefixes are tested by a range, dearer
# per case, so they walk only above a fifth of all cases (at 2 % a page took seconds). A 3+-character
# query also needs a LIKE per collected case and keeps the low fixed bar. A negative DENSE_POSTINGS
# forces the walk (tests compare both strategies).
DENSE_POSTINGS = 1500
DENSE_SHARE = 5
WALK_COST_RATIO = 500  # (page of 100) × (walk ÷ collect cost per case ≈ 5)
PAGE = 100
# Index entries read per token when choosing how to search (the cost of choosing grows with it).
COUNT_CAP = 2000

# The LIKE confirmation compares `normalise(field)` with the normalised query (architecture.md).
# SQLite: `normalise` itself, registered on the connection. PostgreSQL: lower() then translate(),
# with the table below built FROM `normalise`, so both agree on every character of the blocks
# where names, numbers and summaries have punctuation and full-width forms (ZL 2023 1 0123456.6,
# 华为—技术, ＡＢＣ). Characters outside these blocks are compared as they are on PostgreSQL.
# Kept to the blocks people's text actually holds: PostgreSQL's translate() compares every
# character of a field with every character of this table, so its length is paid per walked row.
_FOLD_BLOCKS = ((0x20, 0x7F), (0xA0, 0xC0), (0x2010, 0x2028), (0x2030, 0x203B), (0x3000, 0x3020),
                (0xFF01, 0xFF5F))


def _fold_table() -> tuple[str, str]:
    """(from, to) for translate(): mapped characters first, then those dropped (no counterpart)."""
    mapped_from, mapped_to, dropped = [], [], []
    for lo, hi in _FOLD_BLOCKS:
        for char in map(chr, range(lo, hi)):
            folded = normalise(char)
            if not folded:
                dropped.append(char)
            elif len(folded) == 1 and folded != char.lower():
                mapped_from.append(char)
                mapped_to.append(folded)
    return "".join(mapped_from + dropped), "".join(mapped_to)


_FOLD_FROM, _FOLD_TO = _fold_table()
_SQLITE_FUNCTION = "ipaid_search_text"


def _sqlite_search_text(value: str | None) -> str:
    return "" if value is None else normalise(str(value))


def prepare(s: Session) -> None:
    """Register the SQLite function on this session's connection (cheap, idempotent)."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        # The token index is large; SQLite's default 2 MB page cache re-reads its upper levels
        # from the OS on every query. 16 MB keeps them (per pooled connection).
        conn.exec_driver_sql("PRAGMA cache_size = -16384")
        conn.connection.driver_connection.create_function(
            _SQLITE_FUNCTION, 1, _sqlite_search_text, deterministic=True)


class sql_normalised(FunctionElement):
    """A field as the search compares it: lower case, without the characters above."""

    type = String()
    inherit_cache = True
    name = "search_text"


@compiles(sql_normalised, "sqlite")
def _search_text_sqlite(element, compiler, **kw) -> str:
    return f"{_SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(sql_normalised)
def _search_text_default(element, compiler, **kw) -> str:
    source, target = compiler.process(literal(_FOLD_FROM), **kw), compiler.process(literal(_FOLD_TO), **kw)
    return f"translate(lower(coalesce({compiler.process(element.clauses, **kw)}, '')), {source}, {target})"


# The searchable fields of each table, as the index declares them (app/search/index.py).
_FIELDS = {
    "assist_case": (AssistCase.case_no, AssistCase.summary),
    "party": (Party.name, Party.identifier),
    "ip_right": (IpRight.number, IpRight.title),
}
_MODELS = {"assist_case": AssistCase, "party": Party, "ip_right": IpRight}


def due_expr():
    """The deadline that matters in the case's status (same choice as rules.deadlines.current_due)."""
    return case(
        (AssistCase.status == "registered", AssistCase.decision_due_on),
        (AssistCase.status == "supplementing", AssistCase.supplement_due_on),
        (AssistCase.status == "accepted", AssistCase.close_due_on),
        (AssistCase.status == "closed", AssistCase.followup_due_on),
        else_=None,
    )


@dataclass(frozen=True)
class CaseFilter:
    query: str = ""
    statuses: tuple[str, ...] = ()
    ip_kinds: tuple[str, ...] = ()
    assignee_id: uuid.UUID | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    overdue: bool = False
    due_within_workdays: int | None = None
    open_only: bool = False
    month: tuple[int, int] | None = None   # (year, month) of registration


@dataclass(frozen=True)
class CaseListRow:
    id: uuid.UUID
    case_no: str
    registered_on: date
    applicant: str
    applicant_identifier: str   # masked
    opposing: str
    ip_kind: str
    status: str
    assignee: str
    due_on: date | None
    version: int

    @property
    def status_label(self) -> str:
        return CASE_STATUS[self.status]

    @property
    def ip_kind_label(self) -> str:
        return IP_KIND.get(self.ip_kind, self.ip_kind)


SORTS = ("registered_on", "case_no", "applicant", "status", "ip_kind", "assignee", "due_on")


# ------------------------------------------------------------------------------ token look-ups
def _exact_token(plan: QueryPlan) -> list[str]:
    """The one token a short or pinyin query of up to two characters is itself (else none)."""
    return [plan.text] if plan.kind in ("short", "pinyin") and len(plan.text) <= 2 else []


def _token_parts(plan: QueryPlan) -> list[ColumnElement]:
    """One condition on SearchToken.token per exact token or pinyin prefix of the plan."""
    return ([SearchToken.token == t for t in _exact_token(plan)]
            + [prefix_match(prefix) for prefix in plan.prefix_tokens])


def _doc_holds(table: str, record_id, held: ColumnElement) -> ColumnElement:
    """Does the search_doc of one record satisfy `held` (LIKEs on its token list)? The 'walk'
    strategy's test: one row read by key per walked record. A scalar subquery, not EXISTS:
    PostgreSQL may turn an EXISTS into a hashed semi-join that runs the LIKE over every document first."""
    return (select(literal(1)).where(SearchDoc.table_name == table, SearchDoc.record_id == record_id, held)
            .limit(1).scalar_subquery().is_not(None))


def _holds_token(token: str, *, prefix: bool = False) -> ColumnElement:
    return SearchDoc.tokens.like(doc_pattern(token, prefix=prefix), escape="\\")


def _token_ids(plan: QueryPlan, table: str) -> list[Select]:
    """Record ids of `table` holding the plan's tokens: one SELECT per token, each a range of the
    primary key (token, table, record)."""
    return [select(SearchToken.record_id).where(part, SearchToken.table_name == table)
            for part in _token_parts(plan)]


def _like_fields(table: str, text: str) -> ColumnElement:
    pattern = f"%{text}%"
    return or_(*(sql_normalised(col).like(pattern) for col in _FIELDS[table]))


def _literal_candidates(plan: QueryPlan) -> tuple[str, ...]:
    """Tokens every match must hold: the digit trigrams of a number (ten times rarer than its
    bigrams, see app.search.index), else the bigrams."""
    if plan.like is not None:
        runs = digit_trigrams(plan.like)
        # A handful spread over the query is enough to find a rare one; counting every trigram of a
        # 13-digit number cost more (one count per trigram and table) than the search itself.
        if runs:
            return _spread(tuple(sorted(runs, key=lambda tok: plan.like.index(tok[len(DIGIT_PREFIX):]))), 6)
        return _spread(plan.tokens, 6)
    return plan.tokens


_SCALE: dict[str, tuple[int, float]] = {}


def _scale(s: Session) -> tuple[int, float]:
    """(number of cases, party weight), counted once per database. The weight is about how many
    cases name one party (as applicant or opposing party): a party's index entry stands for that
    many cases when judging how dense the matches are."""
    key = str(s.get_bind().url)
    if key not in _SCALE:
        n_cases = s.scalar(select(func.count()).select_from(AssistCase)) or 0
        n_parties = s.scalar(select(func.count()).select_from(Party)) or 0
        _SCALE[key] = (n_cases, min(max(2 * n_cases / max(n_parties, 1), 1.0), 50.0))
    return _SCALE[key]


def _dense(s: Session, plan: QueryPlan) -> int:
    """How many matching cases make the walk the faster way (see DENSE_POSTINGS). A 3+-character
    query keeps the low bar: collecting its candidates also means a LIKE on each of them."""
    if DENSE_POSTINGS < 0 or plan.like is not None:
        return DENSE_POSTINGS
    n_cases = _scale(s)[0]
    if plan.prefix_tokens:
        return max(DENSE_POSTINGS, n_cases // DENSE_SHARE)
    return max(DENSE_POSTINGS, int(math.sqrt(WALK_COST_RATIO * n_cases)))


def _counts(s: Session, tokens: tuple[str, ...], prefixes: tuple[str, ...], cap: int) -> tuple[list[float], float]:
    """Roughly how many cases each token, and all prefixes together, point to: index entries per
    table, each counted up to `cap`, party entries weighted by `_scale`'s party weight; one statement
    (one round trip instead of one per token)."""
    parts: list[str] = []
    params: dict = {"cap": cap}
    for i, token in enumerate(tokens):
        params[f"t{i}"] = token
        for table in _FIELDS:
            parts.append(f"SELECT {len(parts)} AS k, (SELECT count(*) FROM (SELECT 1 FROM search_token "
                         f"WHERE token = :t{i} AND table_name = '{table}' LIMIT :cap) AS e) AS n")
    for j, prefix in enumerate(prefixes):
        params[f"lo{j}"], params[f"hi{j}"] = prefix_range(prefix)
        params[f"like{j}"] = prefix + "%"
        # Parties, not entries: a name with polyphonic characters has several spellings under one
        # prefix (up to MAX_SPELLINGS), which made a prefix look several times denser than it is.
        # An entry count that reached the cap is still "unknown, large" (minus one: see below).
        parts.append(f"SELECT {len(parts)} AS k, (SELECT CASE WHEN count(*) >= :cap THEN :cap "
                     "ELSE count(DISTINCT e.r) END FROM (SELECT record_id AS r FROM search_token "
                     f"WHERE token >= :lo{j} AND token < :hi{j} AND token LIKE :like{j} "
                     "AND table_name = 'party' LIMIT :cap) AS e) AS n")
    if not parts:
        return [], 0.0
    values = [row[1] for row in s.execute(text(" UNION ALL ".join(parts) + " ORDER BY k"), params)]
    weight = _scale(s)[1]
    weights = [weight if table == "party" else 1.0 for table in _FIELDS]

    def estimate(counts: list[int]) -> float:
        # A count that reached the cap says only "at least": unknown, so treat it as large.
        if any(c >= cap for c in counts):
            return math.inf
        return sum(c * w for c, w in zip(counts, weights))
    per_token = [estimate(values[i * 3:i * 3 + 3]) for i in range(len(tokens))]
    prefixed = values[len(tokens) * 3:]
    return per_token, (math.inf if any(c >= cap for c in prefixed) else sum(prefixed) * weight)


def _rarest(s: Session, plan: QueryPlan) -> tuple[str | None, int]:
    """The literal token with the fewest index entries (counted up to a cap) and an estimate of
    how many entries the whole query touches."""
    tokens = _literal_candidates(plan)
    counts, prefixed = _counts(s, tokens, plan.prefix_tokens, max(COUNT_CAP, _dense(s, plan)))
    if not tokens:
        return None, prefixed
    n, best = min(zip(counts, tokens))
    return best, n + prefixed


def _holding(tokens: tuple[str, ...], table: str, *, per_candidate: bool = False) -> Select:
    """Ids of `table` records that hold every one of `tokens`: the first token's entries (a range of
    the primary key), each checked for the others by a point look-up on the full primary key."""
    first, *rest = tokens
    stmt = select(SearchToken.record_id).where(SearchToken.token == first,
                                               SearchToken.table_name == table)
    for token in rest:
        other = aliased(SearchToken)
        holds = (other.token == token, other.table_name == table, other.record_id == SearchToken.record_id)
        if per_candidate:
            # Counting how dense a common query is: a point look-up per candidate, as a scalar
            # subquery. As EXISTS, PostgreSQL hashed every entry of the other token first (tens of
            # thousands for 有限), seconds per query; for a rare first token EXISTS is the better plan.
            stmt = stmt.where(select(literal(1)).where(*holds).limit(1).scalar_subquery().is_not(None))
        else:
            stmt = stmt.where(exists().where(*holds))
    return stmt


def _record_ids(plan: QueryPlan, table: str, driver: tuple[str, ...]):
    """Ids of `table` records matching the plan (the 'collect first' strategy)."""
    selects = _token_ids(plan, table)
    if plan.like is not None and driver:
        model = _MODELS[table]
        selects.append(select(model.id).where(model.id.in_(_holding(driver, table)),
                                              _like_fields(table, plan.like)))
    if not selects:
        return select(SearchToken.record_id).where(false())
    if len(selects) == 1:
        return selects[0]
    # SQLite does not accept a bare compound SELECT inside IN (…) of another compound.
    both = union(*selects).subquery()
    return select(both.c[0])


def _spread(tokens: tuple[str, ...], n: int = 4) -> tuple[str, ...]:
    """Up to n bigrams spread over the query: neighbours overlap, so spread ones filter more."""
    if len(tokens) <= n:
        return tokens
    picks = [tokens[round(i * (len(tokens) - 1) / (n - 1))] for i in range(n)]
    return tuple(dict.fromkeys(picks))


def _driver(s: Session, plan: QueryPlan, rarest: str | None, postings: int) -> tuple[tuple[str, ...], int]:
    """The bigrams whose common records are the candidates, and (capped) how many there are.

    A rare bigram alone is enough. When every bigram is common (digits of a patent number, 有限公司),
    several spread over the query are intersected; if even that leaves many records, the matches are
    dense and walking the list in order is the faster way."""
    if plan.like is None or rarest is None:
        return (), postings
    dense = _dense(s, plan)
    if postings <= dense:
        # Two more tokens from elsewhere in the query, checked per candidate, leave LIKE little to do.
        others = [tok for tok in _spread(_literal_candidates(plan), 3) if tok != rarest][:2]
        return (rarest, *others), postings
    chosen = _spread(_literal_candidates(plan))
    cap = max(dense, 0) + 1
    total = 0
    for table in _FIELDS:
        sub = _holding(chosen, table, per_candidate=True).limit(cap).subquery()
        total += s.scalar(select(func.count()).select_from(sub)) or 0
    return chosen, total


def _matches_record(plan: QueryPlan, table: str, record_id) -> ColumnElement:
    """Does record `record_id` of `table` match (the 'walk the list' strategy)?"""
    parts: list[ColumnElement] = []
    if plan.kind in ("short", "pinyin") and (len(plan.text) <= 2 or plan.prefix_tokens):
        # The plan's token, or a token with one of its prefixes.
        parts.append(_doc_holds(table, record_id, or_(
            *(_holds_token(t) for t in _exact_token(plan)),
            *(_holds_token(p, prefix=True) for p in plan.prefix_tokens))))
    if plan.like is not None:
        if table == "assist_case":  # the case row itself (an EXISTS on it would not correlate)
            fields = _like_fields(table, plan.like)
        else:
            # Each field read by key for this one record (a scalar subquery per field). Written as
            # EXISTS (… LIKE …), PostgreSQL hashed it instead: it ran the LIKE over every party and
            # right first, ≈ 9 s for 有限公司 at 100k cases, where the walk needs a page's worth.
            model = _MODELS[table]
            pattern = f"%{plan.like}%"
            fields = or_(*(sql_normalised(select(col).where(model.id == record_id).scalar_subquery()).like(pattern)
                           for col in _FIELDS[table]))
        # A record whose fields hold the text holds its tokens too; its document is one row read by key,
        # so most walked records are turned down before their fields are folded (PostgreSQL's translate()
        # over a summary cost more than the rest of the walk).
        tokens = _spread(_literal_candidates(plan), 3)
        parts.append(and_(_doc_holds(table, record_id, and_(*(_holds_token(t) for t in tokens))), fields))
    return or_(*parts) if parts else false()


def _canonical_query(query: str) -> str:
    """A patent number typed with ZL and spaces is looked up as stored (202310123456.6)."""
    try:
        return ids.validate_patent_number("".join(query.split()))
    except ids.InvalidValue:
        return query


def search_condition(s: Session, query: str) -> ColumnElement | None:
    """A condition on AssistCase for the search box; None when the box is empty."""
    plan = query_plan(_canonical_query(query))
    prepare(s)
    if plan.kind == "empty":
        return None if not query.strip() else false()
    rarest, postings = _rarest(s, plan)
    if plan.like is not None and not plan.prefix_tokens and postings == 0:
        return false()
    driver, postings = _driver(s, plan, rarest, postings)
    if postings > _dense(s, plan):
        # A scalar subquery, not EXISTS: PostgreSQL turned the EXISTS into a hashed semi-join that
        # tested every right of every case first (≈ 7 s at 100k); this runs per walked case.
        right_match = (select(literal(1)).where(CaseRight.case_id == AssistCase.id, CaseRight.deleted.is_(False),
                                                _matches_record(plan, "ip_right", CaseRight.right_id))
                       .limit(1).scalar_subquery().is_not(None))
        return or_(_matches_record(plan, "assist_case", AssistCase.id),
                   _matches_record(plan, "party", AssistCase.applicant_id),
                   _matches_record(plan, "party", AssistCase.opposing_party_id), right_match)
    parties = _record_ids(plan, "party", driver)
    ids = union(
        select(AssistCase.id).where(AssistCase.id.in_(_record_ids(plan, "assist_case", driver))),
        select(AssistCase.id).where(AssistCase.applicant_id.in_(parties)),
        select(AssistCase.id).where(AssistCase.opposing_party_id.in_(parties)),
        select(CaseRight.case_id).where(CaseRight.deleted.is_(False),
                                        CaseRight.right_id.in_(_record_ids(plan, "ip_right", driver))),
    )
    return AssistCase.id.in_(ids)


# ------------------------------------------------------------------------------ the list
def _conditions(s: Session, centre_id: uuid.UUID, flt: CaseFilter, today: date) -> list[ColumnElement]:
    conds: list[ColumnElement] = [AssistCase.centre_id == centre_id, AssistCase.deleted.is_(False)]
    bad = [x for x in flt.statuses if x not in CASE_STATUS]
    if bad:
        raise ValidationError("状态", f"“{'、'.join(bad)}”无效")
    if flt.statuses:
        conds.append(AssistCase.status.in_(flt.statuses))
    if flt.open_only:
        conds.append(AssistCase.status.in_(tuple(OPEN_STATUSES)))
    if flt.ip_kinds:
        conds.append(AssistCase.ip_kind.in_(flt.ip_kinds))
    if flt.assignee_id is not None:
        conds.append(AssistCase.assignee_id == flt.assignee_id)
    if flt.registered_from and flt.registered_to and flt.registered_from > flt.registered_to:
        raise ValidationError("登记日期", "起始日期晚于截止日期")
    if flt.registered_from:
        conds.append(AssistCase.registered_on >= flt.registered_from)
    if flt.registered_to:
        conds.append(AssistCase.registered_on <= flt.registered_to)
    if flt.month:
        year, month = flt.month
        first = date(year, month, 1)
        conds.append(AssistCase.registered_on >= first)
        conds.append(AssistCase.registered_on < (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)))
    if flt.overdue:
        conds.append(due_expr() < today)
    if flt.due_within_workdays is not None:
        limit = calendar_for(s).add_workdays(today, flt.due_within_workdays)
        conds.append(and_(due_expr() >= today, due_expr() <= limit))
    found = search_condition(s, flt.query)
    if found is not None:
        conds.append(found)
    return conds


def _order(sort: str, descending: bool) -> list:
    if sort not in SORTS:
        raise ValidationError("排序", f"不能按“{sort}”排序")
    default = [AssistCase.registered_on.desc(), AssistCase.case_no.desc()]
    if sort == "registered_on":
        return default if descending else [AssistCase.registered_on.asc(), AssistCase.case_no.asc()]
    column = {
        "case_no": AssistCase.case_no, "status": AssistCase.status, "ip_kind": AssistCase.ip_kind,
        "applicant": _APPLICANT.name, "assignee": _ASSIGNEE.display_name, "due_on": due_expr(),
    }[sort]
    key = column.desc() if descending else column.asc()
    # Empty values last either way, so the interesting rows come first.
    return [column.is_(None), key] + default


_APPLICANT = aliased(Party, name="applicant")
_OPPOSING = aliased(Party, name="opposing")
_ASSIGNEE = aliased(User, name="assignee")


def _rows_query(conds: list[ColumnElement], sort: str, descending: bool) -> Select:
    return (
        select(AssistCase.id, AssistCase.case_no, AssistCase.registered_on, _APPLICANT.name,
               _APPLICANT.identifier, _OPPOSING.name, AssistCase.ip_kind, AssistCase.status,
               _ASSIGNEE.display_name, due_expr(), AssistCase.version, _APPLICANT.kind)
        .join(_APPLICANT, _APPLICANT.id == AssistCase.applicant_id)
        .outerjoin(_OPPOSING, _OPPOSING.id == AssistCase.opposing_party_id)
        .outerjoin(_ASSIGNEE, _ASSIGNEE.id == AssistCase.assignee_id)
        .where(*conds)
        .order_by(*_order(sort, descending))
    )


def _to_row(r) -> CaseListRow:
    return CaseListRow(r[0], r[1], r[2], r[3], mask_identifier(r[4], r[11]), r[5] or "", r[6], r[7], r[8] or "", r[9], r[10])


def list_cases(db: Database, actor: Actor, flt: CaseFilter = CaseFilter(), *, sort: str = "registered_on",
               descending: bool = True, offset: int = 0, limit: int = PAGE, today: date | None = None) -> list[CaseListRow]:
    """One page of the list, in the list's order (default: newest registration first)."""
    with read_call(db, actor, roles=None) as s:
        today = today or centre_today(s, actor.centre_id)
        prepare(s)
        conds = _conditions(s, actor.centre_id, flt, today)
        # First the page's ids (sorting needs only the case row), then the joined rows of those
        # ids alone: joining parties and users for every match before sorting is what made large
        # result sets slow.
        ids = select(AssistCase.id).where(*conds)
        if sort == "applicant":
            ids = ids.join(_APPLICANT, _APPLICANT.id == AssistCase.applicant_id)
        elif sort == "assignee":
            ids = ids.outerjoin(_ASSIGNEE, _ASSIGNEE.id == AssistCase.assignee_id)
        page = list(s.scalars(ids.order_by(*_order(sort, descending)).offset(offset).limit(limit)))
        if not page:
            return []
        stmt = _rows_query([AssistCase.id.in_(page)], sort, descending)
        return [_to_row(r) for r in s.execute(stmt)]


def count_cases(db: Database, actor: Actor, flt: CaseFilter = CaseFilter(), today: date | None = None) -> int:
    with read_call(db, actor, roles=None) as s:
        today = today or centre_today(s, actor.centre_id)
        conds = _conditions(s, actor.centre_id, flt, today)
        return s.scalar(select(func.count()).select_from(AssistCase).where(*conds)) or 0


def search(db: Database, actor: Actor, query: str, limit: int = 50) -> list[CaseListRow]:
    """What `ipaid search` prints: the list's first rows for this query, in the list's order."""
    return list_cases(db, actor, CaseFilter(query=query), limit=limit)


def all_rows(db: Database, actor: Actor, flt: CaseFilter, *, sort: str = "registered_on",
             descending: bool = True, today: date | None = None) -> list[CaseListRow]:
    rows: list[CaseListRow] = []
    while True:
        page = list_cases(db, actor, flt, sort=sort, descending=descending, offset=len(rows), limit=5000, today=today)
        rows += page
        if len(page) < 5000:
            return rows
