"""The `ipaid` console script. Lives in ui/ because only this layer may open the window;
every sub-command is handled by app.cli without importing Qt."""
from __future__ import annotations

import sys


def open_window(db: str | None) -> int:
    from ui.main import run_gui  # Qt is imported only when the window is wanted

    return run_gui(db)


def main() -> int:
    from app.cli.main import main as cli

    return cli(sys.argv[1:], open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
