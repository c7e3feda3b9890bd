"""Centre + two laptops at one fair: every merge rule of design.md §7, on SQLite and PostgreSQL
(the centre follows `db_url`; laptops are SQLite files)."""
from __future__ import annotations

from sqlalchemy import func, select

from app.audit import verify_chain
from app.integrity import check_database
from app.services import fairs
from app.sync import export, merge, receipt
from db.models import AuditEvent, Exhibitor, FairComplaint, SyncConflict

from tests.sync.sync_data import PASSPHRASE, at, dump


def exhibitor(db, ex_id):
    with db.read_session() as s:
        return s.get(Exhibitor, ex_id)


def complaint_numbers(db):
    with db.read_session() as s:
        return sorted(s.scalars(select(FairComplaint.complaint_no)))


def test_two_laptops_merge_by_every_rule(fair_setup, tmp_path):
    f = fair_setup
    db, admin, ex = f.db, f.admin, f.exhibitors
    # A complaint the centre took before the kits were issued travels in both kits.
    c0 = fairs.register_complaint(db, admin, f.fair.id, complainant=fairs.Complainant("上海某贸易有限公司"),
                                  ip_kind="商标", right_number="12345678", respondent_exhibitor_id=ex["e2"].id,
                                  received_at=at(15, 1))
    a, b = f.laptop("a"), f.laptop("b")

    # Laptop A works offline.
    fairs.update_exhibitor(a.db, a.actor, ex["e1"].id, products="手机、平板")          # only the laptop changes it
    fairs.update_exhibitor(a.db, a.actor, ex["e2"].id, products="手环")              # centre changes another field
    fairs.update_exhibitor(a.db, a.actor, ex["e3"].id, booth="2B99")                 # both change, differently
    fairs.update_exhibitor(a.db, a.actor, ex["e4"].id, products="冰箱")              # both change, the same way
    fairs.remove_exhibitor(a.db, a.actor, ex["e5"].id)                               # deleted on the laptop
    ca = fairs.register_complaint(
        a.db, a.actor, f.fair.id, complainant=fairs.Complainant("某某科技公司"), ip_kind="发明专利",
        right_number="201710601862.3", respondent_exhibitor_id=ex["e1"].id, received_at=at(16, 2),
        materials={"right_proof": True, "identity": True, "legal_status": True, "respondent_info": True,
                   "reasons_evidence": True})
    fairs.add_patrol_note(a.db, a.actor, f.fair.id, text="2号馆巡查，未发现问题", hall="2", at=at(16, 3))
    # Offline, the kit's digest already knows the respondent was complained about at the 2025 fair.
    assert any("2025" in note for note in fairs.get_complaint(a.db, a.actor, ca.id).repeat_respondent)

    # Laptop B, the same fair, its own numbers.
    cb = fairs.register_complaint(b.db, b.actor, f.fair.id, complainant=fairs.Complainant("某某服饰有限公司"),
                                  ip_kind="著作权", right_number="国作登字-2020-F-00000001",
                                  respondent_name="某摊位", booth="5E01", received_at=at(16, 2))
    fairs.update_complaint(b.db, b.actor, c0.id, note="现场已核实")

    # Meanwhile at the centre.
    fairs.update_exhibitor(db, admin, ex["e2"].id, hall="5")
    fairs.update_exhibitor(db, admin, ex["e3"].id, booth="2B50")
    fairs.update_exhibitor(db, admin, ex["e4"].id, products="冰箱")
    fairs.update_complaint(db, admin, c0.id, note="中心已通知展商")

    # Two laptops never mint the same number; each carries its own device part.
    assert ca.complaint_no == "〔2026〕测展投字CJ26-1第0001号"
    assert cb.complaint_no == "〔2026〕测展投字CJ26-2第0001号"

    bundle_a = tmp_path / "a.ipaidsync"
    export.export_return(a.db, a.actor, bundle_a, PASSPHRASE)
    ra = merge.import_bundle(db, admin, bundle_a, PASSPHRASE)
    # inserted: party, ip_right, complaint, patrol note; updated: e1, e2, e5; conflict: e3; unchanged: e4
    assert (ra.inserted, ra.updated, ra.unchanged, ra.conflicts) == (4, 3, 1, 1)
    assert exhibitor(db, ex["e1"].id).products == "手机、平板"
    e2 = exhibitor(db, ex["e2"].id)
    assert (e2.hall, e2.products) == ("5", "手环")
    assert exhibitor(db, ex["e3"].id).booth == "2B50"       # the centre's value stays until resolved
    assert exhibitor(db, ex["e4"].id).products == "冰箱"
    assert exhibitor(db, ex["e5"].id).deleted is True
    # The import ran the repeat-respondent check again, against everything the centre knows.
    assert any(ca.complaint_no in flag and "2025 秋季交易会" in flag for flag in ra.flags)

    bundle_b = tmp_path / "b.ipaidsync"
    export.export_return(b.db, b.actor, bundle_b, PASSPHRASE)
    rb = merge.import_bundle(db, admin, bundle_b, PASSPHRASE)
    assert (rb.inserted, rb.updated, rb.unchanged, rb.conflicts) == (3, 0, 0, 1)
    assert len(complaint_numbers(db)) == 4  # the 2025 one, c0 and one from each laptop
    assert {ca.complaint_no, cb.complaint_no} <= set(complaint_numbers(db))

    conflicts = {(c.table, c.field): c for c in merge.list_conflicts(db, admin)}
    booth = conflicts[("exhibitor", "booth")]
    assert (booth.centre_value, booth.laptop_value) == ("2B50", "2B99")
    note = conflicts[("fair_complaint", "note")]
    assert (note.centre_value, note.laptop_value) == ("中心已通知展商", "现场已核实")

    # The same bundle twice changes nothing at all.
    before = dump(db)
    again = merge.import_bundle(db, admin, bundle_a, PASSPHRASE)
    assert again.already_imported and dump(db) == before

    # A person resolves both conflicts, one each way.
    merge.resolve_conflict(db, admin, booth.id, "centre")
    merge.resolve_conflict(db, admin, note.id, "laptop")
    assert exhibitor(db, ex["e3"].id).booth == "2B50"
    with db.read_session() as s:
        assert s.get(FairComplaint, c0.id).note == "现场已核实"
    assert merge.list_conflicts(db, admin) == []

    # Later cumulative bundles: resolved conflicts are not raised again; new work still merges.
    fairs.update_exhibitor(a.db, a.actor, ex["e1"].id, hall="1号馆")
    ra2 = merge.import_bundle(db, admin, _export(a, tmp_path / "a2.ipaidsync"), PASSPHRASE)
    assert ra2.conflicts == 0 and ra2.inserted == 0
    assert exhibitor(db, ex["e1"].id).hall == "1号馆"
    assert exhibitor(db, ex["e3"].id).booth == "2B50"
    rb2 = merge.import_bundle(db, admin, _export(b, tmp_path / "b2.ipaidsync"), PASSPHRASE)
    assert rb2.conflicts == 0 and rb2.updated == 0
    assert merge.list_conflicts(db, admin) == []
    # The laptop changes a field again after its earlier change was applied: applied, no conflict.
    fairs.update_exhibitor(a.db, a.actor, ex["e1"].id, products="手机")
    ra3 = merge.import_bundle(db, admin, _export(a, tmp_path / "a3.ipaidsync"), PASSPHRASE)
    assert (ra3.updated, ra3.conflicts) == (1, 0)
    assert exhibitor(db, ex["e1"].id).products == "手机"

    # Each laptop's audit chain arrived unchanged, as its own chain, and verifies.
    with db.read_session() as s:
        for laptop in (a, b):
            report = verify_chain(s, laptop.issued.device_id)
            assert report.broken_at is None and report.events > 5
        assert verify_chain(s, db.device_id).broken_at is None
    with a.db.read_session() as la, db.read_session() as s:
        mine = la.scalars(select(AuditEvent.hash).where(AuditEvent.device_id == a.issued.device_id)
                          .order_by(AuditEvent.seq)).all()
        theirs = s.scalars(select(AuditEvent.hash).where(AuditEvent.device_id == a.issued.device_id)
                           .order_by(AuditEvent.seq)).all()
    assert mine == theirs
    _audit_holds_every_merged_record(f, a)


