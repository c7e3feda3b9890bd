"""A reproducible synthetic case ledger (rows as ledger-format.md describes them), for benchmarks.

Every row is valid; about one in five leaves 案件编号 empty so numbers are minted too. Dates run
over `years` years ending at `last_day`, with each case's later steps drawn after its earlier ones."""
from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

from app.labels import CHANNEL, DISPUTE_TYPE, IP_KIND, OUTCOME, SATISFACTION, SCALE
from app.ledger.columns import HEADERS
from app.rules import identifiers as ids

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国文斌宇浩凯晨"
_CITIES = ("沈阳", "大连", "鞍山", "宁波", "苏州", "东莞", "佛山", "成都", "义乌", "温州", "新乡", "青岛")
_TRADES = ("科技", "电子", "机械", "服饰", "食品", "照明", "纺织", "生物", "智能装备", "新材料")
_WORDS = ("华", "信", "达", "瑞", "康", "远", "宏", "恒", "博", "新", "通", "创", "泰", "安", "宇")
_CASEWORKERS = ("李明", "王芳", "张磊", "陈晨", "赵静", "刘洋", "孙丽", "周杰")


def _company(rng: random.Random) -> str:
    return f"{rng.choice(_CITIES)}{rng.choice(_WORDS)}{rng.choice(_WORDS)}{rng.choice(_TRADES)}有限公司"


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def ledger_rows(n: int, *, seed: int = 7, last_day: date = date(2026, 10, 31), years: int = 3) -> list[dict]:
    rng = random.Random(seed)
    span = years * 365
    companies = [(_company(rng), ids.make_credit_code(rng)) for _ in range(max(50, n // 4))]
    rows = []
    for i in range(n):
        registered = last_day - timedelta(days=rng.randrange(span))
        person = rng.random() < 0.3
        name, ident = ((_person(rng), ids.make_resident_id(rng)) if person else rng.choice(companies))
        kind = rng.choice(list(IP_KIND.values()))
        rows.append(_row(rng, i, registered, last_day, person, name, ident, kind))
    return rows


def _right_number(rng: random.Random, kind: str, year: int) -> str:
    if kind in ids.PATENT_KIND_LABELS:
        return "ZL" + ids.make_patent_number(rng, kind, rng.randint(2010, min(year, 2025)))
    if kind == "商标":
        return str(rng.randint(1_000_000, 79_999_999))
    return ""


def _row(rng, i, registered, last_day, person, name, ident, kind) -> dict:
    r = {h: "" for h in HEADERS}
    r.update({
        "案件编号": "" if rng.random() < 0.2 else f"BM{registered.year}{i:07d}",
        "登记日期": registered.isoformat(), "申请渠道": rng.choice(list(CHANNEL.values())),
        "申请人": name, "申请人类型": "自然人" if person else "企业",
        "企业规模": "" if person else rng.choice(list(SCALE.values())),
        "证件号码": ident if rng.random() < 0.9 else "", "联系电话": ids.make_mobile(rng),
        "知识产权类型": kind, "权利号": _right_number(rng, kind, registered.year),
        "纠纷类型": rng.choice(list(DISPUTE_TYPE.values())), "是否涉外": rng.choice(("是", "否", "")),
        "被请求人": _company(rng) if rng.random() < 0.7 else "",
    })
    decided = registered + timedelta(days=rng.randint(0, 8))
    roll = rng.random()
    if decided > last_day or roll < 0.08:
        r["受理决定"] = "待定"
        return r
    if roll < 0.18:
        r.update({"受理决定": "不予受理", "决定日期": decided.isoformat(), "不予受理理由": "不属于援助范围"})
        return r
    r.update({"受理决定": "受理", "决定日期": decided.isoformat(), "承办人": rng.choice(_CASEWORKERS)})
    closed = decided + timedelta(days=rng.randint(3, 60))
    if closed > last_day or rng.random() < 0.1:
        return r
    r.update({"办结日期": closed.isoformat(), "办理结果": rng.choice(list(OUTCOME.values()))})
    followed = closed + timedelta(days=rng.randint(1, 15))
    if followed <= last_day and rng.random() < 0.6:
        r["回访日期"] = followed.isoformat()
        r["满意度"] = rng.choice(list(SATISFACTION)) if rng.random() < 0.7 else str(rng.randint(50, 100))
    return r


def write_csv(path: Path, rows: list[dict]) -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([r[h] for h in HEADERS] for r in rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path
