"""Argument types shared by the commands, so a bad value gets the same clear message everywhere.

argparse names the option in its error ("argument --today: …") and exits with 2, the usage-error
code of design.md §7."""
from __future__ import annotations

import argparse
from datetime import date


def day(text: str) -> date:
    """A calendar day written YYYY-MM-DD; a date that does not exist (2027-02-30) is refused too."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的日期，应写成 YYYY-MM-DD（如 2026-03-02）") from None