def _audit_holds_every_merged_record(f, laptop):
    """A record inserted as the laptop sent it is vouched for by the laptop's own event (merged above),
    not evented again at the centre; a record the merge changed gets a centre event; each import
    leaves one `sync.import` event naming the bundle and how far the laptop's chain was taken."""
    db = f.db
    result = check_database(db, f.admin)
    assert result.ok and result.changed_rows == () and "fair_complaint" not in result.never_evented
    with db.read_session() as s:
        made_on_laptop = s.scalars(select(FairComplaint.id).where(
            FairComplaint.origin_device == laptop.issued.device_id)).all()
        assert made_on_laptop
        centre_events = s.scalars(select(AuditEvent.record_id).where(
            AuditEvent.device_id == db.device_id, AuditEvent.record_id.in_(made_on_laptop))).all()
        assert centre_events == []
        imports = s.scalars(select(AuditEvent).where(AuditEvent.device_id == db.device_id,
                                                      AuditEvent.action == "sync.import")
                            .order_by(AuditEvent.seq)).all()
        head = s.scalar(select(func.max(AuditEvent.seq)).where(AuditEvent.device_id == laptop.issued.device_id))
    assert len(imports) == 5  # a, b, a2, b2, a3
    assert imports[-1].data["chain_seq"] == head and imports[-1].data["updated"] == 1


