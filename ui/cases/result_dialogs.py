"""Results that arrive after the step: a referral's result (移交结果) and a mediation's result
(调解结果, with judicial confirmation). They may still come after closing (RESULT_STATUSES)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.context import Actor
from app.database import Database
from app.labels import MEDIATION_RESULT, REFERRAL_TARGET
from app.rules.case_status import RESULT_STATUSES
from app.services import case_steps, cases
from ui.cases.forms import Field, StepDialog


def open_referrals(d: cases.CaseDetail) -> list[cases.ReferralRow]:
    return [r for r in d.referrals if not r.result] if d.status in RESULT_STATUSES else []


def open_mediations(d: cases.CaseDetail) -> list[cases.MediationRow]:
    return [m for m in d.mediations if not m.result] if d.status in RESULT_STATUSES else []


class ReferralResultDialog(StepDialog):
    def __init__(self, db: Database, actor: Actor, d: cases.CaseDetail, today: date,
                 parent: QWidget | None = None) -> None:
        qt = QCoreApplication  # fields are made before the dialog exists: no self.tr() yet
        choices = [(r.id, f"{REFERRAL_TARGET[r.target]} {r.institution} {r.referred_on.isoformat()}".strip())
                   for r in open_referrals(d)]
        fields = [Field("referral_id", qt.translate("ReferralResultDialog", "Referral"), "choice", choices),
                  Field("result", qt.translate("ReferralResultDialog", "Result"), "multiline"),
                  Field("on", qt.translate("ReferralResultDialog", "Date"), "date", default=today)]
        super().__init__(qt.translate("ReferralResultDialog", "Referral result"), fields, lambda v: (
            case_steps.record_referral_result(db, actor, d.id, d.version, v["referral_id"], result=v["result"],
                                              on=v["on"])), parent)
        self.setObjectName("dialog_referral_result")


class MediationResultDialog(StepDialog):
    def __init__(self, db: Database, actor: Actor, d: cases.CaseDetail, today: date,
                 parent: QWidget | None = None) -> None:
        qt = QCoreApplication
        choices = [(m.id, f"{m.mediator or '—'} {m.started_on.isoformat()}") for m in open_mediations(d)]
        fields = [Field("mediation_id", qt.translate("MediationResultDialog", "Mediation"), "choice", choices),
                  Field("result", qt.translate("MediationResultDialog", "Result"), "choice",
                        list(MEDIATION_RESULT.items())),
                  Field("ended_on", qt.translate("MediationResultDialog", "Ended on"), "date", default=today),
                  Field("judicial_confirmation", qt.translate("MediationResultDialog", "Judicial confirmation"),
                        "check")]
        super().__init__(qt.translate("MediationResultDialog", "Mediation result"), fields, lambda v: (
            case_steps.record_mediation_result(db, actor, d.id, d.version, v["mediation_id"], result=v["result"],
                                               ended_on=v["ended_on"],
                                               judicial_confirmation=v["judicial_confirmation"])), parent)
        self.setObjectName("dialog_mediation_result")
