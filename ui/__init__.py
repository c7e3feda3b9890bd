"""Qt desktop interface: main window, pages, dialogs and the helper that runs app/ calls off the GUI thread.

Nothing here creates a QApplication at import time; `ui.qt_app.create_application` does, once.
Only this package imports Qt (the import-linter contract in pyproject.toml keeps it so).
"""
