"""A large case database for the benchmarks, written row by row in bulk (not through the services:
100k registrations one at a time would take far longer than the measurement).

Deterministic for a seed. The search index comes from the same `app.search.index` writer the services use,
so searches behave exactly as in the program.
"""
from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert

from app.calendar_table import calendar_for
from app.database import Database
from app.rules import deadlines
from app.rules import identifiers as ids
from app.search.index import index_records
from app.services.parties import name_pinyin
from app.services.setup import NewAccount, initialise
from db.models import AssistCase, CaseEvent, CaseRight, IpRight, Party

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯健俊帆帅旭宁琳欣悦晨阳雪梅倩婷海波建国志文斌辉"
CITIES = ["沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "铁岭", "朝阳", "盘锦", "葫芦岛",
          "北京", "上海", "深圳", "杭州", "苏州", "宁波", "青岛", "济南", "天津", "重庆", "成都", "武汉"]
WORDS = ["华兴", "鑫源", "恒达", "金泰", "宏远", "新创", "博远", "中科", "天成", "瑞丰", "东方", "长城", "永盛", "精工",
         "智能", "蓝海", "星辰", "润泽", "汇通", "安达", "凯瑞", "正和", "德信", "龙腾", "盛世", "佳美", "联创", "北方"]
TRADES = ["机械", "电子", "科技", "化工", "服饰", "食品", "医疗器械", "新材料", "软件", "家具", "汽车配件", "光电", "包装", "文化传媒"]
SUFFIX = ["有限公司", "股份有限公司", "有限责任公司", "厂", "商行"]
PRODUCTS = ["电动工具", "儿童玩具", "运动鞋", "手机壳", "LED灯具", "保温杯", "服装", "家具", "药品包装", "汽车配件", "电路板", "茶叶"]
SUMMARY = ["申请人发现被申请人在{p}上使用与其{k}相同的技术方案，请求出具侵权判定参考意见。",
           "被申请人未经许可在电商平台销售仿冒{p}，申请人请求调解。",
           "申请人称被申请人在展会上展出的{p}落入其{k}保护范围，请求协助维权。",
           "双方就{p}的{k}权属发生争议，申请人请求咨询指导。"]
