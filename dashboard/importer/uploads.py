"""Uploaded files on the server: saved under names the server makes, inside one folder.

A browser sends a file with a name of its own choosing, and that name is never a path here: it
can hold ``../``, an absolute path, a NUL byte or the name of a file the server already has. So an
upload is written to ``<folder>/<owner>/<random token><suffix>``, where the owner folder is a hash
of the owner key (a session, later a signed-in user) and the suffix is the client name's own,
lower-cased, only when the importer reads it (:data:`ACCEPTED_SUFFIXES`); any other name is
refused. The client's name stays data: what messages and the import log show.

What is kept is bounded: a file goes once its import succeeded (:func:`remove`), anything older
than :data:`MAX_AGE_S` goes at each save (:func:`cleanup`), and one owner may keep at most
:data:`QUOTA_BYTES`. Nothing here knows of Streamlit.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import ImportFailed

#: The suffixes the importer reads (the upload widget offers the same).
ACCEPTED_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".xlsx")
#: A set of related files may also come as a zip (:mod:`dashboard.importer.related`).
SET_SUFFIXES = (*ACCEPTED_SUFFIXES, ".zip")
#: The folder for uploads, when it is not the default one under the system's temporary folder.
DIR_ENV_VAR = "DASHBOARD_UPLOADS"
DEFAULT_DIR_NAME = "dashboard-uploads"
#: An upload older than this is removed at the next save (its import never succeeded).
MAX_AGE_S = 24 * 3600
#: What one owner may keep at a time.
QUOTA_BYTES = 2 * 2**30
#: How much of a client's name a message shows.
MAX_NAME_CHARS = 200

_CHUNK = 8 * 2**20


@dataclass(frozen=True)
class SavedUpload:
    """An upload on disk: the server's path and the client's name (text for messages only)."""

    path: Path
    name: str
    owner: str
    size: int


def upload_dir(folder: str | os.PathLike | None = None) -> Path:
    """The uploads folder: ``folder``, else $DASHBOARD_UPLOADS, else ``dashboard-uploads`` in the
    system's temporary folder."""
    chosen = folder or os.environ.get(DIR_ENV_VAR) or Path(tempfile.gettempdir()) / DEFAULT_DIR_NAME
    return Path(chosen).expanduser().absolute()


def shown_name(name: str) -> str:
    """The client's name as a message shows it: control characters (a NUL, a line break) as
    '?', at most :data:`MAX_NAME_CHARS` characters."""
    text = "".join("?" if ord(c) < 32 or ord(c) == 127 else c for c in str(name)) or "?"
    return text if len(text) <= MAX_NAME_CHARS else text[: MAX_NAME_CHARS - 1] + "…"


def suffix_of(name: str, accepted: tuple[str, ...] = ACCEPTED_SUFFIXES) -> str:
    """The accepted suffix of a client's name, lower-cased ('Orders.CSV' gives '.csv');
    ``accepted``: the suffixes allowed (:data:`SET_SUFFIXES` for a set's files).

    Raises
    ------
    ImportFailed
        When the name ends in anything else (an .exe, no suffix at all) or holds a NUL byte.
    """
    shown = shown_name(name)
    last = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    suffix = "." + last.rpartition(".")[2].lower() if "." in last else ""
    if "\x00" in str(name) or suffix not in accepted:
        raise ImportFailed(
            "This kind of file cannot be imported.",
            file=shown,
            fix=f"upload a file ending in {', '.join(accepted)}.",
            key="import_errors.upload_suffix",
            fix_key="import_errors.fix.upload_suffix",
            suffixes=", ".join(accepted),
        )
    return suffix


def _owner_folder(root: Path, owner: str) -> Path:
    return root / hashlib.sha256(str(owner).encode()).hexdigest()[:32]


