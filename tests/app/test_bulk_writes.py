"""add_bulk / update_bulk: many records written at once, but stamped, evented and indexed like any change."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import ConcurrentChange
from app.service import RECEIVED, add_bulk, new_record, service_call, update_bulk
from app.services.party_view import search_parties
from db.models import AuditEvent, Party


def _parties(centre, names):
    with service_call(centre.db, centre.caseworker, roles={"caseworker"}, action="test.parties") as s:
        made = [Party(centre_id=centre.caseworker.centre_id, kind="enterprise", name=n) for n in names]
        s.add_all(made)
        s.flush()
        return [p.id for p in made]


def _current(s, ids):
    table = Party.__table__
    return {r["id"]: dict(r) for r in s.execute(table.select().where(table.c.id.in_(ids))).mappings()}


def _events_for(db, record_id):
    with db.read_session() as s:
        return s.scalars(select(AuditEvent).where(AuditEvent.record_id == record_id).order_by(AuditEvent.seq)).all()


def test_update_bulk_stamps_events_and_reindexes_each_record(centre):
    db, supervisor = centre.db, centre.supervisor
    ids = _parties(centre, ["青松机械有限公司", "白鹭纺织有限公司"])
    with service_call(db, supervisor, roles=None, action="test.rename") as s:
        rows = _current(s, ids)
        update_bulk(s, Party, [(rows[ids[0]], {"name": "红枫电子有限公司"}),
                               (rows[ids[1]], {"phone": "024-12345678"})])
    with db.read_session() as s:
        after = _current(s, ids)
    renamed, rephoned = after[ids[0]], after[ids[1]]
    assert renamed["name"] == "红枫电子有限公司" and rephoned["phone"] == "024-12345678"
    assert rephoned["name"] == "白鹭纺织有限公司"  # a field nobody changed stays
    for row in (renamed, rephoned):
        assert row["version"] == 2 and row["updated_by"] == supervisor.user_id
    # One event each, holding the values after the change (the phone hashed, as personal data is).
    last = _events_for(db, ids[0])[-1]
    assert last.action == "test.rename:update" and last.data["name"] == "红枫电子有限公司"
    assert _events_for(db, ids[1])[-1].data["phone"].startswith("sha256:")
    # The renamed record is found by its new name only.
    assert [p.name for p in search_parties(db, centre.caseworker, "红枫")] == ["红枫电子有限公司"]
    assert search_parties(db, centre.caseworker, "青松") == []


def test_update_bulk_refuses_a_record_changed_since_it_was_read(centre):
    db = centre.db
    ids = _parties(centre, ["青松机械有限公司", "白鹭纺织有限公司"])
    with db.read_session() as s:
        stale = _current(s, ids)
    with service_call(db, centre.caseworker, roles=None, action="test.edit") as s:
        s.get(Party, ids[1]).name = "白鹭纺织集团"  # someone else saves first
    with pytest.raises(ConcurrentChange):
        with service_call(db, centre.supervisor, roles=None, action="test.rename") as s:
            update_bulk(s, Party, [(stale[ids[0]], {"name": "红枫电子有限公司"}),
                                   (stale[ids[1]], {"name": "黑山纺织有限公司"})])
    with db.read_session() as s:
        names = {r["id"]: r["name"] for r in _current(s, ids).values()}
    assert names == {ids[0]: "青松机械有限公司", ids[1]: "白鹭纺织集团"}  # nothing of the refused call kept


def test_records_received_from_another_device_are_indexed_but_not_evented_again(centre):
    db = centre.db
    with service_call(db, centre.supervisor, roles=None, action="test.receive") as s:
        record = new_record(Party, centre_id=centre.supervisor.centre_id, kind="enterprise", name="远山陶瓷有限公司")
        add_bulk(s, [record], kind=RECEIVED)
    assert _events_for(db, record.id) == []
    assert [p.name for p in search_parties(db, centre.caseworker, "远山")] == ["远山陶瓷有限公司"]


def test_update_bulk_writes_json_values_and_deletions(centre):
    """A merge may change a JSON column (a fair's staff) or delete a record (a laptop's deletion arrives
    as deleted = true): both are written, and the deletion is evented as one."""
    from datetime import date

    from app.services import fairs
    from db.models import Fair

    db = centre.db
    fair = fairs.create_fair(db, centre.admin, name="2026 秋季交易会", starts_on=date(2026, 10, 15),
                             ends_on=date(2026, 10, 19))
    gone = _parties(centre, ["青松机械有限公司"])[0]
    staff = [str(centre.fairstaff.user_id), str(centre.caseworker.user_id)]
    with service_call(db, centre.admin, roles=None, action="test.merge") as s:
        fair_row = dict(s.execute(Fair.__table__.select().where(Fair.__table__.c.id == fair.id)).mappings().one())
        update_bulk(s, Fair, [(fair_row, {"staff_ids": staff})])
        update_bulk(s, Party, [(_current(s, [gone])[gone], {"deleted": True})])
    with db.read_session() as s:
        assert s.get(Fair, fair.id).staff_ids == staff
        assert s.get(Party, gone).deleted is True
    assert _events_for(db, gone)[-1].action == "test.merge:delete"
    assert search_parties(db, centre.caseworker, "青松") == []
