#!/usr/bin/env bash
# Builds the one-folder PyInstaller bundle of IPAid Desk on this machine and smoke-tests the result.
#
#   installer/build.sh
#
# Steps: make sure PyInstaller is in the virtual environment (the `installer` extra of pyproject.toml),
# build installer/ipaid.spec from scratch, then run the BUILT executable - never the sources - from an
# empty folder: --version, demo, info, search, report monthly (JSON, PDF, Excel), opinion print (an
# issued opinion and one rendered on the spot) and the window (offscreen, signed in, screenshot, closed).
# Prints the bundle size and the build time. Not part of ./test: it takes minutes.
#
# Environment:
#   IPAID_BUILD_PYTHON  Python of the virtual environment to build with (default: .venv/bin/python,
#                       set up by installer/bootstrap.sh --run)
#   IPAID_BUILD_DIR     where the work files, the bundle and the smoke-test files go
#                       (default: build/installer in this repository, which git ignores)
#
# Exit status: 0 built and every check passed; 1 otherwise. The bundle is BUILD_DIR/dist/ipaid.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
build="${IPAID_BUILD_DIR:-$root/build/installer}"
say() { printf 'build: %s\n' "$*" >&2; }
fail() {
    say "FAILED: $*"
    exit 1
}

# ---- Python and PyInstaller -------------------------------------------------------------------------
if [[ -n "${IPAID_BUILD_PYTHON:-}" ]]; then
    py="$IPAID_BUILD_PYTHON"
else
    "$root/installer/bootstrap.sh" --run || fail "could not set up .venv"
    py="$root/.venv/bin/python"
fi
[[ -x "$py" ]] || fail "no Python at $py"

# The version range lives in one place: pyproject.toml, [project.optional-dependencies] installer.
requirement="$("$py" - "$root/pyproject.toml" <<'EOF'
import sys, tomllib
extras = tomllib.load(open(sys.argv[1], "rb"))["project"]["optional-dependencies"]["installer"]
print(next(r for r in extras if r.lower().startswith("pyinstaller")))
EOF
)" || fail "pyproject.toml names no PyInstaller in the 'installer' extra"

pyinstaller_fits() {
    "$py" - "$requirement" <<'EOF' >/dev/null 2>&1
import sys
from importlib.metadata import version
from packaging.requirements import Requirement  # a dependency of PyInstaller itself
sys.exit(0 if Requirement(sys.argv[1]).specifier.contains(version("pyinstaller")) else 1)
EOF
}
if ! pyinstaller_fits; then
    say "installing $requirement into $(dirname "$(dirname "$py")")"
    "$py" -m pip install -q --no-input "$requirement" || fail "pip install $requirement"
    pyinstaller_fits || fail "PyInstaller still does not satisfy $requirement"
fi

# ---- build -------------------------------------------------------------------------------------------
dist="$build/dist"
bundle="$dist/ipaid"
exe="$bundle/ipaid"
mkdir -p "$build"
rm -rf -- "$dist" "$build/work" "$build/smoke"
log="$build/pyinstaller.log"
say "building with $("$py" -m PyInstaller --version 2>/dev/null | head -n1) (log: $log)"
started=$(date +%s.%N)
# --clean: no cached analysis from an earlier run, so the time below is a full build.
if ! (cd "$root" && "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$build/work" installer/ipaid.spec) >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    fail "PyInstaller"
fi
finished=$(date +%s.%N)
build_seconds=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.0f", b - a }')
[[ -x "$exe" ]] || fail "no executable at $exe"
say "built in ${build_seconds} s"

# ---- smoke test --------------------------------------------------------------------------------------
smoke="$build/smoke"
mkdir -p "$smoke/data" "$smoke/log"
db="$smoke/demo.sqlite"
checks=0
check() { # check WHAT COMMAND... : run, fail with its output if it fails
    local what="$1"
    shift
    if ! "$@" >"$smoke/out.txt" 2>"$smoke/err.txt"; then
        cat "$smoke/out.txt" "$smoke/err.txt" >&2
        fail "$what"
    fi
    checks=$((checks + 1))
    say "ok  $what"
}
expect() { # expect WHAT PYTHON-EXPRESSION-ON-out : judge the last command's output
    local what="$1" condition="$2"
    if ! "$py" - "$smoke/out.txt" "$condition" <<'EOF'; then
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    out = json.loads(text)
except ValueError:
    out = text
sys.exit(0 if eval(sys.argv[2], {"out": out}) else 1)
EOF
        head -c 2000 "$smoke/out.txt" >&2
        fail "$what: expected $condition"
    fi
}
is_pdf() { [[ "$(head -c 5 "$1")" == "%PDF-" ]] && (($(stat -c %s "$1") > 2000)); }

ipaid() { (cd "$smoke" && "$exe" "$@"); }
# Only the bundle may answer: no sources on the path, a data and log folder of its own, no inherited
# database, resources or account.
unset PYTHONPATH PYTHONHOME IPAID_DB IPAID_RESOURCES IPAID_USER IPAID_PASSWORD IPAID_PASSWORD_FILE \
    IPAID_SCREENSHOT IPAID_AUTOLOGIN_USER IPAID_AUTOLOGIN_PASSWORD
export IPAID_DATA_DIR="$smoke/data" IPAID_LOG_DIR="$smoke/log"