def _export(laptop, path):
    export.export_return(laptop.db, laptop.actor, path, PASSPHRASE)
    return path


def test_open_conflict_follows_the_laptops_latest_value(fair_setup, tmp_path):
    f = fair_setup
    a = f.laptop("a", passphrase=None)
    e3 = f.exhibitors["e3"].id
    fairs.update_exhibitor(f.db, f.admin, e3, booth="2B50")
    fairs.update_exhibitor(a.db, a.actor, e3, booth="2B98")
    assert merge.import_bundle(f.db, f.admin, _export_plain(a, tmp_path / "1.ipaidsync")).conflicts == 1
    fairs.update_exhibitor(a.db, a.actor, e3, booth="2B99")
    assert merge.import_bundle(f.db, f.admin, _export_plain(a, tmp_path / "2.ipaidsync")).conflicts == 1
    open_ = merge.list_conflicts(f.db, f.admin)
    assert [(c.centre_value, c.laptop_value) for c in open_] == [("2B50", "2B99")]  # one row, latest value
    with f.db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 1


def _export_plain(laptop, path):
    export.export_return(laptop.db, laptop.actor, path, None)
    return path


def test_receipt_closes_the_kit_only_when_everything_arrived(fair_setup, tmp_path):
    f = fair_setup
    a = f.laptop("a")
    fairs.add_patrol_note(a.db, a.actor, f.fair.id, text="巡查", at=at(16, 1))
    first = _export(a, tmp_path / "1.ipaidsync")
    merge.import_bundle(f.db, f.admin, first, PASSPHRASE)
    # More work after the export: the receipt is genuine but does not cover it.
    fairs.add_patrol_note(a.db, a.actor, f.fair.id, text="第二次巡查", at=at(16, 5))
    check = receipt.verify_receipt(a.db, a.actor, tmp_path / "1.ipaidsync.receipt")
    assert not check.covers_everything
    import pytest

    from app.errors import UsageError
    with pytest.raises(UsageError):
        receipt.close_kit(a.db, a.actor, tmp_path / "1.ipaidsync.receipt")
    second = _export(a, tmp_path / "2.ipaidsync")
    merge.import_bundle(f.db, f.admin, second, PASSPHRASE)
    check = receipt.close_kit(a.db, a.actor, tmp_path / "2.ipaidsync.receipt")
    assert check.covers_everything
    after = dump(a.db)
    assert all(not rows for name, rows in after.items() if name not in ("local_setting", "alembic_version"))
    assert not any("第二次巡查" in repr(rows) for rows in after.values())
