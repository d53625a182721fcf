"""The dashboard's one connection to its database, let go while another program needs the file.

DuckDB lets one process at a time write a database file. The app keeps its connection open
between page views (the value cache lives there), which would lock out a scheduled import. So the
connection is held in a :class:`SharedConnection`: page runs say when they start and end, and a
watcher closes the connection when another program asks for the file (``dashboard.store.file_lock``)
and no page is working. The next page view opens it again, once that program is done.
"""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from dashboard.store import database, file_lock


class SharedConnection:
    """A process's connection to one database file that steps aside when asked.

    Parameters
    ----------
    path : str
        The database file.
    on_open : callable, optional
        Called with each freshly opened connection (the app loads the demo into an empty file).
    on_close : callable, optional
        Called after the connection was closed (the app forgets its in-memory value cache).
    wait : float
        Seconds to wait for another program to finish with the file before giving up.
    idle_grace : float
        A connection handed out less than this many seconds ago is not closed, even between runs,
        so that work outside a page run (a download being prepared) can finish.
    poll : float
        How often the watcher looks for a release request, in seconds.
    """

    def __init__(
        self,
        path: str,
        on_open: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
        on_close: Callable[[], None] | None = None,
        *,
        wait: float = 600,
        idle_grace: float = 2.0,
        poll: float = 0.25,
    ) -> None:
        self.path = str(database.resolve_db_path(path))
        self._on_open = on_open
        self._on_close = on_close
        self._wait, self._grace, self._poll = wait, idle_grace, poll
        self._lock = threading.RLock()
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._active = 0
        self._last_use = 0.0
        self.opened = 0  # how many times the file was opened (1 unless it was let go)
        self._stopped = threading.Event()
        # The watcher holds the object weakly: a dropped SharedConnection closes and stops it.
        self._watcher = threading.Thread(
            target=_watch, args=(weakref.ref(self), self._stopped, poll), daemon=True
        )
        self._watcher.start()

    def __del__(self) -> None:
        self._stopped.set()

    @property
    def is_open(self) -> bool:
        """True while the connection is open."""
        return self._conn is not None

    def another_program_has_it(self) -> bool:
        """True while another program asks for, or works on, the file (pages must wait)."""
        return file_lock.release_requested(self.path)

    def get(self) -> duckdb.DuckDBPyConnection:
        """The open connection, opened first (waiting for another program) if it was let go."""
        with self._lock:
            if self._conn is None:
                self._open()
            self._last_use = time.monotonic()
            return self._conn

    def _open(self) -> None:
        deadline = time.monotonic() + self._wait
        # A program that asked for the file keeps its request while it works: let it finish.
        while file_lock.release_requested(self.path) and time.monotonic() < deadline:
            time.sleep(self._poll)
        left = max(deadline - time.monotonic(), 5.0)
        conn = database.connect(self.path, wait=left, ask_release=False)
        if self._on_open is not None:
            self._on_open(conn)
        self._conn = conn
        self.opened += 1

    def enter(self) -> None:
        """A page run (or other work) starts using the connection."""
        with self._lock:
            self._active += 1
            self._last_use = time.monotonic()

    def exit(self) -> None:
        """That work has ended."""
        with self._lock:
            self._active = max(self._active - 1, 0)
            self._last_use = time.monotonic()

    @contextmanager
    def using(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """``with shared.using() as conn:`` keeps the connection open for the block."""
        self.enter()
        try:
            yield self.get()
        finally:
            self.exit()

    def release_if_asked(self) -> bool:
        """Close the connection if another program asks for the file and nothing uses it."""
        with self._lock:
            idle = time.monotonic() - self._last_use >= self._grace
            if self._conn is None or self._active or not idle:
                return False
            if not file_lock.release_requested(self.path):
                return False
            self.close()
            return True

    def close(self) -> None:
        """Close the connection now (its in-memory value cache goes with it)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
                if self._on_close is not None:
                    self._on_close()

    def shutdown(self) -> None:
        """Stop watching and close the connection."""
        self._stopped.set()
        self.close()


def _watch(ref: weakref.ref, stopped: threading.Event, poll: float) -> None:
    while not stopped.wait(poll):
        shared = ref()
        if shared is None:
            return
        # The watcher must outlive any one failure; the next page view reports it.
        with contextlib.suppress(Exception):
            shared.release_if_asked()
        del shared
