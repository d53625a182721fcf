"""Faults lose nothing: real processes killed mid-import, damaged files, a read-only folder and
writes that fail. Each time the database holds exactly what it held before, and says so clearly."""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from dashboard.errors import StorageError
from dashboard.store import database

ROOT = Path(__file__).resolve().parents[2]
#: Lines of the big file: enough that an import takes a while to kill in.
BIG_LINES = 3_000_000
#: Lines of a file that needs the database to grow by several megabytes.
MEDIUM_LINES = 300_000


def command(*args: str, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=preexec_fn,
    )


def start(*args: str, preexec_fn=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec_fn,
    )


def write_orders(path: Path, lines: int, first: int = 0) -> Path:
    """A transactions CSV written by DuckDB: one order per line, distinct customers."""
    duckdb.sql(
        f"""COPY (SELECT 'C' || (i % 400000) AS "Customer ID", 'O' || i AS "Invoice",
                  TIMESTAMP '2024-01-01' + to_seconds((i % 3000000) * 7) AS "InvoiceDate",
                  round(((i * 7919) % 100000) / 100.0 + 1, 2) AS "Amount",
                  'P' || (i % 977) AS "Product"
            FROM range({first}, {first + lines}) t(i)) TO '{path}' (HEADER)"""
    )
    return path


def contents(db: Path) -> dict:
    """What a user would compare: rows and a checksum of every data table, and the import log."""
    conn = database.connect(db, read_only=True)
    try:
        found = {}
        for table in (*database.DATA_TABLES, "import_log"):
            found[table] = conn.execute(
                f"SELECT count(*), coalesce(sum(hash(COLUMNS(*))), 0) FROM {table}"
            ).fetchone()
        found["log"] = conn.execute(
            "SELECT import_id, file_name, table_name, rows_imported FROM import_log ORDER BY 1"
        ).fetchall()
        return found
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    return write_orders(tmp_path_factory.mktemp("big") / "big.csv", BIG_LINES, first=10_000_000)


@pytest.fixture(scope="module")
def medium_csv(tmp_path_factory) -> Path:
    return write_orders(tmp_path_factory.mktemp("medium") / "medium.csv", MEDIUM_LINES, 50_000_000)


