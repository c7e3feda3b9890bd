"""Printing for people and for machines (design.md §7 JSON output)."""
from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, default=_default)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def say(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def warn(text: str) -> None:
    sys.stderr.buffer.write(text.encode("utf-8") + b"\n")
    sys.stderr.flush()


def print_rows(rows: Sequence[Any], *, as_json: bool, line: Callable[[Any], str],
               to_json: Callable[[Any], Any] = lambda row: row.as_json(), empty: str | None = None) -> None:
    """A list for machines (one JSON array) or for people (one line a row; `empty` when there is none)."""
    if as_json:
        print_json([to_json(row) for row in rows])
        return
    for row in rows:
        say(line(row))
    if empty and not rows:
        say(empty)
