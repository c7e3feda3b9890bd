"""The Qt binding itself: PySide6 6.12.0 lost a reference to True on every Signal.emit() made from
Python, so after a few thousand background tasks the program aborted ("bool_dealloc"). pyproject.toml
keeps PySide6 below 6.12; this test fails on any release with that bug."""
from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    value = Signal(object)
    bare = Signal()


def test_emitting_signals_leaves_true_and_false_alone(qapp):
    emitter = _Emitter()
    emitter.value.connect(lambda _v: None)
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.value.emit(True)
        emitter.value.emit(False)
        emitter.bare.emit()
    gc.collect()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
