"""Taking turns with the database file: one program at a time may open a DuckDB file for writing.

A running dashboard keeps its connection open between page views (its caches live there). A
program that needs the file meanwhile, such as a scheduled ``python -m dashboard import``, asks
for it by writing a *release request* next to the file (``<database>.release``, holding its
process id). The dashboard closes its connection as soon as no page is working, and waits before
opening it again until the request is withdrawn, which the asking program does when it is done.
A request whose program has died, or that is older than :data:`STALE_AFTER_S`, is ignored.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

#: A release request older than this is a leftover (its program was killed), not a request.
STALE_AFTER_S = 6 * 3600

_LOCK_MESSAGE = "Could not set lock on file"
_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")

_made_here: set[Path] = set()


def request_path(db_path: str | os.PathLike) -> Path:
    """Where a release request for ``db_path`` is written."""
    return Path(f"{db_path}.release")


def is_lock_conflict(error: BaseException) -> bool:
    """True when DuckDB refused to open a file because another process holds it."""
    return isinstance(error, duckdb.Error) and _LOCK_MESSAGE in str(error)


def holder(error: BaseException) -> str:
    """'PID 123, /usr/bin/python3' for the process named in a lock conflict, or ''."""
    found = _HOLDER.search(str(error))
    return f"PID {found.group(2)}, {found.group(1)}" if found else ""


def request_release(db_path: str | os.PathLike) -> None:
    """Ask the program holding ``db_path`` to let go of it (kept until :func:`withdraw`)."""
    path = request_path(db_path)
    path.write_text(f"{os.getpid()}\n", encoding="utf-8")
    _made_here.add(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def release_requested(db_path: str | os.PathLike) -> bool:
    """True while another living process asks for the file (a stale request does not count)."""
    path = request_path(db_path)
    try:
        pid = int(path.read_text(encoding="utf-8").split()[0])
        age = time.time() - path.stat().st_mtime
    except (OSError, ValueError, IndexError):
        return False
    return pid != os.getpid() and age < STALE_AFTER_S and _alive(pid)


def withdraw(db_path: str | os.PathLike | None = None) -> None:
    """Take back this process's release requests (for ``db_path`` only, or all of them)."""
    paths = [request_path(db_path)] if db_path is not None else list(_made_here)
    for path in paths:
        if path in _made_here:
            path.unlink(missing_ok=True)
            _made_here.discard(path)
