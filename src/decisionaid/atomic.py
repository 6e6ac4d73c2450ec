"""Atomic file writes: a temporary file in the same folder, flushed to disk, then renamed over
the target. A crash or a full disk at any moment leaves either the old file or the new one,
never a mix, and no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """The file could not be written. ``str(error)`` is a message for a person."""


def _describe(path: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"There is not enough disk space to save {path.name}. Free some space and try again."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"DecisionAid is not allowed to write to {path.parent}. Choose another folder."
    if exc.errno == errno.ENOENT:
        return f"The folder {path.parent} does not exist. Choose another folder."
    if exc.errno in (errno.EISDIR,):
        return f"{path} is a folder. Choose a file name."
    if exc.errno == errno.ENOTDIR:
        return f"Part of the path {path} is a file, not a folder. Choose another place."
    return f"{path.name} could not be saved: {exc.strerror or exc}."


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    path = Path(path)
    if path.is_dir():
        raise WriteError(f"{path} is a folder. Choose a file name.")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise WriteError(_describe(path, exc)) from exc
    finally:
        if tmp_name and os.path.exists(tmp_name):
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def write_text_atomic(path: Path | str, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders this way.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