version="$("$py" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"
check "--version" ipaid --version
expect "--version" "out.strip() == 'IPAid Desk $version'"

check "demo (200 cases)" ipaid demo --db "$db" --cases 200 --seed 1 --today 2026-11-01

head_revision="$(cd "$root" && PYTHONPATH="$root" "$py" -c 'from db.schema import head_revision; print(head_revision())')"
check "info: schema at the repository's head revision ($head_revision)" ipaid info --json --db "$db"
expect "info" "out['revision'] == out['head_revision'] == '$head_revision' and out['counts']['cases'] == 200"

export IPAID_USER=supervisor IPAID_PASSWORD=demo
check "search (Chinese and pinyin initials)" ipaid search 沈阳 --json --db "$db"
expect "search 沈阳" "len(out) > 0"
check "search sydsfs" ipaid search sydsfs --json --db "$db"
expect "search sydsfs" "len(out) > 0"

check "report monthly --json" ipaid report monthly --month 2026-10 --json --db "$db"
expect "report monthly --json" "out['month'] == '2026-10' and out['registered'] > 0"
check "report monthly PDF and Excel" ipaid report monthly --month 2026-10 --db "$db" \
    --out "$smoke/monthly.pdf" --xlsx "$smoke/monthly.xlsx"
is_pdf "$smoke/monthly.pdf" || fail "monthly.pdf is not a PDF"
[[ "$(head -c 2 "$smoke/monthly.xlsx")" == PK ]] || fail "monthly.xlsx is not an Excel file"

check "opinion list" ipaid opinion list --json --db "$db"
issued="$("$py" -c 'import json, sys; print(next(o["number"] for o in json.load(open(sys.argv[1])) if o["status"] == "已出具"))' "$smoke/out.txt")"
draft="$("$py" -c 'import json, sys; print(next(o["id"] for o in json.load(open(sys.argv[1])) if o["status"] == "草稿"))' "$smoke/out.txt")"
check "opinion print (issued: the stored PDF)" ipaid opinion print "$issued" --out "$smoke/issued.pdf" --db "$db"
check "opinion print (draft: rendered by the bundle)" ipaid opinion print "$draft" --out "$smoke/draft.pdf" --db "$db"
for pdf in issued draft; do is_pdf "$smoke/$pdf.pdf" || fail "$pdf.pdf is not a PDF"; done
if command -v pdftotext >/dev/null && command -v pdffonts >/dev/null; then
    # The rendered draft must carry its Chinese text in the bundled font, not in boxes or blanks.
    pdftotext "$smoke/draft.pdf" - | grep -q "参考意见" || fail "draft.pdf has no Chinese text '参考意见'"
    pdffonts "$smoke/draft.pdf" | grep -qi "wenquanyi\|microhei" || fail "draft.pdf does not embed WenQuanYi Micro Hei"
    pdftotext "$smoke/monthly.pdf" - | grep -q "2026" || fail "monthly.pdf has no text"
    checks=$((checks + 1))
    say "ok  PDFs carry Chinese text in the bundled font"
fi

unset IPAID_USER IPAID_PASSWORD
# The window: signed in without a dialog, screenshot after ~1.5 s, closed (ui/main.py, IPAID_SCREENSHOT).
window() {
    (cd "$smoke" && QT_QPA_PLATFORM=offscreen IPAID_SCREENSHOT="$smoke/window.png" \
        IPAID_AUTOLOGIN_USER=supervisor IPAID_AUTOLOGIN_PASSWORD=demo timeout 120 "$exe" --db "$db")
}
check "window opens, shows the main window and closes (offscreen)" window
[[ -s "$smoke/window.png" ]] || fail "the window wrote no screenshot"
# Nothing above failed, so the program's log should hold no errors either; show whatever it wrote.
if [[ -n "$(find "$smoke/log" -type f -size +0)" ]]; then
    say "note: the program logged something during the smoke test:"
    find "$smoke/log" -type f -size +0 -exec tail -n 20 {} + >&2
fi

# Every Qt library a bundled library or plugin links to must be in the bundle (the spec drops a few;
# a plugin that loads only on some desktops would otherwise fail there, not here).
if command -v readelf >/dev/null 2>&1; then
    qt_lib="$bundle/_internal/PySide6/Qt/lib"
    unresolved=""
    while IFS= read -r -d '' file; do
        for lib in $(readelf -d "$file" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(libQt6[^]]*\)\].*/\1/p'); do
            [[ -e "$qt_lib/$lib" ]] || unresolved+=" ${file#"$bundle/"} needs $lib;"
        done
    done < <(find "$bundle" -type f -name '*.so*' -print0)
    [[ -z "$unresolved" ]] || fail "Qt libraries missing from the bundle:$unresolved"
    checks=$((checks + 1))
    say "ok  every Qt library that bundled code links to is in the bundle"
fi

# ---- figures -----------------------------------------------------------------------------------------
size_mb=$(du -sm "$bundle" | cut -f1)
files=$(find "$bundle" -type f | wc -l)
say "all $checks checks passed"
echo "bundle:     $bundle"
echo "size:       ${size_mb} MB in ${files} files"
echo "build time: ${build_seconds} s (PyInstaller, from scratch, on $(nproc) cores)"
