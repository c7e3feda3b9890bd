#!/usr/bin/env bash
# Installs what IPAid Desk needs to run or to be tested, and nothing when all is there.
#
#   installer/bootstrap.sh --run    system libraries for Qt, .venv, `pip install -e .`
#   installer/bootstrap.sh --test   the same plus PostgreSQL and `pip install -e '.[test]'`
#
# Called by ./run and ./test. May also be sourced; it then runs in a subshell and returns its status.
#
# Environment:
#   IPAID_PYTHON     interpreter to build .venv with (default: first python3 >= 3.11 on PATH)
#   IPAID_SKIP_APT=1 never look at or install Debian packages
#
# Exit status: 0 ready (possibly with warnings about system packages), 1 could not set up.

_ipaid_bootstrap_main() {
    set -uo pipefail

    local mode=run
    case "${1:-}" in
        --run | "") mode="run" ;;
        --test) mode="test" ;;
        -h | --help)
            awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
            return 0
            ;;
        *)
            echo "bootstrap.sh: unknown option '$1' (use --run or --test)" >&2
            return 1
            ;;
    esac

    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)" || return 1
    local venv="$root/.venv"
    local vpy="$venv/bin/python"

    say() { printf 'ipaid-setup: %s\n' "$*" >&2; }

    # Two scripts started at once must not build the same .venv side by side.
    # The lock is taken on the repository folder itself, so no lock file is left behind.
    # (The braces keep 2>/dev/null from applying to the rest of the script.)
    if command -v flock >/dev/null 2>&1 && { exec 9<"$root"; } 2>/dev/null; then
        flock 9
    fi

    # ---- Python -------------------------------------------------------------------------------
    is_py311() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1; }

    local venv_ok=0 py=""
    if [[ -x "$vpy" ]] && "$vpy" -c 'import sys, importlib.util
