"""Opening party windows: one window per party, brought to the front when already open.

A party window belongs to the window it was opened from (the case, the main window, the register
dialog): it closes with it, and is deleted when closed — with it goes any personal value shown in
full. Cases chosen in it open through `open_case` (the case list's, so one window per case holds),
or, with no case list at hand, in a window of their own.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.context import Actor
from app.database import Database
from ui.parties.party_view import PartyView

_open: dict[uuid.UUID, PartyView] = {}


def open_party(anchor: QWidget, db: Database, actor: Actor, party_id: uuid.UUID,
               open_case: Callable[[uuid.UUID], object] | None = None) -> PartyView:
    view = _open.get(party_id)
    if view is not None and not view.shows_for(db, actor):  # another database or user signed in since
        view = None
    if view is None:
        view = PartyView(db, actor, party_id, anchor.window())
        view.setWindowFlag(Qt.WindowType.Window)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.resize(820, 560)
        view.caseRequested.connect(open_case or (lambda cid, v=view: _case_window(v, db, actor, cid)))
        view.merged.connect(lambda dropped, kept, v=view: _rekey(v, dropped, kept))
        view.destroyed.connect(lambda _obj=None, key=id(view): _forget(key))
        _open[party_id] = view
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def open_views() -> list[PartyView]:
    return list(_open.values())


def _forget(key: int) -> None:
    # By the wrapper's id: the dying C++ object is not to be touched.
    for pid, v in list(_open.items()):
        if id(v) == key:
            del _open[pid]


def _rekey(view: PartyView, dropped: uuid.UUID, kept: uuid.UUID) -> None:
    """After a merge the window shows the kept party; an older window of it is refreshed."""
    _open.pop(dropped, None)
    other = _open.get(kept)
    if other is not None and other is not view:
        other.load()
    else:
        _open[kept] = view


def _case_window(parent: QWidget, db: Database, actor: Actor, case_id: uuid.UUID) -> QWidget:
    from ui.cases.case_view import CaseView  # the case view opens party windows too

    view = CaseView(db, actor, case_id, parent)
    view.setWindowFlag(Qt.WindowType.Window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.resize(900, 600)
    view.show()
    return view
