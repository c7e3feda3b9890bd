"""On the laptop, with no network, the kit's digest still points out repeat respondents and parties the
centre met on the other side — and a laptop that opens another kit checks against that kit's digest."""
from __future__ import annotations

from datetime import datetime, timezone

from app.services import cases, fairs
from tests.app.case_data import case_input, company

T = datetime(2026, 4, 16, 2, tzinfo=timezone.utc)


def _complaint(laptop, fair, complainant, respondent):
    return fairs.register_complaint(laptop.db, laptop.actor, fair.id, complainant=fairs.Complainant(complainant),
                                    ip_kind="外观设计", respondent_name=respondent, received_at=T)


def test_the_kits_digest_names_parties_met_on_the_other_side(fair_setup):
    f = fair_setup
    cases.register(f.db, f.centre.caseworker, case_input(applicant=company("沈阳青松机械有限公司", ""),
                                                         opposing=company("大连白鹭电器有限公司", "")))
    first = f.laptop("a", passphrase=None)
    c = _complaint(first, f.fair, "大连 白鹭电器有限公司", "沈阳青松机械有限公司")
    expected = ("投诉人 大连 白鹭电器有限公司 曾是对方当事人", "被投诉人 沈阳青松机械有限公司 曾是本中心的援助申请人")
    assert fairs.get_complaint(first.db, first.actor, c.id).conflicts == expected
    assert fairs.get_complaint(first.db, first.actor, c.id).conflicts == expected  # again, from the kept digest

    # The centre meets a new party after that kit was issued; a second laptop's kit knows it, the first's not.
    cases.register(f.db, f.centre.caseworker, case_input(applicant=company("锦州红枫电子有限公司", ""),
                                                         opposing=company("盘锦黑山陶瓷有限公司", "")))
    second = f.laptop("b", passphrase=None)
    on_second = _complaint(second, f.fair, "盘锦黑山陶瓷有限公司", "某摊位")
    assert fairs.get_complaint(second.db, second.actor, on_second.id).conflicts == (
        "投诉人 盘锦黑山陶瓷有限公司 曾是对方当事人",)
    on_first = _complaint(first, f.fair, "盘锦黑山陶瓷有限公司", "某摊位")
    assert fairs.get_complaint(first.db, first.actor, on_first.id).conflicts == ()
