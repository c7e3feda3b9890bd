"""Masking, evented unmasking by permitted roles only, and retention anonymisation."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app import settings
from app.audit import verify_chain
from app.cli.main import main
from app.errors import PermissionDenied
from app.privacy import anonymise_archived, mask_party, mask_value, may_unmask, unmask
from app.service import service_call
from db.models import AssistCase, AuditEvent, Party, SearchToken

from tests.conftest import PASSWORD

RESIDENT_ID = "11010519491231002X"
PHONE = "13812345678"
TODAY = date(2026, 6, 1)


def add_party(db, actor, **values):
    with service_call(db, actor, roles=None, action="party.create") as s:
        p = Party(centre_id=actor.centre_id, **values)
        s.add(p)
        s.flush()
        return p.id


def add_case(db, actor, applicant, n, *, archived_on=None, opposing=None, status=None):
    with service_call(db, actor, roles=None, action="case.register") as s:
        c = AssistCase(centre_id=actor.centre_id, case_no=f"〔2020〕测维援字第{n:04d}号",
                       registered_on=date(2020, 1, n), channel="visit", applicant_id=applicant,
                       opposing_party_id=opposing, ip_kind="invention", dispute_type="infringement",
                       status=status or ("archived" if archived_on else "accepted"), archived_on=archived_on)
        s.add(c)
        s.flush()
        return c.id


def set_retention(db, actor, years):
    with service_call(db, actor, roles={"admin"}, action="settings.put") as s:
        settings.put(s, actor.centre_id, "retention_years", years)


def party(db, pid) -> Party:
    with db.read_session() as s:
        return s.get(Party, pid)


# ------------------------------------------------------------------ masking
def test_masks_person_ids_and_all_phones_but_not_credit_codes():
    assert mask_value("party", "identifier", RESIDENT_ID, party_kind="person") == "110105********002X"
    assert mask_value("party", "identifier", "91210100MA0XXXXX0X", party_kind="enterprise") == "91210100MA0XXXXX0X"
    assert mask_value("party", "phone", PHONE) == "138****5678"
    assert mask_value("consultation", "asker_phone", "024-23456789") == "024-****6789"
    assert mask_party({"kind": "person", "name": "张三", "identifier": RESIDENT_ID, "phone": PHONE}) == {
        "kind": "person", "name": "张三", "identifier": "110105********002X", "phone": "138****5678"}


def test_unmasking_is_for_admin_and_supervisor_and_is_evented_without_the_value(centre):
    db = centre.db
    pid = add_party(db, centre.caseworker, kind="person", name="张三", identifier=RESIDENT_ID, phone=PHONE)
    assert may_unmask(centre.supervisor) and may_unmask(centre.admin) and not may_unmask(centre.caseworker)
    assert unmask(db, centre.supervisor, "party", pid, "identifier") == RESIDENT_ID
    with db.read_session() as s:
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
        assert (ev.action, ev.table_name, ev.record_id, ev.data) == ("privacy.unmask", "party", pid,
                                                                     {"field": "identifier"})
        assert ev.actor_name == "王主任"
        dumped = json.dumps([e.data for e in s.scalars(select(AuditEvent))], ensure_ascii=False)
        assert RESIDENT_ID not in dumped and PHONE not in dumped
        assert verify_chain(s, db.device_id).intact


def test_case_and_party_look_ups_send_personal_numbers_masked_even_to_a_supervisor(centre):
    from app.services import cases, parties

    from tests.app.case_data import case_input, person

    db, sup = centre.db, centre.supervisor
    h = cases.register(db, centre.caseworker, case_input(applicant=person("张伟", RESIDENT_ID)))
    d = cases.get_case(db, sup, h.id)
    shown = [d.applicant, parties.get_party(db, sup, d.applicant.id),
             *(m.party for m in parties.find_duplicates(db, sup, "张伟", RESIDENT_ID, "person"))]
    assert len(shown) == 3
    for row in shown:
        assert (row.identifier, row.phone) == ("110105********002X", "138****5678")
        assert row.masked_fields == ("identifier", "phone") and RESIDENT_ID not in repr(row)
    assert unmask(db, sup, "party", d.applicant.id, "identifier") == RESIDENT_ID  # the one way to the clear value


@pytest.mark.parametrize("role", ["caseworker", "fairstaff"])
def test_wrong_roles_cannot_unmask_and_the_attempt_is_evented(centre, role):
    db = centre.db
    pid = add_party(db, centre.caseworker, kind="person", name="张三", phone=PHONE)
    with pytest.raises(PermissionDenied):
        unmask(db, getattr(centre, role), "party", pid, "phone")
    with db.read_session() as s:
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert ev.action == "refused:privacy.unmask"


# ------------------------------------------------------------------ retention
@pytest.fixture
def archive(centre):
    """Parties with cases archived at various times."""
    db, cw = centre.db, centre.caseworker
    ids = {
        "old_person": add_party(db, cw, kind="person", name="张三", identifier=RESIDENT_ID, phone=PHONE,
                                address="沈阳市和平区某路1号", contact="张三", note="腿脚不便", region="沈阳"),
        "mixed_person": add_party(db, cw, kind="person", name="李四", phone="13900001111"),
        "recent_person": add_party(db, cw, kind="person", name="王五", phone="13900002222"),
        "old_firm": add_party(db, cw, kind="enterprise", name="沈阳某机械有限公司", identifier="91210100MA0XXXXX0X",
                              contact="赵经理", phone="024-23456789", address="沈阳市浑南区"),
        "no_case": add_party(db, cw, kind="person", name="孙六", phone="13900003333"),
    }
    add_case(db, cw, ids["old_person"], 1, archived_on=date(2021, 3, 1), opposing=ids["old_firm"])
    add_case(db, cw, ids["old_person"], 2, archived_on=date(2022, 5, 31))
    add_case(db, cw, ids["mixed_person"], 3, archived_on=date(2021, 3, 1))
    add_case(db, cw, ids["mixed_person"], 4)  # still open
    add_case(db, cw, ids["recent_person"], 5, archived_on=date(2024, 1, 1))
    return ids


def report_counts(db):
    with db.read_session() as s:
        by_status = dict(s.execute(select(AssistCase.status, func.count()).group_by(AssistCase.status)).all())
        by_kind = dict(s.execute(select(Party.kind, func.count()).join(AssistCase, AssistCase.applicant_id == Party.id)
                                 .group_by(Party.kind)).all())
        by_region = dict(s.execute(select(Party.region, func.count()).join(AssistCase, AssistCase.applicant_id == Party.id)
                                   .group_by(Party.region)).all())
    return by_status, by_kind, by_region


def test_retention_zero_changes_nothing(centre, archive):
    result = anonymise_archived(centre.db, centre.admin, TODAY)
    assert result.count == 0 and party(centre.db, archive["old_person"]).name == "张三"


def test_anonymises_only_parties_whose_every_case_is_archived_long_ago(centre, archive):
    db = centre.db
    set_retention(db, centre.admin, 4)
    counts_before = report_counts(db)
    dry = anonymise_archived(db, centre.admin, TODAY, dry_run=True)
    assert set(dry.party_ids) == {archive["old_person"], archive["old_firm"]} and dry.cutoff == date(2022, 6, 1)
    assert party(db, archive["old_person"]).name == "张三"  # dry run changed nothing

    result = anonymise_archived(db, centre.admin, TODAY)
    assert set(result.party_ids) == {archive["old_person"], archive["old_firm"]}
    person = party(db, archive["old_person"])
    assert person.name == f"已匿名化-{person.id.hex[:8]}"
    assert (person.identifier, person.phone, person.address, person.contact, person.note) == (None, "", "", "", "")
    assert (person.kind, person.region) == ("person", "沈阳")
    firm = party(db, archive["old_firm"])
    assert (firm.name, firm.identifier, firm.address) == ("沈阳某机械有限公司", "91210100MA0XXXXX0X", "沈阳市浑南区")
    assert (firm.contact, firm.phone) == ("", "")
    for kept in ("mixed_person", "recent_person", "no_case"):
        assert not party(db, archive[kept]).name.startswith("已匿名化")

    assert report_counts(db) == counts_before  # reports count the same
    with db.read_session() as s:
        assert verify_chain(s, db.device_id).intact
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.record_id == person.id))]
        assert actions[-1] == "privacy.anonymise:update"
        trail = json.dumps([e.data for e in s.scalars(select(AuditEvent))], ensure_ascii=False)
        assert "张三" not in trail and RESIDENT_ID not in trail  # the trail never held them in clear
        assert not s.scalar(select(func.count()).select_from(SearchToken)
                            .where(SearchToken.record_id == person.id, SearchToken.token == "张三"))
    # Running again finds nothing more to do.
    assert anonymise_archived(db, centre.admin, TODAY).count == 0


@pytest.mark.parametrize("role", ["supervisor", "caseworker", "fairstaff"])
def test_only_admin_applies_retention(centre, archive, role):
    set_retention(centre.db, centre.admin, 4)
    with pytest.raises(PermissionDenied):
        anonymise_archived(centre.db, getattr(centre, role), TODAY)
    assert party(centre.db, archive["old_person"]).name == "张三"


def test_cli_anonymise(centre, archive, tmp_path, capsys):
    db = centre.db
    set_retention(db, centre.admin, 4)
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD)
    url = db.url.render_as_string(hide_password=False)
    base = ["privacy", "anonymise", "--db", url, "--user", "admin", "--password-file", str(pw),
            "--today", "2026-06-01", "--json"]
    capsys.readouterr()
    assert main([*base, "--dry-run"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["parties"] == 2 and out["dry_run"] is True and out["cutoff"] == "2022-06-01"
    assert main(base) == 0
    assert json.loads(capsys.readouterr().out)["parties"] == 2
    assert main(base) == 0
    assert json.loads(capsys.readouterr().out)["parties"] == 0
