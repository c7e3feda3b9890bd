"""Who runs a command (design.md §7 Users and the command line).

`--user NAME --password-file F`, or IPAID_USER with IPAID_PASSWORD or IPAID_PASSWORD_FILE.
A password file's trailing newline is ignored. Without a terminal we never prompt: exit 4.
"""
from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.context import Actor
from app.database import Database, open_database
from app.errors import NotAuthenticated, UsageError
from app.services.users import authenticate


def read_password_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"无法读取密码文件 {path}：{exc.strerror}。", english=f"cannot read password file {path}") from exc
    return text.rstrip("\r\n")


def credentials(args) -> tuple[str, str]:
    user = getattr(args, "user", None) or os.environ.get("IPAID_USER")
    if not user:
        raise NotAuthenticated(
            "此命令需要用户：请用 --user 用户名 --password-file 文件，或设置 IPAID_USER 和 IPAID_PASSWORD。",
            english="this command needs a user: --user NAME --password-file F, or IPAID_USER + IPAID_PASSWORD",
        )
    pw_file = getattr(args, "password_file", None) or os.environ.get("IPAID_PASSWORD_FILE")
    if pw_file:
        return user, read_password_file(pw_file)
    if "IPAID_PASSWORD" in os.environ:
        return user, os.environ["IPAID_PASSWORD"]
    if sys.stdin is not None and sys.stdin.isatty():
        return user, getpass.getpass(f"{user} 的密码: ")
    raise NotAuthenticated(
        "没有提供密码，且没有终端可以询问：请用 --password-file 或 IPAID_PASSWORD。",
        english="no password given and no terminal to ask: use --password-file or IPAID_PASSWORD",
    )


def login(db: Database, args) -> Actor:
    user, password = credentials(args)
    return authenticate(db, user, password)


@contextmanager
def opened(args, **options) -> Iterator[Database]:
    """The command's database (`--db`), closed however the command ends."""
    db = open_database(getattr(args, "db", None), **options)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def signed_in(args) -> Iterator[tuple[Database, Actor]]:
    """The command's database and the user it runs as; a failed sign-in still closes the database."""
    with opened(args) as db:
        yield db, login(db, args)
