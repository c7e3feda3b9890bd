"""Typed errors. Each carries one sentence a person can act on (Chinese; the CLI adds English)
and the exit code of design.md §7."""
from __future__ import annotations


class IpaidError(Exception):
    exit_code = 1

    def __init__(self, message: str, *, english: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.english = english
        self.field = field

    def __str__(self) -> str:
        return self.message


class UsageError(IpaidError):
    """Bad flag, unreadable file, unusable input."""

    exit_code = 2


class DatabaseUnavailable(UsageError):
    """Unreachable, unwritable, corrupt or incompatible database."""


class ValidationError(UsageError):
    """A field value breaks a rule; `field` names it (Chinese label)."""

    def __init__(self, field: str, problem: str, *, english: str = "") -> None:
        super().__init__(f"{field}：{problem}", english=english, field=field)
        self.problem = problem


class Rejections(IpaidError):
    """Work done, but some rows were rejected or conflicts wait for a person."""

    exit_code = 3


class NotAuthenticated(IpaidError):
    exit_code = 4


class PermissionDenied(IpaidError):
    exit_code = 4


class NotFound(IpaidError):
    exit_code = 5


class ConcurrentChange(UsageError):
    """Someone else saved the record since it was opened."""
