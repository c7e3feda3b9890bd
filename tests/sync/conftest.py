"""A centre with a fair, and laptops that opened kits for it (issue 6)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from app.context import Actor
from app.database import Database, open_database
from app.services import fairs
from app.services.users import authenticate
from app.sync import kit

from tests.conftest import PASSWORD

from tests.sync.sync_data import PASSPHRASE
HUAWEI_CREDIT = "91350100M000100Y43"


@dataclass
class Laptop:
    db: Database
    actor: Actor
    issued: kit.KitIssued
    kit_file: Path


@dataclass
class FairSetup:
    centre: object  # tests.conftest.Centre
    fair: fairs.FairRow
    old_fair: fairs.FairRow
    exhibitors: dict[str, fairs.ExhibitorRow]
    tmp: Path
    template: Path

    @property
    def db(self) -> Database:
        return self.centre.db

    @property
    def admin(self) -> Actor:
        return self.centre.admin

    def laptop(self, name: str, passphrase: str | None = PASSPHRASE) -> Laptop:
        kit_file = self.tmp / f"{name}.ipaidkit"
        issued = kit.export_kit(self.db, self.admin, self.fair.name, kit_file, passphrase)
        path = self.tmp / f"{name}.sqlite"
        shutil.copy(self.template, path)
        db = open_database(str(path))
        kit.open_kit(db, kit_file, passphrase)
        return Laptop(db, authenticate(db, "fairstaff", PASSWORD), issued, kit_file)


@pytest.fixture
def fair_setup(centre, sqlite_template, tmp_path) -> FairSetup:
    db, admin = centre.db, centre.admin
    old = fairs.create_fair(db, admin, name="2025 秋季交易会", starts_on=date(2025, 10, 15), ends_on=date(2025, 10, 19),
                            short_code="QJ25")
    old_ex = fairs.add_exhibitor(db, admin, old.id, name="华为技术有限公司", booth="9A01", credit_code=HUAWEI_CREDIT)
    earlier = fairs.register_complaint(
        db, admin, old.id, complainant=fairs.Complainant("深圳某科技有限公司"), ip_kind="外观设计",
        respondent_exhibitor_id=old_ex.id, received_at=datetime(2025, 10, 16, 2, tzinfo=timezone.utc))
    fairs.update_complaint(db, admin, earlier.id, note="往届投诉")
    fair = fairs.create_fair(db, admin, name="2026 春季交易会", starts_on=date(2026, 4, 15), ends_on=date(2026, 4, 19),
                             venue="会展中心", organiser="贸促会", office_location="1号馆服务台", short_code="CJ26",
                             staff=["fairstaff"])
    names = {"e1": ("华为技术有限公司", "1A01"), "e2": ("小米通讯技术有限公司", "1A02"), "e3": ("比亚迪股份有限公司", "2B01"),
             "e4": ("海尔智家股份有限公司", "2B02"), "e5": ("格力电器股份有限公司", "3C01")}
    exhibitors = {
        key: fairs.add_exhibitor(db, admin, fair.id, name=name, hall=booth[0], booth=booth,
                                 credit_code=HUAWEI_CREDIT if key == "e1" else None)
        for key, (name, booth) in names.items()
    }
    return FairSetup(centre, fair, old, exhibitors, tmp_path, sqlite_template)
