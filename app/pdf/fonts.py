"""Fonts for documents: find CJK TrueType faces, register them with ReportLab, fall back per character.

Roles (design.md §7 "Fonts for documents"):
  body        仿宋-style running text
  title       小标宋-style document title
  heading     黑体 first-level headings ("一、")
  subheading  楷体 second-level headings ("（一）")
  pagenum     宋体 page numbers

Search order per role: the Windows faces (simfang / simsun / simhei / simkai) when present, then Debian's
TrueType CJK faces (AR PL UMing/UKai, WenQuanYi Zen Hei / Micro Hei, LXGW WenKai), then the face shipped in
resources/fonts (WenQuanYi Micro Hei), which is always there. ReportLab embeds TrueType outlines only, so a
face with CFF outlines (most .otf) is skipped. ReportLab silently drops characters its font lacks, so text goes
through `markup()` / `runs()`, which switch to the first registered face that has the glyph, per character.
"""
from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resources_dir

ROLES = ("body", "title", "heading", "subheading", "pagenum")

BUNDLED_FILE = "wqy-microhei.ttc"

# (file name, sub-font index in a collection). Lower-case names; looked up case-insensitively.
_WINDOWS: dict[str, list[tuple[str, int]]] = {
    "body": [("simfang.ttf", 0), ("fangsong.ttf", 0)],
    # 方正小标宋 is not part of Windows; use it when a user has installed it, else 宋体.
    "title": [("fzxbsjw.ttf", 0), ("fzxbsk.ttf", 0), ("simsun.ttc", 0), ("simhei.ttf", 0)],
    "heading": [("simhei.ttf", 0)],
    "subheading": [("simkai.ttf", 0), ("kaiti.ttf", 0)],
    "pagenum": [("simsun.ttc", 0), ("simsun.ttf", 0)],
}
_DEBIAN: dict[str, list[tuple[str, int]]] = {
    # No free 仿宋 TrueType face ships with Debian: a Song face is closest, then Kai.
    "body": [("uming.ttc", 0), ("ukai.ttc", 0), ("lxgwwenkai-regular.ttf", 0)],
    "title": [("uming.ttc", 0), ("wqy-zenhei.ttc", 0)],
    "heading": [("wqy-zenhei.ttc", 0), ("wqy-microhei.ttc", 0)],
    "subheading": [("ukai.ttc", 0), ("lxgwwenkai-regular.ttf", 0)],
    "pagenum": [("uming.ttc", 0)],
}


def _font_dirs() -> list[Path]:
    """Folders searched for system faces; IPAID_FONT_DIRS (os.pathsep-separated) replaces them (tests)."""
    override = os.environ.get("IPAID_FONT_DIRS")
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        dirs += [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                 Path.home() / ".local/share/fonts", Path.home() / ".fonts"]
        if sys.platform == "darwin":
            dirs += [Path("/Library/Fonts"), Path.home() / "Library/Fonts"]
    return dirs


def _index_files(dirs: list[Path]) -> dict[str, Path]:
    """Lower-case file name → first path found (directories in order, recursively)."""
    found: dict[str, Path] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _subdirs, files in os.walk(d):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


@dataclass(frozen=True, eq=False)  # identity: comparing glyph sets would be slow
class Face:
    name: str          # the ReportLab font name
    path: Path
    index: int
    descent: float     # as a fraction of the em (negative), as written into the PDF
    covered: frozenset[int] = field(repr=False, default=frozenset())

    def has(self, ch: str) -> bool:
        return ord(ch) in self.covered


@dataclass(frozen=True)
class FontSet:
    """The face chosen for each role plus the per-character fallback chain."""
    roles: dict[str, Face]
    fallbacks: tuple[Face, ...]

    def name(self, role: str) -> str:
        return self.roles[role].name

    def face(self, role: str) -> Face:
        return self.roles[role]

    def face_for(self, role: str, ch: str) -> Face:
        """The role's face if it has `ch`, else the first fallback that has it, else the role's face."""
        own = self.roles[role]
        if own.has(ch) or ch in "\n\r\t":
            return own
        for face in self.fallbacks:
            if face.has(ch):
                return face
        return own

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """Split text into (font name, text) runs so every character is drawn with a face that has it."""
        out: list[tuple[str, str]] = []
        for ch in text:
            name = self.face_for(role, ch).name
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + ch)
            else:
                out.append((name, ch))
        return out

    def markup(self, text: str, role: str) -> str:
        """Escaped Paragraph markup for `text`; characters the role's face lacks are wrapped in <font name=…>."""
        own = self.roles[role].name
        parts = []
        for name, chunk in self.runs(text, role):
            esc = escape(chunk).replace("\n", "<br/>")
            parts.append(esc if name == own else f'<font name="{name}">{esc}</font>')
        return "".join(parts)

    def missing(self, text: str, role: str = "body") -> set[str]:
        """Characters no registered face can draw (should be empty with the bundled face)."""
        return {ch for ch in text if not ch.isspace() and not self.face_for(role, ch).has(ch)}


_lock = threading.Lock()
_registered: dict[tuple[str, int], Face] = {}
_default: FontSet | None = None


def _register(path: Path, index: int) -> Face | None:
    """Register a TrueType face once per process; None when ReportLab cannot use it (CFF, broken)."""
    key = (str(path), index)
    if key in _registered:
        return _registered[key]
    stem = "".join(c for c in path.stem if c.isalnum())
    name = f"IPAid-{stem}-{index}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except Exception:  # TTFError for CFF outlines, unreadable or damaged files: just skip the face
        return None
    pdfmetrics.registerFont(font)
    face = Face(name=name, path=path, index=index, descent=font.face.descent / 1000.0,
                covered=frozenset(font.face.charToGlyph))
    _registered[key] = face
    return face


def bundled_font_path() -> Path:
    return resources_dir() / "fonts" / BUNDLED_FILE


def load_fonts(candidates: dict[str, list[Path | tuple[Path, int]]] | None = None) -> FontSet:
    """Build a FontSet. Without arguments: the system search described above (cached per process).

    `candidates` maps a role to explicit font files to try in order (tests use this to force a face that
    lacks characters); the bundled face is appended to every role and to the fallback chain regardless.
    """
    global _default
    with _lock:
        if candidates is None and _default is not None:
            return _default
        bundled = _register(bundled_font_path(), 0)
        if bundled is None:
            raise RuntimeError(f"缺少文档字体文件：{bundled_font_path()}")
        roles: dict[str, Face] = {}
        if candidates is None:
            files = _index_files(_font_dirs())
            for role in ROLES:
                for file_name, index in _WINDOWS[role] + _DEBIAN[role]:
                    path = files.get(file_name)
                    face = _register(path, index) if path else None
                    if face is not None:
                        roles[role] = face
                        break
        else:
            for role, paths in candidates.items():
                for item in paths:
                    path, index = item if isinstance(item, tuple) else (item, 0)
                    face = _register(Path(path), index)
                    if face is not None:
                        roles[role] = face
                        break
        for role in ROLES:
            roles.setdefault(role, bundled)
        # Fallback chain: the complete bundled face first, then every other chosen face.
        chain: list[Face] = [bundled]
        for face in roles.values():
            if face not in chain:
                chain.append(face)
        fontset = FontSet(roles=roles, fallbacks=tuple(chain))
        if candidates is None:
            _default = fontset
        return fontset


def default_fonts() -> FontSet:
    return load_fonts()
