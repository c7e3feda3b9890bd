#!/usr/bin/env bash
# Takes docs/screenshots/main-window.png: the real main window on a virtual X screen, signed in automatically.
#
#   docs/screenshot.sh
#
# which comes down to
#
#   IPAID_SCREENSHOT=docs/screenshots/main-window.png IPAID_AUTOLOGIN_USER=admin IPAID_AUTOLOGIN_PASSWORD=demo \
#   QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" python -m ui.entry --db "$tmp/screenshot.sqlite"
#
# Needs xvfb-run and the xcb libraries listed in the README. The database is a throw-away file in a temp
# folder: `ipaid demo` data (300 cases, seed 1, today 2026-11-01) when that command works, else an empty
# database with one administrator. Settings, logs and data all stay in the temp folder, never the user's.
# PYTHON chooses the interpreter (default: the project's .venv, else python3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
    if [[ -x "$root/.venv/bin/python" ]]; then python="$root/.venv/bin/python"; else python=python3; fi
fi
command -v xvfb-run >/dev/null || { echo "screenshot.sh: xvfb-run is not installed (apt-get install xvfb xauth)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"
export IPAID_DATA_DIR="$tmp/data" IPAID_LOG_DIR="$tmp/log" XDG_CONFIG_HOME="$tmp/config"
unset IPAID_DB
db="$tmp/screenshot.sqlite"
out="$root/docs/screenshots/main-window.png"

if "$python" -m ui.entry demo --db "$db" --cases 300 --seed 1 --today 2026-11-01 >"$tmp/demo.out" 2>&1; then
    user=admin password=demo  # the documented demo account
    echo "screenshot.sh: demo database with 300 cases"
else
    echo "screenshot.sh: 'ipaid demo' did not work ($(tail -n 1 "$tmp/demo.out")); using an empty database" >&2
    rm -f "$db"*
    user=admin password=screenshot-only
    "$python" - "$db" "$user" "$password" <<'PY'
import sys

from app.database import open_database
from app.services.users import setup_first_admin

db = open_database(sys.argv[1])
setup_first_admin(db, centre_name="示例市知识产权维权援助中心", centre_short="示例", username=sys.argv[2],
                  display_name="系统管理员", password=sys.argv[3])
db.close()
PY
fi

mkdir -p "$(dirname "$out")"
rm -f "$out"
IPAID_SCREENSHOT="$out" IPAID_AUTOLOGIN_USER="$user" IPAID_AUTOLOGIN_PASSWORD="$password" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1280x800x24" "$python" -m ui.entry --db "$db"
[[ -s "$out" ]] || { echo "screenshot.sh: no picture was written" >&2; exit 1; }
echo "screenshot.sh: wrote $out"
