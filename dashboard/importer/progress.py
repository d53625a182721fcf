"""How far an import's long queries got: DuckDB's own estimate, read while a query runs.

A query on a large file runs for minutes; DuckDB estimates how much of it is done
(``query_progress()``, the percentage of the rows its pipelines have consumed). :class:`Watched`
runs each statement of a step on a worker thread and, on the calling thread, reads that estimate
every :data:`POLL_S` seconds and reports it within the step's share of the bar. The reports stay
on the caller's thread (a Streamlit page can only draw from its own), and they never go back.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable

#: Seconds between two readings of a running query's progress.
POLL_S = 0.5


class Watched:
    """A cursor whose statements, while a step is set (:meth:`step`), report their progress.

    ``report(fraction, key, **values)`` is called with the overall fraction (0-1), the message
    key of the step and its values, among them ``share`` (how much of the step is done, 0-1).
    Every other attribute is the cursor's.
    """

    def __init__(self, cur, report: Callable[..., None], poll_s: float = POLL_S) -> None:
        self._cur = cur
        self._report = report
        self._poll_s = poll_s
        self._step: tuple[float, float, str, dict] | None = None
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)

    def step(self, low: float, high: float, key: str, **values) -> None:
        """The part of the bar, ``low`` to ``high``, that the next statements fill, and its
        message; reported at once at ``low``."""
        self._step = (low, high, key, values)
        self._report(low, key, share=0.0, **values)

    def execute(self, sql: str, params=None):
        """Run the statement; while it runs, report how far it got."""
        run = self._cur.execute if params is None else lambda q: self._cur.execute(q, params)
        if self._step is None:
            return run(sql)
        future = self._pool.submit(run, sql)
        low, high, key, values = self._step
        try:
            while True:
                try:
                    return future.result(timeout=self._poll_s)
                except concurrent.futures.TimeoutError:
                    share = self._cur.query_progress() / 100  # a percentage, -1 when unknown
                    if 0 <= share <= 1:
                        self._report(low + (high - low) * share, key, share=share, **values)
        except BaseException:
            if not future.done():  # an interrupt (Ctrl+C) stops the query too
                self._cur.interrupt()
                concurrent.futures.wait([future])
            raise

    def close(self) -> None:
        """Let the worker thread go."""
        self._pool.shutdown(wait=True)

    def __getattr__(self, name: str):
        return getattr(self._cur, name)
