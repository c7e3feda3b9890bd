"""The benchmark's yardstick: the same reads as the services, written by hand in plain SQL.

One statement per list page or search (the page's ids sorted and cut in a subquery, then the row's
names joined), and the monthly figures as the conditional sums `app.reports.figures` builds, spelled
out. Run through the DBAPI cursor (no ORM, no SQLAlchemy compilation), valid on SQLite and
PostgreSQL alike. A service call slower than this by more than 2× is overhead worth finding.

The search statements read the token index as it is stored today (`search_token`: token,
table_name, record_id; `py:`/`pi:` pinyin, `d3:` digit trigrams): change them with the index.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from app.search.tokens import normalise

PAGE_ROWS = """
SELECT c.id, c.case_no, c.registered_on, a.name, a.identifier, o.name, c.ip_kind, c.status, u.display_name,
       CASE c.status WHEN 'registered' THEN c.decision_due_on WHEN 'supplementing' THEN c.supplement_due_on
                     WHEN 'accepted' THEN c.close_due_on WHEN 'closed' THEN c.followup_due_on END,
       c.version, a.kind
FROM (SELECT id FROM assist_case
      WHERE centre_id = {centre} AND NOT deleted {match}
      ORDER BY registered_on DESC, case_no DESC LIMIT {limit}) page
JOIN assist_case c ON c.id = page.id
JOIN party a ON a.id = c.applicant_id
LEFT JOIN party o ON o.id = c.opposing_party_id
LEFT JOIN app_user u ON u.id = c.assignee_id
ORDER BY c.registered_on DESC, c.case_no DESC
"""

# Cases whose own row, applicant, opposing party or right is among the matching records.
CASE_MATCH = """AND id IN (
      SELECT id FROM assist_case WHERE id IN ({cases})
      UNION SELECT id FROM assist_case WHERE applicant_id IN ({parties})
      UNION SELECT id FROM assist_case WHERE opposing_party_id IN ({parties2})
      UNION SELECT case_id FROM case_right WHERE right_id IN ({rights}))"""

# table → (alias-free columns checked with LIKE for a 3+-character query)
LIKE_COLUMNS = {"assist_case": ("case_no", "summary"), "party": ("name", "identifier"),
                "ip_right": ("number", "title")}


class Paramstyle:
    """Placeholders for the driver: sqlite3 takes `?`, psycopg takes `%s`."""

    def __init__(self, sqlite: bool) -> None:
        self.sqlite = sqlite
        self.values: list = []

    def __call__(self, value) -> str:
        self.values.append(value)
        return "?" if self.sqlite else "%s"

    def day(self, value: date) -> str:
        return self(value.isoformat() if self.sqlite else value)

    def instant(self, value: datetime) -> str:
        utc = value.astimezone(timezone.utc)
        return self(utc.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds") if self.sqlite else utc)


def _tokens_exact(p: Paramstyle, table: str, token: str) -> str:
    return f"SELECT record_id FROM search_token WHERE token = {p(token)} AND table_name = '{table}'"


def _tokens_prefix(p: Paramstyle, table: str, prefix: str) -> str:
    hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (f"SELECT record_id FROM search_token WHERE token >= {p(prefix)} AND token < {p(hi)} "
            f"AND table_name = '{table}'")


def _tokens_all(p: Paramstyle, table: str, tokens: list[str], typed: str) -> str:
    """Records holding every token, confirmed by LIKE on the fields (as typed, lower case)."""
    marks = ", ".join(p(t) for t in tokens)
    holding = (f"SELECT record_id FROM search_token WHERE token IN ({marks}) AND table_name = '{table}' "
               f"GROUP BY record_id HAVING count(*) = {len(tokens)}")
    pattern = f"%{typed.lower()}%"
    likes = " OR ".join(f"lower(coalesce({col}, '')) LIKE {p(pattern)}" for col in LIKE_COLUMNS[table])
    return f"SELECT id FROM {table} WHERE id IN ({holding}) AND ({likes})"


def _records(p: Paramstyle, kind: str, query: str, table: str) -> str:
    """Ids of `table` records matching the query (placeholders appended to `p` in text order)."""
    text = normalise(query)
    if kind == "two_char":
        return _tokens_exact(p, table, text)
    if kind == "initials":
        # Letters only: full pinyin or initials of a name, or the letters themselves in any field.
        # (built in the order of the text: the placeholders are positional)
        full = _tokens_prefix(p, table, "py:" + text)
        initials = _tokens_prefix(p, table, "pi:" + text)
        literal = _tokens_exact(p, table, text) if len(text) <= 2 else _tokens_all(p, table, _bigrams(text), query)
        either = " UNION ".join((full, initials, literal))
        return f"SELECT record_id FROM ({either}) AS found"
    # 3+ characters: every digit trigram when it holds a number, else every bigram
    digits = sorted({"d3:" + text[i:i + 3] for i in range(len(text) - 2) if text[i:i + 3].isdigit()})
    return _tokens_all(p, table, digits or _bigrams(text), query)


def _bigrams(text: str) -> list[str]:
    return sorted({text[i:i + 2] for i in range(len(text) - 1)})


def page_statement(sqlite: bool, centre_id, limit: int, search: tuple[str, str] | None = None) -> tuple[str, list]:
    """The list's first page (newest registration first), optionally for a search (kind, query).
    Placeholders are positional, so the parts are built in the order they appear in the text."""
    p = Paramstyle(sqlite)
    centre = p(centre_id)
    match = ""
    if search is not None:
        kind, query = search
        match = CASE_MATCH.format(cases=_records(p, kind, query, "assist_case"),
                                  parties=_records(p, kind, query, "party"),
                                  parties2=_records(p, kind, query, "party"),
                                  rights=_records(p, kind, query, "ip_right"))
    return PAGE_ROWS.format(centre=centre, match=match, limit=int(limit)), p.values


# ------------------------------------------------------------------------------ monthly figures
FIGURES = """
SELECT
  sum(CASE WHEN {reg} THEN 1 ELSE 0 END),
  sum(CASE WHEN c.decision = 'accepted' AND c.decided_on BETWEEN {first} AND {last} THEN 1 ELSE 0 END),
  sum(CASE WHEN c.decision IN ('refused', 'withdrawn') AND c.decided_on BETWEEN {first} AND {last} THEN 1 ELSE 0 END),
  sum(CASE WHEN {closed} THEN 1 ELSE 0 END),
  sum(CASE WHEN {open} THEN 1 ELSE 0 END),
  sum(CASE WHEN {reg} AND a.scale IN ('medium', 'small', 'micro', 'individual') THEN 1 ELSE 0 END),
  sum(CASE WHEN {reg} AND (c.overseas OR c.dispute_type = 'overseas') THEN 1 ELSE 0 END),
  sum(CASE WHEN {open} AND ((NOT {acc_by_last} AND {ord_last} - w_reg.ordinal - {paused} - {lim_dec} > 0)
                            OR ({acc_by_last} AND {ord_last} - w_dec.ordinal - {lim_close} > 0)) THEN 1 ELSE 0 END),
  sum(CASE WHEN c.registered_on BETWEEN {ytd} AND {last} THEN 1 ELSE 0 END),
  sum(CASE WHEN {closed} AND c.outcome = 'mediated' THEN 1 ELSE 0 END),
  sum(CASE WHEN {closed} AND c.outcome IN ('mediated', 'mediation_failed') THEN 1 ELSE 0 END),
  sum(CASE WHEN {handled} THEN w_closed.ordinal - w_dec.ordinal ELSE 0 END),
  sum(CASE WHEN {handled} THEN 1 ELSE 0 END),
  sum(CASE WHEN {scored} THEN c.satisfaction ELSE 0 END),
  sum(CASE WHEN {scored} THEN 1 ELSE 0 END)
