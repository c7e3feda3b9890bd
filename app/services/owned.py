"""One record the acting centre may work with: it exists, is not deleted and belongs to that centre.

    case = live(s, AssistCase, case_id, actor.centre_id)
    if case is None:
        raise NotFound("找不到该案件。", english=f"no case {case_id}")

Each caller raises its own error: the same miss is "not found" for the record a screen opened and a
validation error naming the field for a record a form picked.
"""
from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")


def live(s: Session, model: type[T], record_id: uuid.UUID | None, centre_id: uuid.UUID) -> T | None:
    """The record, or None when it is missing, deleted or another centre's."""
    obj = s.get(model, record_id) if record_id is not None else None
    if obj is None or obj.deleted or obj.centre_id != centre_id:
        return None
    return obj
