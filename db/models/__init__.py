"""All models, imported so that `Base.metadata` knows every table.

The model modules (and db/base.py) do without `from __future__ import annotations`: with it, SQLAlchemy
reads every `Mapped[...]` back from a string, and declaring the models took a fifth longer — time every
start of the program pays before the sign-in window."""
from db.base import Base
from db.models.audit import AuditEvent, AuditHead
from db.models.calendar import CalendarOverride, NumberSequence, Workday
from db.models.cases import AssistCase, CaseEvent, CaseRight, FollowUp, Mediation, Referral
from db.models.consult import Consultation, Expert, ExpertConflict, Institution, KnowledgeItem
from db.models.fairs import Exhibitor, Fair, FairComplaint, PatrolNote
from db.models.files import Attachment, StoredFile
from db.models.opinions import Opinion, OpinionClaim, OpinionEvidence, OpinionExpert, OpinionRow
from db.models.org import Centre, CentreSetting, Device, LocalSetting, User
from db.models.parties import IpRight, Party
from db.models.search import SearchDoc, SearchToken
from db.models.sync import SyncBase, SyncBundle, SyncConflict, SyncKit, SyncReceived

# Tables whose rows travel in kits and return bundles, in an order that satisfies foreign keys.
TRAVELLING_MODELS = (
    Centre, CentreSetting, User, Device, Party, IpRight, Institution, Expert, ExpertConflict,
    Fair, Exhibitor, AssistCase, CaseRight, CaseEvent, Referral, Mediation, FollowUp,
    Consultation, KnowledgeItem, Opinion, OpinionClaim, OpinionRow, OpinionExpert,
    OpinionEvidence, FairComplaint, PatrolNote, Attachment,
)

__all__ = [m.__name__ for m in TRAVELLING_MODELS] + [
    "Base", "AuditEvent", "AuditHead", "CalendarOverride", "NumberSequence", "Workday",
    "StoredFile", "LocalSetting", "SearchDoc", "SearchToken", "SyncBase", "SyncBundle", "SyncConflict",
    "SyncKit", "SyncReceived", "TRAVELLING_MODELS",
]