@pytest.fixture
def holding_db(tmp_path) -> Path:
    """A database that already holds an import of its own."""
    db = tmp_path / "shop.duckdb"
    small = write_orders(tmp_path / "small.csv", 20_000)
    done = command("import", str(small), "--table", "transactions", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


# --- kill -9 during a multi-million-line import -----------------------------------------------


def import_args(csv: Path, db: Path) -> list[str]:
    return ["import", str(csv), "--table", "transactions", "--db", str(db)]


class Watched:
    """An import running in its own process, its progress lines (on stderr) noted as they come."""

    def __init__(self, csv: Path, db: Path):
        self.process = start(*import_args(csv, db))
        self.lines: list[tuple[float, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append((time.monotonic(), line))

    def wait_for(self, words: str) -> float:
        """Until a line with ``words`` came (the moment it came), or the process ended."""
        while True:
            ended = self.process.poll() is not None
            if ended:
                self.reader.join()  # every line it printed is in
            for moment, line in list(self.lines):
                if words in line:
                    return moment
            if ended:
                raise AssertionError(f"the import ended without {words!r}: {self.lines}")
            time.sleep(0.005)

    def kill(self) -> str:
        """SIGKILL it; everything it printed before it died."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.reader.join()
        return "".join(line for _, line in self.lines)


def log_agrees(db: Path) -> bool:
    """Every import in the log still has exactly the rows it says it imported."""
    conn = database.connect(db, read_only=True)
    try:
        left = database.rows_left_by_import(conn)
        logged = conn.execute("SELECT import_id, rows_imported FROM import_log").fetchall()
    finally:
        conn.close()
    return all(left.get(import_id, 0) == rows for import_id, rows in logged)


def test_an_import_killed_at_any_moment_leaves_exactly_the_rows_before(big_csv, holding_db):
    before = contents(holding_db)
    # (after which progress line, seconds later): starting up, reading, writing its rows, and
    # while it records the import (the one moment its commit may already be done)
    moments = [(None, 0.5), ("Checking", 0), ("Reading", 0), ("Reading", 0.3), ("Reading", 0.8),
               ("Recording", 0)]  # fmt: skip
    committed = False
    for after, delay in moments:
        running = Watched(big_csv, holding_db)
        if after is None:
            time.sleep(delay)
        else:
            time.sleep(max(running.wait_for(after) + delay - time.monotonic(), 0))
        printed = running.kill()
        assert holding_db.is_file()  # never deleted
        found = contents(holding_db)  # it opens, and holds...
        assert log_agrees(holding_db)
        if running.process.returncode == -signal.SIGKILL and found == before:
            continue
        # ...exactly what it held, unless the import had got to its commit (or, on a fast
        # machine, had ended before the moment came): then all of it
        assert "Recording" in printed, f"killed {delay:.1f} s after {after!r}: rows changed"
        assert delay > 0 or after == "Recording", "killed before its rows were written"
        assert found["transactions"][0] == before["transactions"][0] + BIG_LINES
        assert found["log"][:-1] == before["log"] and found["log"][-1][3] == BIG_LINES
        committed = True
        break  # the file is imported: later moments would find nothing to write

    again = command(*import_args(big_csv, holding_db))
    assert again.returncode == 0, again.stderr
    if committed:
        assert "big.csv was already imported into transactions" in again.stdout
    else:
        assert f"Imported {BIG_LINES:,} rows from big.csv" in again.stdout
    after = contents(holding_db)
    assert after["transactions"][0] == before["transactions"][0] + BIG_LINES
    assert after["log"][:-1] == before["log"] and after["log"][-1][1:] == (
        "big.csv",
        "transactions",
        BIG_LINES,
    )
    assert log_agrees(holding_db)


# --- damaged files ------------------------------------------------------------------------------


def damage(db: Path, how: str) -> None:
    data = db.read_bytes()
    if how == "truncated to half":
        db.write_bytes(data[: len(data) // 2])
    elif how == "last byte cut":
        db.write_bytes(data[:-1])
    elif how == "random bytes":
        db.write_bytes(os.urandom(len(data)))
    elif how == "random bytes with DuckDB's mark":
        noise = bytearray(os.urandom(len(data)))
        noise[8:12] = b"DUCK"
        db.write_bytes(bytes(noise))


DAMAGES = ["truncated to half", "last byte cut", "random bytes", "random bytes with DuckDB's mark"]


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_database_is_refused_by_import_and_read_commands_and_left_as_it_was(
    holding_db, tmp_path, how
):
    damage(holding_db, how)
    was = digest(holding_db)
    small = write_orders(tmp_path / "more.csv", 10, first=99_000_000)
    beside = sorted(os.listdir(tmp_path))
    for args in (
        import_args(small, holding_db),
        ["summary", "--db", str(holding_db)],
        ["tiers", "--db", str(holding_db)],
        ["customer", "C1", "--db", str(holding_db)],
    ):
        done = command(*args)
        assert done.returncode == 2, (args, done.stdout)
        message = done.stderr
        assert "Traceback" not in message
        assert str(holding_db) in message
        if how.startswith("random bytes") and "DuckDB" not in how:
            assert "is not a dashboard database (DuckDB file)" in message
        else:
            assert "is damaged" in message and "restore the file from a copy" in message
            assert "Nothing was written into it and the file is left as it was" in message
        assert digest(holding_db) == was  # never overwritten
        assert sorted(os.listdir(tmp_path)) == beside  # nothing new beside it (no .wal)


def test_a_truncated_database_is_named_in_russian_too(holding_db):
    damage(holding_db, "truncated to half")
    with pytest.raises(StorageError) as caught:
        database.connect(holding_db)
    assert caught.value.key == "errors.damaged_database"
    russian = caught.value.localized("ru")
    assert f"База данных {holding_db} повреждена (в файле " in russian
    assert "восстановите файл из копии" in russian


# --- a read-only folder -------------------------------------------------------------------------


def without_root_powers():
    """For a child run by root: drop the powers to read and write past file permissions
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that chmod binds it as it binds everyone else.
    Anyone else is bound by chmod already."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def read_only_folder(holding_db):
    folder = holding_db.parent
    os.chmod(folder, 0o555)
    yield folder
    os.chmod(folder, 0o755)


def test_a_read_only_folder_refuses_the_import_clearly_and_still_serves_reading(
    read_only_folder, holding_db, tmp_path_factory
):
    small = write_orders(tmp_path_factory.mktemp("in") / "more.csv", 10, first=99_000_000)
    # the child really cannot write here (as root too): else this test would prove nothing
    probe = subprocess.run(
        [sys.executable, "-c", f"open({str(read_only_folder / 'probe')!r}, 'w')"],
        capture_output=True,
        text=True,
        preexec_fn=without_root_powers,
    )
    assert "PermissionError" in probe.stderr
    before, was = contents(holding_db), digest(holding_db)

    done = command(*import_args(small, holding_db), preexec_fn=without_root_powers)
    assert done.returncode == 2
    assert f"Nothing was imported: the database {holding_db} could not be written" in done.stderr
    assert "Permission denied" in done.stderr
    assert "Fix: free disk space, or let this program write the file and its folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert digest(holding_db) == was and contents(holding_db) == before

    # the commands that only read open the file read-only, and need no write at all
    summary = command("summary", "--json", "--db", str(holding_db), preexec_fn=without_root_powers)
    assert summary.returncode == 0, summary.stderr
    assert '"transactions": 20000' in summary.stdout
    assert sorted(os.listdir(read_only_folder)) == [holding_db.name, "small.csv"]


# --- writes that fail ---------------------------------------------------------------------------


def file_size_limit(limit: int):
    """A child whose files may not grow past ``limit`` bytes (the kernel's RLIMIT_FSIZE, which
    binds root too): every write beyond fails with 'File too large'."""

    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _mount_tmpfs(folder: Path, size: int) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


@pytest.fixture
def full_disk(holding_db, tmp_path):
    """The database on a file system with no room left for the import.

    A tiny tmpfs where this process may mount one (root with the power to); elsewhere (a
    container without it) the database's write-ahead log is /dev/full, where every write fails
    with 'No space left on device'. Either way the kernel refuses the write, as a full disk does.
    """
    disk = tmp_path / "disk"
    disk.mkdir()
    size = holding_db.stat().st_size
    if _mount_tmpfs(disk, size + 300 * 1024):
        db = disk / holding_db.name
        shutil.copy(holding_db, db)
        with open(disk / "filler", "wb") as filler:  # what is left: a few blocks at most
            with_room = shutil.disk_usage(disk).free - 64 * 1024
            filler.write(b"\0" * max(with_room, 0))
        try:
            yield db
        finally:
            subprocess.run(["umount", str(disk)], check=True)
    else:
        db = disk / holding_db.name
        shutil.copy(holding_db, db)
        Path(f"{db}.wal").symlink_to("/dev/full")
        yield db


def test_a_full_disk_gives_a_clear_message_and_keeps_the_database(full_disk, medium_csv):
    before = contents(full_disk)
    done = command(*import_args(medium_csv, full_disk))
    assert done.returncode == 2, done.stdout
    assert f"Nothing was imported: the database {full_disk} could not be written" in done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert "It holds what it held before. Fix: free disk space" in done.stderr
    assert full_disk.is_file() and contents(full_disk) == before


def test_a_write_past_the_file_size_limit_keeps_the_database(holding_db, medium_csv):
    before = contents(holding_db)
    limit = holding_db.stat().st_size  # the database may not grow at all
    done = command(*import_args(medium_csv, holding_db), preexec_fn=file_size_limit(limit))
    assert done.returncode == 2, done.stdout
    assert f"the database {holding_db} could not be written" in done.stderr
    assert "File too large" in done.stderr and "Traceback" not in done.stderr
    assert holding_db.is_file() and contents(holding_db) == before
    # with room again, the same import goes through
    again = command(*import_args(medium_csv, holding_db))
    assert again.returncode == 0, again.stderr
    assert contents(holding_db)["transactions"][0] == before["transactions"][0] + MEDIUM_LINES
