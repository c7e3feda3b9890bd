"""What the frozen `ipaid` executable runs: the same as the `ipaid` console script
(`[project.scripts] ipaid = "ui.entry:main"` in pyproject.toml).

A separate file rather than ui/entry.py itself, so that PyInstaller analyses `ui.entry` as the module
`ui.entry` (not as `__main__`) and the bundle starts exactly the way an installed console script does.
"""
import os
import sys

# The windowed Windows executable (IPAidDesk.exe) has no console: PyInstaller then leaves
# sys.stdout/sys.stderr as None, and the first print or logging call to them would raise.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process

from ui.entry import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
