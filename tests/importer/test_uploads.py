"""Uploads attacked through their names: nothing lands outside the uploads folder, the saved file
holds the uploaded bytes, and the client's name is only ever text (messages, the import log)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from dashboard import importer
from dashboard.errors import ImportFailed
from dashboard.importer import uploads
from dashboard.store import database

ORDERS = b"Customer ID,Date,Amount\nC1,2024-01-05,10.5\nC2,2024-01-06,20\n"

#: Names a browser may send: each must be saved inside the folder, under the server's name.
HOSTILE_NAMES = [
    "../../etc/x.csv",
    "../../../../../../tmp/escape.csv",
    "/tmp/abs.csv",
    "..\\..\\x.csv",
    "C:\\Windows\\System32\\x.csv",
    "sub/dir/orders.csv",
    "orders.csv/../../up.csv",
    "~/orders.csv",
    "$HOME/orders.csv",
    "orders\n.csv",
    "[click](javascript:alert(1)).csv",
    "<img src=x onerror=alert(1)>.csv",
    "x" * 5000 + ".csv",
    "ORDERS.CSV",
    ".csv",
]


def everything_under(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def exists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):  # a name too long for the system
        return False


@pytest.fixture
def sandbox(tmp_path):
    """The uploads folder, and a folder beside it that must stay untouched (with a file in it)."""
    folder = tmp_path / "uploads"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_bytes(b"Customer ID,Date,Amount\nS1,2020-01-01,999\n")
    return folder, outside


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_a_hostile_name_is_saved_inside_the_folder_under_the_servers_name(
    sandbox, tmp_path, name, monkeypatch
):
    folder, outside = sandbox
    monkeypatch.chdir(outside)  # a relative name must not land in the working folder either
    before = everything_under(tmp_path)
    naive = [Path(name), folder / name, outside / name, folder / "id" / name]  # the old ways
    existed = {str(p) for p in naive if exists(p)}
    saved = uploads.save(ORDERS, name, owner="alice", folder=folder)
    # nothing outside the folder changed; inside it, one file holding exactly the bytes
    assert everything_under(tmp_path) - before - {folder} <= everything_under(folder)
    assert [str(p) for p in naive if exists(p)] == sorted(
        existed, key=[str(p) for p in naive].index
    )
    assert (outside / "secret.csv").read_bytes().startswith(b"Customer ID,Date,Amount\nS1")
    assert files_in(folder) == [saved.path]
    assert saved.path.resolve().is_relative_to(folder.resolve())
    assert saved.path.read_bytes() == ORDERS and saved.size == len(ORDERS)
    # the server's name: a random token and the accepted suffix, nothing of the client's name
    assert saved.path.suffix == ".csv"
    assert len(saved.path.stem) == 32 and set(saved.path.stem) <= set("0123456789abcdef")
    assert saved.path.name not in name
    # the client's name is kept as text, one line, bounded
    assert "\n" not in saved.name and len(saved.name) <= uploads.MAX_NAME_CHARS
    if len(name) < uploads.MAX_NAME_CHARS and "\n" not in name:
        assert saved.name == name


def test_the_same_name_twice_gives_two_files_and_never_overwrites(sandbox):
    folder, _ = sandbox
    first = uploads.save(ORDERS, "orders.csv", owner="alice", folder=folder)
    second = uploads.save(b"other bytes", "orders.csv", owner="alice", folder=folder)
    assert first.path != second.path
    assert first.path.read_bytes() == ORDERS and second.path.read_bytes() == b"other bytes"


@pytest.mark.parametrize(
    "name",
    [
        "tool.exe",
        "orders.csv.exe",
        "orders",
        "orders.csv\x00.exe",
        "orders.c\x00sv",
        "x.duckdb",
        "a.xls",
        "x.csv.",
    ],  # fmt: skip
)
def test_a_name_the_importer_does_not_read_is_refused_and_nothing_is_written(sandbox, name):
    folder, _ = sandbox
    with pytest.raises(ImportFailed) as caught:
        uploads.save(ORDERS, name, owner="alice", folder=folder)
    assert "This kind of file cannot be imported." in str(caught.value)
    assert "upload a file ending in .csv, .tsv, .txt, .parquet, .xlsx" in str(caught.value)
    assert "\x00" not in str(caught.value)
    russian = caught.value.localized("ru")
    assert "Файл такого типа импортировать нельзя" in russian and "\x00" not in russian
    assert files_in(folder) == []


def test_naming_an_existing_server_file_reads_the_upload_not_that_file(sandbox, tmp_path):
    """The upload is called like a file the server has: preview and import read the upload."""
    folder, outside = sandbox
    secret = outside / "secret.csv"
    db = tmp_path / "t.duckdb"
    saved = uploads.save(ORDERS, str(secret), owner="alice", folder=folder)
    assert secret.read_bytes().startswith(b"Customer ID,Date,Amount\nS1")  # not overwritten
    conn = database.connect(db)
    preview = importer.preview_file(saved.path, table="transactions", conn=conn,
                                    file_name=saved.name)  # fmt: skip
    assert list(preview.sample["Customer ID"]) == ["C1", "C2"]
    result = importer.import_file(conn, saved.path, "transactions", file_name=saved.name)
    ids = conn.execute("SELECT customer_id FROM transactions ORDER BY 1").fetchall()
    logged = database.read_import_log(conn)["file_name"].tolist()
    conn.close()
    assert ids == [("C1",), ("C2",)]  # S1, the server's own file, was never read
    # the import log and the result name the upload by the client's name, as plain text
    assert result.file_name == str(secret) and logged == [str(secret)]


def test_a_bad_upload_is_named_by_its_client_name_in_the_message(sandbox, tmp_path):
    folder, _ = sandbox
    name = "../../[report](javascript:alert(1)).csv"
    saved = uploads.save(b"\x00\x01\x02binary", name, owner="alice", folder=folder)
    conn = database.connect(tmp_path / "t.duckdb")
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, saved.path, "transactions", file_name=saved.name)
    conn.close()
    message = str(caught.value)
    assert message.startswith(f"{name}: This is a binary file")
    assert saved.path.name not in message and str(folder) not in message


def test_a_very_long_name_is_shortened_in_messages(sandbox):
    folder, _ = sandbox
    saved = uploads.save(ORDERS, "a" * 100_000 + ".csv", owner="alice", folder=folder)
    assert len(saved.name) == uploads.MAX_NAME_CHARS and saved.name.endswith("…")
    assert saved.path.read_bytes() == ORDERS


def test_an_owner_over_the_quota_is_refused_and_others_are_not(sandbox):
    folder, _ = sandbox
    uploads.save(b"x" * 600, "a.csv", owner="alice", folder=folder, quota=1000)
    with pytest.raises(ImportFailed) as caught:
        uploads.save(b"y" * 600, "b.csv", owner="alice", folder=folder, quota=1000)
    assert "would take" in str(caught.value) and "Fix: import the files" in str(caught.value)
    assert "заняли бы" in caught.value.localized("ru")
    assert uploads.kept_bytes("alice", folder) == 600  # the refused file is not there
    bob = uploads.save(b"z" * 600, "b.csv", owner="bob", folder=folder, quota=1000)
    assert bob.path.read_bytes() == b"z" * 600


def test_a_stream_over_the_quota_is_removed_while_it_is_written(sandbox):
    import io

    folder, _ = sandbox
    with pytest.raises(ImportFailed):
        uploads.save(io.BytesIO(b"q" * 5000), "s.csv", owner="alice", folder=folder, quota=1000)
    assert files_in(folder) == []


def test_an_owner_key_is_never_a_path(sandbox, tmp_path):
    folder, _ = sandbox
    saved = uploads.save(ORDERS, "o.csv", owner="../../../evil", folder=folder)
    assert saved.path.parent.parent == folder.absolute()
    assert not (tmp_path / "evil").exists()


def test_an_import_removes_its_upload_and_a_day_old_upload_goes_at_the_next_save(sandbox):
    folder, _ = sandbox
    old = uploads.save(ORDERS, "old.csv", owner="alice", folder=folder)
    kept = uploads.save(ORDERS, "kept.csv", owner="alice", folder=folder)
    a_day_ago = time.time() - uploads.MAX_AGE_S - 60
    os.utime(old.path, (a_day_ago, a_day_ago))
    uploads.remove(kept)  # what the page does once its import succeeded
    assert not uploads.still_there(kept)
    uploads.remove(kept)  # twice is fine
    fresh = uploads.save(ORDERS, "new.csv", owner="bob", folder=folder)
    assert files_in(folder) == [fresh.path]  # the day-old one went, alice's folder with it
    assert [p.name for p in folder.iterdir()] == [fresh.path.parent.name]


def test_the_default_folder_is_under_the_temporary_folder_or_the_environments(
    tmp_path, monkeypatch
):
    import tempfile

    monkeypatch.delenv(uploads.DIR_ENV_VAR, raising=False)
    assert uploads.upload_dir() == Path(tempfile.gettempdir()).absolute() / "dashboard-uploads"
    monkeypatch.setenv(uploads.DIR_ENV_VAR, str(tmp_path / "mine"))
    saved = uploads.save(ORDERS, "o.csv", owner="alice")
    assert saved.path.is_relative_to(tmp_path / "mine")
    assert (tmp_path / "mine").stat().st_mode & 0o777 == 0o700  # other users cannot list it


def test_a_folder_that_is_a_link_elsewhere_is_refused(tmp_path):
    """Someone else made the shared /tmp/dashboard-uploads a link to their own folder."""
    target = tmp_path / "theirs"
    target.mkdir()
    link = tmp_path / "uploads"
    link.symlink_to(target)
    with pytest.raises(ImportFailed) as caught:
        uploads.save(ORDERS, "o.csv", owner="alice", folder=link)
    assert "is not a folder of this program's own" in str(caught.value)
    assert list(target.iterdir()) == []


def test_a_link_planted_at_the_servers_name_is_never_written_through(tmp_path, monkeypatch):
    """Had someone guessed the next name and put a link there (to /dev/full, or to a file of
    the server's), the save fails with a message and the link's target is untouched."""
    folder = tmp_path / "uploads"
    owner_folder = uploads.save(ORDERS, "o.csv", owner="alice", folder=folder).path.parent
    victim = tmp_path / "victim.csv"
    victim.write_bytes(b"keep me")
    monkeypatch.setattr(uploads.secrets, "token_hex", lambda n: "f" * 32)
    (owner_folder / ("f" * 32 + ".csv")).symlink_to(victim)
    with pytest.raises(ImportFailed) as caught:
        uploads.save(ORDERS, "p.csv", owner="alice", folder=folder)
    assert "The upload cannot be saved in" in str(caught.value)
    assert "Fix: free some disk space, or choose another folder" in str(caught.value)
    assert victim.read_bytes() == b"keep me"
