"""援助案件 screens: case list, case view, register dialog, 工作台. Each is a QWidget taking
(db, actor, parent=None) and calling app.services; no business rule lives here."""
