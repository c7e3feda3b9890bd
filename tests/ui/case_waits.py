"""Waiting for the case screens' background work (ui.tasks): the case view's read, a form's save,
the list's page reads. Each waits for the work to end; what the test then asserts is unchanged."""
from __future__ import annotations

TIMEOUT_MS = 10_000


def view_loaded(qtbot, view):
    """The case view after its read ended (shown, or its refusal shown)."""
    qtbot.waitUntil(lambda: not view.loading, timeout=TIMEOUT_MS)
    return view


def opened_case(qtbot, db, actor, case_id, today, *, show: bool = False):
    """A case window after its first read ended; registered with qtbot before the wait, so a
    timeout does not leave it open."""
    from ui.cases.case_view import CaseView

    view = CaseView(db, actor, case_id, today=today)
    qtbot.addWidget(view)
    if show:
        view.show()
    return view_loaded(qtbot, view)


def form_done(qtbot, dialog):
    """A step form or the register/edit dialog after its save (and any choice list read) ended."""
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT_MS)
    return dialog


def list_loaded(qtbot, model):
    """The case list after every page read it started ended."""
    qtbot.waitUntil(lambda: not model.loading, timeout=TIMEOUT_MS)
    return model


def step_done(qtbot, view, dialog):
    """A step form closed after saving, and the case view read the case again."""
    form_done(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    return view_loaded(qtbot, view)