FROM assist_case c
LEFT JOIN party a ON a.id = c.applicant_id
LEFT JOIN workday w_reg ON w_reg.day = c.registered_on
LEFT JOIN workday w_dec ON w_dec.day = c.decided_on
LEFT JOIN workday w_closed ON w_closed.day = c.closed_on
LEFT JOIN workday w_asked ON w_asked.day = c.supplement_requested_on
LEFT JOIN workday w_got ON w_got.day = c.supplement_received_on
WHERE NOT c.deleted AND c.registered_on <= {last} AND c.centre_id = {centre}
  AND (c.registered_on >= {since} OR c.decided_on >= {first} OR c.closed_on >= {first} OR c.followed_up_on >= {first}
       OR (c.closed_on IS NULL AND (c.decision IS NULL OR c.decision NOT IN ('refused', 'withdrawn')
                                    OR c.decided_on IS NULL)))
"""
FIGURE_NAMES = ("registered", "accepted", "rejected", "closed", "open_at_end", "sme", "overseas", "overdue_at_end",
                "ytd_registered", "mediated", "mediation_decided", "handling_sum", "handling_n", "satisfaction_sum",
                "satisfaction_n")


@dataclass(frozen=True)
class FigureInputs:
    """What the figures depend on besides the rows: looked up once, outside the timing."""

    centre_id: object
    first: date
    last: date
    ordinal_last: int
    limit_decision: int
    limit_close: int
    zone: ZoneInfo


def _figures_sql(sqlite: bool, f: FigureInputs) -> tuple[str, list]:
    """Named parameters would be neater, but sqlite3 and psycopg spell them differently; the
    statement is assembled with the values inlined as literals of their own types instead."""
    def day(d: date) -> str:
        return f"'{d.isoformat()}'" if sqlite else f"DATE '{d.isoformat()}'"

    first, last, ytd = day(f.first), day(f.last), day(date(f.last.year, 1, 1))
    since = day(min(f.first, date(f.last.year, 1, 1)))
    reg = f"c.registered_on BETWEEN {first} AND {last}"
    closed = f"c.closed_on BETWEEN {first} AND {last}"
    open_ = (f"(c.registered_on <= {last} AND (c.decision IS NULL OR c.decision NOT IN ('refused', 'withdrawn') "
             f"OR c.decided_on IS NULL OR c.decided_on > {last}) AND (c.closed_on IS NULL OR c.closed_on > {last}))")
    acc_by_last = f"(c.decision = 'accepted' AND c.decided_on IS NOT NULL AND c.decided_on <= {last})"
    received = (f"CASE WHEN c.supplement_received_on IS NOT NULL AND c.supplement_received_on <= {last} "
                f"THEN w_got.ordinal ELSE {f.ordinal_last} END")
    paused = (f"(CASE WHEN c.supplement_requested_on IS NOT NULL AND c.supplement_requested_on <= {last} "
              f"THEN {received} - w_asked.ordinal ELSE 0 END)")
    handled = f"({closed} AND w_dec.ordinal IS NOT NULL AND w_closed.ordinal IS NOT NULL)"
    scored = f"(c.followed_up_on BETWEEN {first} AND {last} AND c.satisfaction IS NOT NULL)"
    centre = "?" if sqlite else "%s"
    sql = FIGURES.format(reg=reg, first=first, last=last, closed=closed, open=open_, acc_by_last=acc_by_last,
                         ord_last=f.ordinal_last, paused=paused, lim_dec=f.limit_decision, lim_close=f.limit_close,
                         ytd=ytd, handled=handled, scored=scored, centre=centre, since=since)
    return sql, [f.centre_id]


def _grouped(sqlite: bool, f: FigureInputs) -> list[tuple[str, str, list]]:
    p = Paramstyle(sqlite)
    start = datetime.combine(f.first, time(0), f.zone)
    end = datetime.combine(f.last + timedelta(days=1), time(0), f.zone)
    statements = []
    for name, sql in (
        ("by_ip_type", "SELECT ip_kind, count(*) FROM assist_case WHERE centre_id = {c} AND NOT deleted "
                       "AND registered_on BETWEEN {a} AND {b} GROUP BY ip_kind"),
        ("by_outcome", "SELECT outcome, count(*) FROM assist_case WHERE centre_id = {c} AND NOT deleted "
                       "AND closed_on BETWEEN {a} AND {b} GROUP BY outcome"),
        ("opinions", "SELECT kind, count(*) FROM opinion WHERE centre_id = {c} AND NOT deleted "
                     "AND issued_on BETWEEN {a} AND {b} GROUP BY kind"),
        ("referrals", "SELECT target, count(*) FROM referral WHERE centre_id = {c} AND NOT deleted "
                      "AND referred_on BETWEEN {a} AND {b} GROUP BY target"),
    ):
        p.values.clear()
        statements.append((name, sql.format(c=p(f.centre_id), a=p.day(f.first), b=p.day(f.last)), p.values[:]))
    for name, sql in (
        ("consultations", "SELECT topic, count(*) FROM consultation WHERE centre_id = {c} AND NOT deleted "
                          "AND started_at >= {a} AND started_at < {b} GROUP BY topic"),
        ("complaints", "SELECT accepted, outcome, count(*) FROM fair_complaint WHERE centre_id = {c} "
                       "AND NOT deleted AND received_at >= {a} AND received_at < {b} GROUP BY accepted, outcome"),
    ):
        p.values.clear()
        statements.append((name, sql.format(c=p(f.centre_id), a=p.instant(start), b=p.instant(end)), p.values[:]))
    return statements


def monthly_figures(cursor, sqlite: bool, f: FigureInputs) -> dict[str, object]:
    """Every figure of `report monthly`, by hand: one conditional-sum statement and six GROUP BYs."""
    sql, params = _figures_sql(sqlite, f)
    cursor.execute(sql, params)
    row = cursor.fetchone()
    out: dict[str, object] = {name: int(v or 0) for name, v in zip(FIGURE_NAMES, row)}
    for name, sql, params in _grouped(sqlite, f):
        cursor.execute(sql, params)
        out[name] = cursor.fetchall()
    return out


def centre_of(cursor, username: str):
    """The centre id of a user, as the driver returns it (hex text on SQLite, a UUID on PostgreSQL)."""
    cursor.execute("SELECT centre_id FROM app_user WHERE username = " + ("?" if _is_sqlite(cursor) else "%s"),
                   [username])
    return cursor.fetchone()[0]


def _is_sqlite(cursor) -> bool:
    return type(cursor).__module__.startswith("sqlite3")


def as_uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
