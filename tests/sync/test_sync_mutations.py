"""Hypothesis mutates a return bundle — bytes, manifest fields, member order, members, length —
and imports it into a fresh copy of the centre: either our typed refusal (exit 2) with the
database exactly as it was, or the full import of the untouched bundle. Never a crash, never a
partial import."""
from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.context import Actor
from app.database import open_database
from app.errors import UsageError
from app.services import fairs
from app.sync import bundle, export, merge

import bundle_tools as bt
from tests.sync.sync_data import PASSPHRASE, at, dump


@dataclass
class World:
    centre_file: Path
    admin: Actor
    plain: bytes
    sealed: bytes
    pristine: dict
    expected: dict
    work: Path
    db: object = None  # one open copy of the centre, renewed only after an accepted import

    def centre(self):
        if self.db is None:
            target = self.work / "current.sqlite"
            for p in self.work.glob("current.sqlite*"):
                p.unlink()
            shutil.copy(self.centre_file, target)
            self.db = open_database(str(target))
        return self.db


@pytest.fixture(scope="module")
def world(tmp_path_factory, sqlite_template, password_hash):
    from app.services.setup import NewAccount, initialise
    from app.services.users import authenticate
    from app.sync import kit

    from tests.conftest import PASSWORD

    work = tmp_path_factory.mktemp("mutations")
    centre_file = work / "centre.sqlite"
    shutil.copy(sqlite_template, centre_file)
    db = open_database(str(centre_file))
    admin = initialise(db, centre_name="测试中心", centre_short="测", password_hashes={PASSWORD: password_hash},
                       accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin", "fair_staff"))])[0]
    from datetime import date
    fair = fairs.create_fair(db, admin, name="交易会", starts_on=date(2026, 4, 15), ends_on=date(2026, 4, 19),
                             short_code="JY")
    ex = fairs.add_exhibitor(db, admin, fair.id, name="某公司", booth="1A01")
    kit.export_kit(db, admin, fair.name, work / "kit", None)
    laptop_file = work / "laptop.sqlite"
    shutil.copy(sqlite_template, laptop_file)
    lap = open_database(str(laptop_file))
    kit.open_kit(lap, work / "kit", None)
    who = authenticate(lap, "admin", PASSWORD)
    fairs.register_complaint(lap, who, fair.id, complainant=fairs.Complainant("投诉人公司"), ip_kind="商标",
                             respondent_exhibitor_id=ex.id, received_at=at(16, 1))
    fairs.update_exhibitor(lap, who, ex.id, products="鞋")
    export.export_return(lap, who, work / "plain", None)
    export.export_return(lap, who, work / "sealed", PASSPHRASE)
    lap.close()
    pristine = dump(db)
    db.close()
    # What the untouched bundle does to a copy: the only acceptable success.
    copy = work / "baseline.sqlite"
    shutil.copy(centre_file, copy)
    base_db = open_database(str(copy))
    expected = merge.import_bundle(base_db, admin, work / "plain", receipt_out=work / "r").counts
    base_db.close()
    w = World(centre_file, admin, (work / "plain").read_bytes(), (work / "sealed").read_bytes(), pristine,
              expected, work)
    yield w
    if w.db is not None:
        w.db.close()


def attempt(world: World, data: bytes, passphrase: str | None = None) -> str:
    db = world.centre()
    path = world.work / "m.ipaidsync"
    path.write_bytes(data)
    try:
        result = merge.import_bundle(db, world.admin, path, passphrase, receipt_out=world.work / "m.receipt")
    except UsageError as exc:
        assert exc.exit_code == 2 and exc.message
        assert dump(db) == world.pristine, "a refused bundle changed the database"
        return "refused"
    db.close()
    world.db = None  # the next attempt starts from the untouched centre again
    assert result.counts == world.expected, "a mutated bundle imported only in part"
    return "imported"


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


@SETTINGS
@given(data=st.data())
def test_flipped_bytes(world, data):
    raw = world.plain
    pos = data.draw(st.integers(0, len(raw) - 1))
    mask = data.draw(st.integers(1, 255))
    mutated = bytearray(raw)
    mutated[pos] ^= mask
    attempt(world, bytes(mutated))


@SETTINGS
@given(cut=st.integers(0, 10**6))
def test_truncated(world, cut):
    raw = world.plain
    assert attempt(world, raw[: cut % len(raw)]) == "refused"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_encrypted_bytes_and_length(world, data):
    raw = bytearray(world.sealed)
    if data.draw(st.booleans()):
        raw[data.draw(st.integers(0, len(raw) - 1))] ^= data.draw(st.integers(1, 255))
    else:
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    assert attempt(world, bytes(raw), PASSPHRASE) == "refused"


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=6),
                        st.just(str(uuid.uuid4())), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@SETTINGS
@given(key=st.sampled_from(["format", "bundle_id", "kind", "centre_id", "kit_id", "device_id", "created_at", "counts",
                            "members", "extra", "app", "surplus"]), value=JSON_VALUES, drop=st.booleans())
def test_manifest_fields(world, key, value, drop):
    parts = bt.members(world.plain)
    m = json.loads(parts[bundle.MANIFEST])
    if drop:
        m.pop(key, None)
    else:
        m[key] = value
    parts[bundle.MANIFEST] = json.dumps(m).encode()
    assert attempt(world, bt.rezip(list(parts.items()))) == "refused"


@SETTINGS
@given(order=st.permutations(range(4)), drop=st.sampled_from([None, 0, 1, 2, 3]), dup=st.booleans())
def test_member_order_and_presence(world, order, drop, dup):
    parts = list(bt.members(world.plain).items())
    assert len(parts) == 4  # manifest, signature, records, audit
    chosen = [parts[i] for i in order if i != drop]
    if dup:
        chosen.append(chosen[0])
    outcome = attempt(world, bt.rezip(chosen))
    # Order alone does not matter; a missing or doubled member is refused.
    assert outcome == ("imported" if drop is None and not dup else "refused")
