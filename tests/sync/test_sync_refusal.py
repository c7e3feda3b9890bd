"""A bundle that does not check out is refused with a clear message, and the centre's database
is exactly as it was (a dump of every table before and after)."""
from __future__ import annotations

import json
import os
import uuid

import pytest

from app.errors import UsageError
from app.services import fairs
from app.services.setup import NewAccount, initialise
from app.sync import bundle, export, merge
from db.models import SyncKit

import bundle_tools as bt
from tests.sync.sync_data import PASSPHRASE, at, dump
from tests.conftest import PASSWORD


def kit_secret(db, kit_id) -> bytes:
    with db.read_session() as s:
        return bytes.fromhex(s.get(SyncKit, kit_id).secret)


def test_refused_bundles_leave_the_centre_unchanged(fair_setup, tmp_path):
    f = fair_setup
    a = f.laptop("a")
    fairs.add_patrol_note(a.db, a.actor, f.fair.id, text="巡查记录", at=at(16, 1))
    fairs.update_exhibitor(a.db, a.actor, f.exhibitors["e1"].id, products="手机")
    plain = tmp_path / "plain.ipaidsync"
    export.export_return(a.db, a.actor, plain, None)
    sealed = tmp_path / "sealed.ipaidsync"
    export.export_return(a.db, a.actor, sealed, PASSPHRASE)
    raw, enc = plain.read_bytes(), sealed.read_bytes()
    secret = kit_secret(f.db, a.issued.kit_id)
    chain = json.loads(bt.members(raw)["audit.json"])
    chain[1]["data"] = {"note": "改过"}
    flipped = bytearray(raw)
    flipped[len(raw) // 2] ^= 0x20
    enc_flipped = bytearray(enc)
    enc_flipped[-40] ^= 0x01

    cases = {
        "tampered byte": (bytes(flipped), None, ""),
        "tampered byte, encrypted": (bytes(enc_flipped), PASSPHRASE, "口令不正确，或文件已被改动"),
        "truncated": (raw[: len(raw) - 100], None, ""),
        "truncated, encrypted": (enc[:200], PASSPHRASE, "口令不正确，或文件已被改动"),
        "wrong passphrase": (enc, "另一个口令", "口令不正确"),
        "no passphrase for an encrypted bundle": (enc, None, "已加密"),
        "wrong format version": (bt.resign(raw, secret, format_version=2), None, "格式版本为 2"),
        "signed with another secret": (bt.resign(raw, os.urandom(32)), None, "签名不符"),
        "altered audit chain, signed": (bt.resign(raw, secret, replace={"audit.json": bundle.canonical_json(chain)}),
                                        None, "审计链"),
        "member not in the manifest": (bt.rezip(list(bt.members(raw).items()) + [("extra.txt", b"x")]), None, "清单不符"),
        "a kit instead of a return bundle": (a.kit_file.read_bytes(), PASSPHRASE, "此处需要回传数据包"),
        "not a bundle at all": (b"hello", None, "不是 IPAid 数据包"),
    }
    before = dump(f.db)
    for name, (data, phrase, words) in cases.items():
        path = bt.write(tmp_path / "case.ipaidsync", data)
        with pytest.raises(UsageError) as err:
            merge.import_bundle(f.db, f.admin, path, phrase)
        assert err.value.exit_code == 2, name
        assert words in err.value.message, (name, err.value.message)
        assert "未作任何改动" in err.value.message, name
        assert dump(f.db) == before, name
    # The genuine bundle still imports afterwards.
    assert merge.import_bundle(f.db, f.admin, sealed, PASSPHRASE).inserted == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_bundle_for_another_centre_is_refused(fair_setup, tmp_path, sqlite_template, password_hash):
    import shutil

    from app.database import open_database
    f = fair_setup
    a = f.laptop("a", passphrase=None)
    back = tmp_path / "back.ipaidsync"
    export.export_return(a.db, a.actor, back, None)
    other_path = tmp_path / "other.sqlite"
    shutil.copy(sqlite_template, other_path)
    other = open_database(str(other_path))
    try:
        admin = initialise(other, centre_name="另一个中心", centre_short="另",
                           accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin",))],
                           password_hashes={PASSWORD: password_hash})[0]
        before = dump(other)
        with pytest.raises(UsageError) as err:
            merge.import_bundle(other, admin, back)
        assert "另一个维权援助中心" in err.value.message
        assert dump(other) == before
    finally:
        other.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_kit_not_issued_here_is_refused(fair_setup, tmp_path):
    """Same centre id, but a kit this database never issued (e.g. a restored old backup)."""
    f = fair_setup
    a = f.laptop("a", passphrase=None)
    back = tmp_path / "back.ipaidsync"
    export.export_return(a.db, a.actor, back, None)
    with f.db.write_session() as s:
        s.get(SyncKit, a.issued.kit_id).id = uuid.uuid4()
        s.commit()
    before = dump(f.db)
    with pytest.raises(UsageError) as err:
        merge.import_bundle(f.db, f.admin, back)
    assert "没有发出过该展会数据包" in err.value.message
    assert dump(f.db) == before
