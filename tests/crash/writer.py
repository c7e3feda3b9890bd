"""A writer for the crash test: a stream of service calls, each reported on stdout after its
commit returned — so every id printed is a promise that the write is durable.

    python tests/crash/writer.py DB            write until killed (or --max-seconds)
    python tests/crash/writer.py DB --serve    fork server: imports once, then forks one writer
                                                per "run" line read on stdin

Lines: `ready <pid>` (database open), `c <party id>` (created), `u <party id> <n>` (note set
to n), and in server mode
`child <pid>` / `done <pid> <wait status>`. The server exists only to pay Python's start-up
cost once; each forked child is a whole process that opens the database itself and is killed
with SIGKILL like any writer would be.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

from sqlalchemy import select

from app.context import Actor
from app.database import open_database
from app.service import service_call
from db.models import Centre, Party, User


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def admin_actor(db) -> Actor:
    with db.read_session() as s:
        user = s.scalars(select(User).where(User.username == "admin")).one()
        centre = s.get(Centre, user.centre_id)
        return Actor(user.id, user.username, user.display_name, frozenset(user.roles), centre.id, centre.name)


def write(path: str, max_seconds: float, seed: int) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    actor = admin_actor(db)
    say(f"ready {os.getpid()}")
    created: list = []
    n, stop = 0, time.monotonic() + max_seconds
    while time.monotonic() < stop:
        n += 1
        if created and n % 3 == 0:
            target = rng.choice(created)
            with service_call(db, actor, roles=None, action="crash.update") as s:
                s.get(Party, target).note = str(n)
            say(f"u {target} {n}")
        else:
            with service_call(db, actor, roles=None, action="crash.create") as s:
                party = Party(centre_id=actor.centre_id, kind="enterprise", name=f"崩溃测试{seed}-{n}")
                s.add(party)
                s.flush()
                new_id = party.id
            created.append(new_id)
            say(f"c {new_id}")


def serve(path: str, max_seconds: float) -> None:
    import app.search.index  # noqa: F401 - warm the imports the children will need
    from app.search.tokens import name_pinyin, name_tokens

    # pypinyin loads its dictionaries on first use (not at import, to keep the program's start
    # short): load them here, or the first kills land while a child is still reading them.
    name_tokens("预热")
    name_pinyin("预热")

    say("server-ready")
    for line in sys.stdin:
        if line.strip() != "run":
            break
        seed = random.randrange(1 << 30)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                write(path, max_seconds, seed)
            finally:
                os._exit(0)
        say(f"child {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"done {pid} {status}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--max-seconds", type=float, default=3.0)
    args = parser.parse_args()
    if args.serve:
        serve(args.db, args.max_seconds)
    else:
        write(args.db, args.max_seconds, random.randrange(1 << 30))


if __name__ == "__main__":
    main()