STATUSES = ["registered"] * 3 + ["supplementing"] + ["accepted"] * 10 + ["refused"] + ["withdrawn"] + \
           ["closed"] * 10 + ["followed_up"] * 30 + ["archived"] * 10


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def company_name(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(WORDS) + rng.choice(TRADES) + rng.choice(SUFFIX)


def _party(rng: random.Random, centre_id: uuid.UUID, common: dict) -> dict:
    if rng.random() < 0.35:
        kind, name, ident = "person", person_name(rng), ids.make_resident_id(rng)
    else:
        kind, name, ident = "enterprise", company_name(rng), ids.make_credit_code(rng)
    return dict(id=uuid.UUID(int=rng.getrandbits(128), version=4), centre_id=centre_id, kind=kind, name=name,
                name_pinyin=name_pinyin(name), identifier=ident if rng.random() < 0.8 else None,
                phone=ids.make_mobile(rng), **common)


def _right(rng: random.Random, centre_id: uuid.UUID, owner: uuid.UUID, common: dict) -> dict:
    roll = rng.random()
    nice = ""
    if roll < 0.6:
        kind = rng.choice(("invention", "utility", "design"))
        label = {"invention": "发明专利", "utility": "实用新型", "design": "外观设计"}[kind]
        number = ids.make_patent_number(rng, label, rng.randint(2010, 2025))
    elif roll < 0.9:
        kind, number = "trademark", str(rng.randint(1_000_000, 70_000_000))
        nice = str(rng.randint(1, 45))
    else:
        kind, number = rng.choice(("copyright", "trade_secret")), ""
    return dict(id=uuid.UUID(int=rng.getrandbits(128), version=4), centre_id=centre_id, kind=kind, number=number,
                title=rng.choice(PRODUCTS), nice_classes=nice, owner_id=owner, legal_status="", **common)


def _write(db: Database, tables, records: list[tuple]) -> None:
    """Core inserts (no ORM bookkeeping); the search index through the same writer the services use."""
    with db.write_session() as s:
        for model, rows in tables:
            if rows:
                s.execute(insert(model.__table__), rows)
        index_records(s, records)
        s.commit()


def build(db: Database, cases: int, seed: int, today: date, progress=print) -> None:
    rng = random.Random(seed)
    [cw, sup] = initialise(db, centre_name="辽宁省知识产权保护中心", centre_short="辽", accounts=[
        NewAccount("caseworker", "李明", "demo", ("caseworker",)),
        NewAccount("supervisor", "王主任", "demo", ("supervisor",))])
    centre_id = cw.centre_id
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    common = dict(version=1, created_at=now, updated_at=now, deleted=False)
    with db.write_session() as s:
        cal = calendar_for(s)
    limits = deadlines.Limits()
    first_day = date(today.year - 4, 1, 1)
    span = (today - first_day).days
    days = sorted(first_day + timedelta(days=rng.randint(0, span)) for _ in range(cases))
    seq_by_year: dict[int, int] = {}
    batch = 5000
    # Parties come back: a pool a third the size of the case count, written first.
    pool = [_party(rng, centre_id, common) for _ in range(max(cases // 3, 10))]
    for start in range(0, len(pool), batch):
        chunk = pool[start:start + batch]
        _write(db, [(Party, chunk)], [("party", p["id"], p) for p in chunk])
    for start in range(0, cases, batch):
        right_rows, case_rows, link_rows, event_rows, tokens = [], [], [], [], []
        for day in days[start:start + batch]:
            applicant, opposing = rng.sample(pool, 2)
            right = _right(rng, centre_id, applicant["id"], common)
            right_rows.append(right)
            seq_by_year[day.year] = seq_by_year.get(day.year, 0) + 1
            status = rng.choice(STATUSES) if (today - day).days > 60 else rng.choice(STATUSES[:16])
            case_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            product = rng.choice(PRODUCTS)
            summary = rng.choice(SUMMARY).format(p=product, k=rng.choice(("专利", "商标", "外观设计专利")))
            decided = day + timedelta(days=rng.randint(1, 7)) if status not in ("registered", "supplementing") else None
            closed = decided + timedelta(days=rng.randint(5, 40)) if decided and status in (
                "closed", "followed_up", "archived") else None
            case_rows.append(dict(
                id=case_id, centre_id=centre_id, case_no=f"〔{day.year}〕辽维援字第{seq_by_year[day.year]:04d}号",
                registered_on=day, channel=rng.choice(("visit", "phone", "online", "letter", "fair", "referred")),
                applicant_id=applicant["id"], opposing_party_id=opposing["id"], ip_kind=right["kind"],
                dispute_type="infringement", overseas=rng.random() < 0.05, services=["opinion"], summary=summary,
                assignee_id=cw.user_id if decided and rng.random() < 0.5 else (sup.user_id if decided else None),
                status=status, paused_workdays=0, decision="accepted" if decided else None, decided_on=decided,
                refusal_reason="", closed_on=closed, outcome="mediated" if closed else None,
                decision_due_on=deadlines.decision_due(cal, day, 0, limits),
                close_due_on=deadlines.close_due(cal, decided, limits) if decided else None,
                followup_due_on=deadlines.followup_due(cal, closed, limits) if closed else None,
                supplement_due_on=deadlines.supplement_due(cal, day, limits) if status == "supplementing" else None,
                source="demo", note="", **common))
            link_rows.append(dict(id=uuid.UUID(int=rng.getrandbits(128), version=4), centre_id=centre_id,
                                  case_id=case_id, right_id=right["id"], **common))
            event_rows.append(dict(id=uuid.UUID(int=rng.getrandbits(128), version=4), centre_id=centre_id,
                                   case_id=case_id, kind="registered", at=now, on=day, actor_id=cw.user_id,
                                   actor_name="李明", text="登记申请", data={}, **common))
            tokens += [("ip_right", right["id"], right), ("assist_case", case_id, case_rows[-1])]
        _write(db, [(IpRight, right_rows), (AssistCase, case_rows), (CaseRight, link_rows),
                    (CaseEvent, event_rows)], tokens)
        progress(f"  {min(start + batch, cases)} / {cases} cases")
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    if not db.is_sqlite:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")  # fresh statistics, as autovacuum would give a while later
    with db.write_session() as s:
        from app.numbering import _lock  # the sequences continue after the generated numbers
        for year, last in seq_by_year.items():
            _lock(s, centre_id, "〔{year}〕{short}维援字第{seq:04d}号", year).last_value = last
        s.commit()
