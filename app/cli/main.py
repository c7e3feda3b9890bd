"""Entry point of `ipaid`. No sub-command opens the GUI; sub-commands do headless work.

Exit codes (design.md §7): 0 done; 1 internal error (traceback to the log, one line to the
user); 2 usage error or unusable input; 3 done with rejections or conflicts; 4 not
authenticated or not permitted; 5 not found.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from collections.abc import Callable
from datetime import datetime, timezone

from app import __version__
from app.cli.output import warn
from app.errors import IpaidError
from app.paths import log_dir

# Every module in app/cli/commands has `register(subparsers, common)`; its parsers set
# `func(args) -> int`. Found by listing the package, so adding a command touches no other file.
FIRST_COMMANDS = ("core", "users", "demo")


def command_modules() -> list[str]:
    import pkgutil

    import app.cli.commands as pkg

    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
    ordered = [n for n in FIRST_COMMANDS if n in names] + [n for n in names if n not in FIRST_COMMANDS]
    return [f"{pkg.__name__}.{n}" for n in ordered]


def common_options() -> argparse.ArgumentParser:
    # SUPPRESS: `ipaid --db X info` and `ipaid info --db X` both work (an absent sub-command
    # option must not overwrite the top-level one with None).
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--db", metavar="PATH|URL", help="SQLite file or PostgreSQL URL (default: IPAID_DB or the user-data folder)")
    common.add_argument("--user", metavar="NAME", help="act as this user (or IPAID_USER)")
    common.add_argument("--password-file", metavar="F", help="file holding the password (or IPAID_PASSWORD / IPAID_PASSWORD_FILE)")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ipaid", description="IPAid Desk 知识产权维权援助工作台. Without a command: open the window."
    )
    parser.add_argument("--version", action="version", version=f"IPAid Desk {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help="database (SQLite file or PostgreSQL URL)")
    parser.set_defaults(user=None, password_file=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options()
    for name in command_modules():
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: list[str] | None = None, *, open_window: Callable[[str | None], int] | None = None) -> int:
    """`open_window` is given by the console-script entry in ui/ (app/ must not import ui/)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if open_window is None:
            warn("ipaid: 此入口没有图形界面，请指定子命令 (no GUI in this entry point; give a command)")
            return 2
        return open_window(args.db)
    try:
        return int(args.func(args) or 0)
    except IpaidError as exc:
        warn(f"ipaid: {exc.message}" + (f" ({exc.english})" if exc.english else ""))
        return exc.exit_code
    except BrokenPipeError:  # `ipaid … | head`: the reader left; nothing is wrong
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        warn("ipaid: 已中断 (interrupted)")
        return 1
    except Exception:  # a bug: keep the traceback for us, one line for the user
        path = _log_traceback()
        warn(f"ipaid: 内部错误，详情已写入 {path} (internal error; traceback in the log)")
        return 1


def _log_traceback() -> str:
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "ipaid-cli.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(timezone.utc).isoformat()} {' '.join(sys.argv)}\n")
            fh.write(traceback.format_exc())
        return str(path)
    except OSError:
        traceback.print_exc()
        return "stderr"


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main())