def _private_folder(path: Path, name: str) -> Path:
    """``path`` made (mode 700) or checked: a real folder of this user, never a link."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError as e:
        raise _cannot_save(name, path, e) from e
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
        raise ImportFailed(
            f"The uploads folder {path} is not a folder of this program's own.",
            file=name,
            fix=f"remove it, or choose another folder with ${DIR_ENV_VAR}.",
            key="import_errors.upload_folder_foreign",
            fix_key="import_errors.fix.upload_folder",
            folder=str(path),
            variable=DIR_ENV_VAR,
        )
    return path


def _cannot_save(name: str, folder: Path, error: OSError) -> ImportFailed:
    reason = error.strerror or str(error)
    return ImportFailed(
        f"The upload cannot be saved in {folder} ({reason}).",
        file=name,
        fix=f"free some disk space, or choose another folder with ${DIR_ENV_VAR}, and upload "
        "the file again.",
        key="import_errors.upload_not_saved",
        fix_key="import_errors.fix.upload_space",
        folder=str(folder),
        error=reason,
        variable=DIR_ENV_VAR,
    )


def _files(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file() and not p.is_symlink()]
    except OSError:
        return []


def kept_bytes(owner: str, folder: str | os.PathLike | None = None) -> int:
    """How many bytes of uploads ``owner`` keeps now."""
    total = 0
    for path in _files(_owner_folder(upload_dir(folder), owner)):
        with contextlib.suppress(OSError):  # removed meanwhile
            total += path.stat().st_size
    return total


def cleanup(
    folder: str | os.PathLike | None = None, max_age: float = MAX_AGE_S, now: float | None = None
) -> int:
    """Remove every upload older than ``max_age`` seconds (and owner folders left empty);
    return how many files went."""
    root, now = upload_dir(folder), time.time() if now is None else now
    removed = 0
    try:
        owners = [p for p in root.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return 0
    for owner in owners:
        for path in _files(owner):
            try:
                if now - path.stat().st_mtime > max_age:
                    path.unlink()
                    removed += 1
            except OSError:
                pass
        with contextlib.suppress(OSError):
            owner.rmdir()  # only when empty
    return removed


def save(
    data,
    name: str,
    owner: str,
    *,
    folder: str | os.PathLike | None = None,
    quota: int = QUOTA_BYTES,
    max_age: float = MAX_AGE_S,
    accepted: tuple[str, ...] = ACCEPTED_SUFFIXES,
) -> SavedUpload:
    """Write an upload's bytes under a name the server makes and return where.

    Parameters
    ----------
    data : bytes, bytearray, memoryview or a binary file object
        The uploaded bytes.
    name : str
        The client's name of the file: only its suffix is used (see :func:`suffix_of`); the rest
        is text for messages and the import log (:attr:`SavedUpload.name`).
    owner : str
        Whose upload it is (a session key, a user name): the quota counts per owner.
    folder : path, optional
        The uploads folder (see :func:`upload_dir`).
    quota : int
        The bytes one owner may keep, this upload included.
    max_age : float
        Uploads older than this many seconds are removed first (:func:`cleanup`).
    accepted : tuple of str
        The suffixes allowed (:data:`SET_SUFFIXES` for the files of a set).

    Raises
    ------
    ImportFailed
        For a name the importer does not read, an owner over the quota, or a folder that
        cannot be written (the partly written file is removed).
    """
    shown = shown_name(name)
    suffix = suffix_of(name, accepted)
    root = upload_dir(folder)
    _private_folder(root, shown)
    cleanup(root, max_age)
    mine = _private_folder(_owner_folder(root, owner), shown)
    size = _size(data)
    kept = kept_bytes(owner, root)
    if size is not None and kept + size > quota:
        raise _over_quota(shown, kept, size, quota)
    path = mine / f"{secrets.token_hex(16)}{suffix}"
    try:
        written = _write_new(path, data, quota - kept)
    except _OverQuota:
        raise _over_quota(shown, kept, size or quota, quota) from None
    except OSError as e:
        raise _cannot_save(shown, root, e) from e
    return SavedUpload(path=path, name=shown, owner=str(owner), size=written)


class _OverQuota(Exception):
    pass


def _size(data) -> int | None:
    if isinstance(data, (bytes, bytearray)):
        return len(data)
    if isinstance(data, memoryview):
        return data.nbytes
    return None


def _write_new(path: Path, data, limit: int) -> int:
    """Write ``data`` to a file that must not exist yet (never through a link); remove it again
    when the write fails or passes ``limit`` bytes."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags, 0o600)
    written = 0
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, (bytes, bytearray, memoryview)):
                view = memoryview(data).cast("B")
                for start in range(0, len(view), _CHUNK):
                    written += out.write(view[start : start + _CHUNK])
            else:
                while chunk := data.read(_CHUNK):
                    written += out.write(chunk)
                    if written > limit:
                        raise _OverQuota
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return written


def _over_quota(name: str, kept: int, size: int, quota: int) -> ImportFailed:
    mb = 2**20
    return ImportFailed(
        f"The upload is not kept: your uploads waiting for import would take "
        f"{(kept + size) / mb:,.0f} MB, more than {quota / mb:,.0f} MB.",
        file=name,
        fix="import the files you uploaded before (in other sessions too), or wait: an upload "
        "goes once imported, or after a day. Then upload this one again.",
        key="import_errors.upload_quota",
        fix_key="import_errors.fix.upload_quota",
        megabytes=round((kept + size) / mb),
        quota=round(quota / mb),
    )


def remove(upload: SavedUpload) -> None:
    """Remove a saved upload (once its import succeeded); a file already gone is fine."""
    upload.path.unlink(missing_ok=True)


def still_there(upload: SavedUpload) -> bool:
    """True while the saved file exists (a day-old upload is removed at the next save)."""
    return upload.path.is_file()
