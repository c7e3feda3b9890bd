"""Refresh the translation files from the source: `python -m ui.i18n_build`.

1. pyside6-lupdate scans every .py under ui/ for tr(), QCoreApplication.translate() and
   QT_TRANSLATE_NOOP() and merges new strings into resources/i18n/ipaid_zh_CN.ts and ipaid_en.ts
   (strings that vanished from the source are dropped);
2. pyside6-lrelease compiles ipaid_zh_CN.ts to ipaid_zh_CN.qm, which the program loads.

Translate new strings in between with Qt Linguist (`pyside6-linguist resources/i18n/ipaid_zh_CN.ts`),
using the glossary's labels, then run this again (or `--release-only`). English is the source language,
so ipaid_en.ts keeps empty translations and no English .qm is built.
tests/ui/test_i18n.py fails when a tr() string is missing from the .ts or the .qm is stale.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from ui.resources import i18n_dir

UI_DIR = Path(__file__).resolve().parent
LANGUAGES = ("zh_CN", "en")
COMPILED = ("zh_CN",)


def tool(name: str) -> str:
    """Path of a PySide6 tool: next to this Python (a venv's bin/ or Scripts/) first, then PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 into this Python")
    return found


def ts_path(language: str) -> Path:
    return i18n_dir() / f"ipaid_{language}.ts"


def qm_path(language: str) -> Path:
    return i18n_dir() / f"ipaid_{language}.qm"


def extract(ts_file: Path, *, source_dir: Path = UI_DIR) -> None:
    """Run lupdate over `source_dir` into `ts_file` (created or merged)."""
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-extensions", "py",
            "-no-obsolete",
            "-locations", "relative",  # fewer diff lines than absolute line numbers
            "-source-language", "en",
            "-target-language", ts_file.stem.removeprefix("ipaid_"),
            str(source_dir),
            "-ts", str(ts_file),
        ],
        check=True,
    )


def release(language: str) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts_path(language)), "-qm", str(qm_path(language))],
        check=True,
    )


def read_txt(path: Path) -> dict[tuple[str | None, str], str]:
    """`English<TAB>中文` lines, grouped by optional `[Context]` lines; `#` starts a comment.
    A quick way for a contributor to hand in Chinese for new strings without Qt Linguist."""
    found: dict[tuple[str | None, str], str] = {}
    context: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.rstrip().endswith("]") and "\t" not in line:
            context = line.strip()[1:-1]
            continue
        if "\t" in line:
            source, chinese = line.split("\t", 1)
            found[(context, source)] = chinese.strip()
    return found


def import_txt(paths: list[Path], language: str = "zh_CN") -> int:
    """Fill unfinished translations of the .ts from such files; returns how many were filled."""
    import xml.etree.ElementTree as ET

    table: dict[tuple[str | None, str], str] = {}
    for path in paths:
        table.update(read_txt(path))
    ts_file = ts_path(language)
    tree = ET.parse(ts_file)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is not None and message.get("numerus") == "yes" and (tr.text or "").strip():
                _as_numerus(tr, tr.text.strip())  # repair a plain text put in a plural message
            if tr is None or (tr.text and tr.get("type") != "unfinished"):
                continue
            source = message.findtext("source")
            chinese = table.get((name, source)) or table.get((None, source))
            if chinese:
                if message.get("numerus") == "yes":
                    _as_numerus(tr, chinese)
                else:
                    tr.text = chinese
                tr.attrib.pop("type", None)
                filled += 1
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def _as_numerus(tr, text: str) -> None:
    """Chinese has one plural form: a message with %n holds it in a <numerusform>."""
    import xml.etree.ElementTree as ET

    for child in list(tr):
        tr.remove(child)
    tr.text = None
    ET.SubElement(tr, "numerusform").text = text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.i18n_build", description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true", help="only compile the .ts files to .qm")
    parser.add_argument("--import-txt", nargs="*", type=Path, default=[], metavar="TXT",
                        help="fill Chinese translations from English<TAB>中文 files")
    args = parser.parse_args(argv)
    i18n_dir().mkdir(parents=True, exist_ok=True)
    if not args.release_only:
        for language in LANGUAGES:
            extract(ts_path(language))
    if args.import_txt:
        print(f"filled {import_txt(args.import_txt)} translations")
    for language in COMPILED:
        release(language)
    print(f"translations updated in {i18n_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
