"""Atomic file writes: a temporary file in the same folder, flushed to disk, then renamed over
the target. A crash or a full disk at any moment leaves either the old file or the new one,
never a mix.

The temporary file is removed on any failure (including KeyboardInterrupt). Only a hard kill
(SIGKILL, power loss) between creating it and renaming it can leave one behind, so:

- every temporary file is named ``.decisionaid-XXXXXXXX.part``: nothing in its name tells what
  it holds (not "summary.pdf", not "answers");
- a write outside the data folder (an export into the person's own folder) is first noted in
  ``pending-writes/`` in the data folder and the note is removed once the write is over;
- ``sweep_stale_temporary_files()`` (run at every start and by "Forget my answers") removes
  stale ``.part`` files in the data folder and those the notes point to.

A target that exists but is not a regular file (a folder, a FIFO, a device such as /dev/null, a
socket) is refused; a regular file that is replaced keeps its permission bits and, where the
system allows it, its owner and group.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

TEMP_PREFIX = ".decisionaid-"
TEMP_SUFFIX = ".part"
TEMP_PATTERN = re.compile(r"^\.decisionaid-[0-9a-f]{16}\.part$")
# Temporary files of earlier versions (".autosave.json.XXXX.part"): removed in the data folder.
OLD_TEMP_PATTERN = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")
PENDING_DIR = "pending-writes"
STALE_AFTER_S = 60.0  # a note older than this belongs to a write that died


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


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO), not a file"),
    (stat.S_ISCHR, "a device, not a file"),
    (stat.S_ISBLK, "a device, not a file"),
    (stat.S_ISSOCK, "a socket, not a file"),
)


def check_target(path: Path) -> os.stat_result | None:
    """The target's status if it is an existing regular file, None if it does not exist yet.
    Raises WriteError for anything else (a folder, FIFO, device or socket)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None  # the write itself will say what is wrong
    if stat.S_ISREG(st.st_mode):
        return st
    kind = next((words for test, words in _KINDS if test(st.st_mode)), "not a regular file")
    if kind == "a folder":
        raise WriteError(f"{path} is a folder. Choose a file name.")
    raise WriteError(
        f"{path} is {kind}. DecisionAid saves only to ordinary files: choose another name."
    )


def _keep_owner_and_mode(fd: int, tmp: Path, st: os.stat_result | None) -> None:
    if st is None:
        return  # a new file keeps its private 0600
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))
    else:  # Windows: only the read-only bit exists
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except OSError:
            pass  # only root may give a file away; the mode is kept in any case


def _pending_folder() -> Path | None:
    try:
        from decisionaid.paths import ensure_private_dir, user_data_dir

        return ensure_private_dir(user_data_dir() / PENDING_DIR)
    except Exception:
        return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    path = Path(path)
    existing = check_target(path)
    tmp: Path | None = None
    note: Path | None = None
    fd = -1
    try:
        note = _note_pending(path)
        tmp = _create_temporary(path.parent, note)
        fd = os.open(tmp, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        _keep_owner_and_mode(fd, tmp, existing)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        check_target(path)  # it may have become something else while we wrote
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise WriteError(_describe(path, exc)) from exc
    finally:  # any failure, even KeyboardInterrupt: nothing is left behind
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if note is not None:
            try:
                note.unlink()
            except OSError:
                pass


def _create_temporary(folder: Path, note: Path | None) -> Path:
    """A new private (0600) empty file with an uninformative name; its path is written to the
    pending note first, so a crash at any moment leaves a trail that the next start follows."""
    for _ in range(100):
        candidate = folder / f"{TEMP_PREFIX}{os.urandom(8).hex()}{TEMP_SUFFIX}"
        if note is not None:
            try:
                note.write_text(str(candidate.absolute()), encoding="utf-8")
            except OSError:
                pass  # the data folder is not writable: the export itself can still go on
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise OSError(errno.EEXIST, "no free temporary file name")


def _note_pending(path: Path) -> Path | None:
    """For a write outside the data folder, a note in the data folder naming the temporary
    file (None for writes inside the data folder: the sweep finds those by name)."""
    from decisionaid.paths import user_data_dir

    try:
        if _inside(path.parent, user_data_dir()):
            return None
    except Exception:
        return None
    folder = _pending_folder()
    if folder is None:
        return None
    return folder / f"{os.getpid()}-{os.urandom(6).hex()}"


def write_text_atomic(path: Path | str, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def sweep_stale_temporary_files(
    data_dir: Path | None = None, everything: bool = False
) -> list[Path]:
    """Remove temporary files left by writes that were killed. Returns what was removed.

    In the data folder (and its subfolders such as logs/): every ``.part`` file of ours. Elsewhere:
    only the files named in ``pending-writes/`` notes, only if the name is one of ours and it is
    an ordinary file. A note younger than a minute may belong to a write still under way in
    another process, so it is left unless ``everything`` (Forget) is asked.
    """

    if data_dir is None:
        from decisionaid.paths import user_data_dir

        data_dir = user_data_dir()
    removed: list[Path] = []
    if not data_dir.is_dir():
        return removed
    notes = data_dir / PENDING_DIR
    if notes.is_dir():
        for note in notes.iterdir():
            try:
                if not everything and _may_be_running(note):
                    continue
                target = Path(note.read_text(encoding="utf-8").strip())
            except (OSError, UnicodeDecodeError):
                target = None
            if target is not None and TEMP_PATTERN.match(target.name) and _is_regular(target):
                try:
                    target.unlink()
                    removed.append(target)
                except OSError:
                    pass
            try:
                note.unlink()
            except OSError:
                pass
    for folder in [data_dir, *[p for p in data_dir.iterdir() if p.is_dir() and not p.is_symlink()]]:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if (TEMP_PATTERN.match(name) or OLD_TEMP_PATTERN.match(name)) and _is_regular(entry):
                try:
                    entry.unlink()
                    removed.append(entry)
                except OSError:
                    pass
    return removed


def _may_be_running(note: Path) -> bool:
    """Whether the write a pending note stands for may still be under way."""
    import time

    pid_text = note.name.partition("-")[0]
    if os.name == "posix" and pid_text.isdigit():
        pid = int(pid_text)
        if pid == os.getpid():
            return True
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True
    return time.time() - note.lstat().st_mtime < STALE_AFTER_S


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


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
