"""Who is acting: every service call receives an Actor."""
from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID
    username: str
    display_name: str
    roles: frozenset[str]
    centre_id: uuid.UUID
    centre_name: str = ""

    def has_any(self, roles: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        return bool(self.roles & set(roles))


# The program itself, for work no person started (schema set-up, demo data).
SYSTEM_USERNAME = "system"
