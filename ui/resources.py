"""Where the GUI finds its resource files (fonts, translations, icons).

The folder itself is located by `app.paths.resources_dir` (shared with the PDF code, so both layers
agree): `IPAID_RESOURCES` if set, else `sys._MEIPASS/resources` in a PyInstaller build, else the
repository's top-level `resources/`.
"""
from __future__ import annotations

from pathlib import Path

from app.paths import resources_dir

__all__ = ["resources_dir", "i18n_dir", "fonts_dir", "icons_dir"]


def i18n_dir() -> Path:
    """Translations: `ipaid_<language>.ts` sources and the compiled `.qm` files."""
    return resources_dir() / "i18n"


def fonts_dir() -> Path:
    """Fonts shipped with the program (WenQuanYi Micro Hei as the guaranteed CJK face)."""
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    return resources_dir() / "icons"
