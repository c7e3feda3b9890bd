"""A signed-in centre on SQLite for the consultation, knowledge and expert screens (the services
themselves are tested on both backends in tests/app)."""
from __future__ import annotations

from collections.abc import Iterator


def signed_in_centre(sqlite_url: str, password_hash: str) -> Iterator:
    """Yield an initialised centre (actors .supervisor and .caseworker), closing it afterwards."""
    from app.database import open_database
    from app.services.setup import NewAccount, initialise
    from tests.conftest import PASSWORD, Centre

    db = open_database(sqlite_url)
    accounts = [NewAccount("supervisor", "王主任", PASSWORD, ("supervisor",)),
                NewAccount("caseworker", "李明", PASSWORD, ("caseworker",))]
    actors = initialise(db, centre_name="测试知识产权保护中心", centre_short="测", accounts=accounts,
                        password_hashes={PASSWORD: password_hash})
    yield Centre(db, {a.username: a for a in actors})
    db.close()
