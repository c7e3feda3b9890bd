"""How a pinyin look-up reaches the token index: through a range of its primary key, never by
reading the whole table (tens of millions of tokens at 100k cases)."""
from __future__ import annotations

from sqlalchemy import create_engine, text

from app.search.lookup import candidate_ids, plan_for
from db.models import Base


def test_a_pinyin_lookup_searches_a_key_range_instead_of_scanning(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'plan.sqlite'}")
    Base.metadata.create_all(engine)  # a test schema only; the program migrates
    stmt = candidate_ids("expert", plan_for("zhang")).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {stmt}")))
    assert "SCAN search_token" not in plan, plan
    assert "token>? AND token<?" in plan, plan


def test_a_short_lookup_reads_its_token_not_the_tables_whole_index(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'plan.sqlite'}")
    Base.metadata.create_all(engine)
    stmt = candidate_ids("party", plan_for("张三")).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {stmt}")))
    assert "SCAN" not in plan and "PRIMARY KEY (token=?" in plan, plan