sys.exit(0 if sys.version_info >= (3, 11) and importlib.util.find_spec("pip") else 1)' >/dev/null 2>&1; then
        venv_ok=1
    else
        local cand seen=""
        if [[ -n "${IPAID_PYTHON:-}" ]] && ! is_py311 "$IPAID_PYTHON"; then
            say "IPAID_PYTHON=$IPAID_PYTHON is not a working Python 3.11 or newer"
            return 1
        fi
        for cand in ${IPAID_PYTHON:-} python3 python3.14 python3.13 python3.12 python3.11 python; do
            command -v "$cand" >/dev/null 2>&1 || continue
            if is_py311 "$cand"; then
                py="$("$cand" -c 'import sys; print(sys.executable)')" # past pyenv/asdf shims
                break
            fi
            seen="$seen $cand=$("$cand" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo '?')"
        done
        if [[ -z "$py" ]]; then
            say "IPAid Desk needs Python 3.11 or newer; none was found on PATH.${seen:+ (found:$seen)}"
            say "Install Python 3.11+ (Debian 12 / Ubuntu 24.04: python3 python3-venv), or set IPAID_PYTHON=/path/to/python3.11."
            return 1
        fi
    fi

    # ---- Debian / Ubuntu packages ---------------------------------------------------------------
    local -a want=(
        # Qt runtime (also enough for QT_QPA_PLATFORM=offscreen)
        libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
        # a real window under X (and xvfb-run)
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
        libxkbcommon-x11-0 xvfb xauth
        # Chinese in widgets
        fonts-wqy-microhei
        # pdftotext & co.
        poppler-utils
    )
    [[ "$mode" == test ]] && want+=(postgresql)
    # A Debian system Python cannot create a venv without its -venv package.
    if [[ -n "$py" && "$py" == /usr/bin/* ]] && ! "$py" -c 'import ensurepip' >/dev/null 2>&1; then
        want+=("python3.$("$py" -c 'import sys; print(sys.version_info[1])')-venv")
    fi

    if [[ "${IPAID_SKIP_APT:-}" != 1 ]] && command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
        # One dpkg-query for all; Ubuntu 24.04 renamed some libraries to <name>t64, accept either.
        local installed p
        local -a query=() missing=()
        for p in "${want[@]}"; do query+=("$p" "${p}t64"); done
        installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${query[@]}" 2>/dev/null | awk '$NF == "installed" { print $1 }')"
        for p in "${want[@]}"; do
            if ! grep -qxF -e "$p" -e "${p}t64" <<<"$installed"; then
                missing+=("$p")
            fi
        done

        if ((${#missing[@]})); then
            local -a sudo=()
            local allowed=1
            if [[ "$(id -u)" != 0 ]]; then
                if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
                    sudo=(sudo -n)
                else
                    allowed=0
                fi
            fi
            if ((allowed)); then
                say "installing system packages: ${missing[*]}"
                local log
                log="$(mktemp "${TMPDIR:-/tmp}/ipaid-apt.XXXXXX")"
                if "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update >"$log" 2>&1 &&
                    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                        "${missing[@]}" >>"$log" 2>&1; then
                    rm -f "$log"
                else
                    grep -E '^(E|W): ' "$log" >&2 || tail -n 15 "$log" >&2
                    say "WARNING: apt-get failed (full log: $log); continuing without: ${missing[*]}"
                fi
            else
                say "missing system packages: ${missing[*]}"
                say "install them with:  sudo apt-get install -y --no-install-recommends ${missing[*]}"
                say "continuing without them; the program or some tests may not work until they are installed."
            fi
        fi
    fi

    # ---- .venv ----------------------------------------------------------------------------------
    if ((!venv_ok)); then
        if [[ -e "$venv" ]]; then
            say "recreating .venv (the existing one is broken or too old)"
            rm -rf -- "$venv"
        fi
        say "creating .venv with $py ($("$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])'))"
        if ! "$py" -m venv "$venv"; then
            say "could not create $venv with $py (on Debian/Ubuntu install python3-venv)"
            return 1
        fi
    fi

    # ---- project --------------------------------------------------------------------------------
    local sha
    if command -v sha256sum >/dev/null 2>&1; then
        sha="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
    elif command -v shasum >/dev/null 2>&1; then
        sha="$(shasum -a 256 "$root/pyproject.toml" | cut -d' ' -f1)"
    else
        sha="$("$vpy" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$root/pyproject.toml")"
    fi
    [[ -n "$sha" ]] || { say "could not hash pyproject.toml"; return 1; }

    # .installed-<sha>: project with test extras; .installed-run-<sha>: project only (enough for ./run).
    local full_stamp="$venv/.installed-$sha" run_stamp="$venv/.installed-run-$sha"
    local target='.[test]' stamp="$full_stamp"
    if [[ "$mode" == run ]]; then
        [[ -e "$full_stamp" ]] && return 0
        target='.'
        stamp="$run_stamp"
    fi
    [[ -e "$stamp" ]] && return 0

    # pip's output goes to a log that is shown only when something fails.
    say "installing Python packages into .venv (pip install -e '$target'; the first time takes a minute)"
    export PIP_DISABLE_PIP_VERSION_CHECK=1
    local log="$venv/pip-install.log"
    "$vpy" -m pip install -q --no-input --upgrade pip >"$log" 2>&1 ||
        say "WARNING: could not upgrade pip (see $log); continuing with the one in .venv"
    if ! (cd "$root" && "$vpy" -m pip install -q --no-input -e "$target") >>"$log" 2>&1; then
        grep -v -e '^WARNING: Location ' "$log" | tail -n 25 >&2
        say "pip install -e '$target' failed; full output in $log"
        return 1
    fi
    rm -f "$venv"/.installed-*
    : >"$stamp"
    say "ready"
    return 0
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced: keep the caller's shell options and functions untouched.
    (_ipaid_bootstrap_main "$@")
    return $?
fi
_ipaid_bootstrap_main "$@"
exit $?
