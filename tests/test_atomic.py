"""Atomic writes: the old file survives any failure and nothing is left behind."""

import os

import pytest

from decisionaid.atomic import WriteError, write_text_atomic


def test_write_replaces_the_file(tmp_path):
    """A successful write leaves only the new content and no temporary file."""
    target = tmp_path / "a.json"
    target.write_text("old")
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["a.json"]


def test_unwritable_folder_gives_a_clear_message(tmp_path):
    """A folder the app may not write to gets a message a person can act on."""
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere; covered by the path-is-a-file test")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(WriteError, match="not allowed"):
        write_text_atomic(folder / "a.json", "x")


def test_path_under_a_file_gives_a_clear_message(tmp_path):
    """A path whose folder is really a file is refused clearly and leaves nothing behind."""
    blocker = tmp_path / "file"
    blocker.write_text("I am a file")
    with pytest.raises(WriteError):
        write_text_atomic(blocker / "a.json", "x")
    assert os.listdir(tmp_path) == ["file"]


def test_target_that_is_a_folder_is_refused(tmp_path):
    """Saving over a folder is refused, and the folder is untouched."""
    with pytest.raises(WriteError, match="folder"):
        write_text_atomic(tmp_path, "x")


def test_failure_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    """A disk-full error during the write keeps the previous file and removes the temp file."""
    import errno

    target = tmp_path / "a.json"
    target.write_text("precious")

    def full_disk(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteError, match="disk space"):
        write_text_atomic(target, "new")
    assert target.read_text() == "precious"
    assert os.listdir(tmp_path) == ["a.json"]


def test_permission_denied_is_explained_even_as_root(tmp_path, monkeypatch):
    """EACCES from the system becomes the 'not allowed' message (root cannot test chmod)."""
    import errno

    from decisionaid import atomic

    def denied(*_, **__):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic, "_create_temporary", denied)
    with pytest.raises(WriteError, match="not allowed"):
        write_text_atomic(tmp_path / "a.json", "x")


# --- nothing left behind, special files refused, mode and owner kept ----------------


def test_interrupted_write_removes_its_temporary_file(tmp_path, monkeypatch):
    """Any failure, even KeyboardInterrupt mid-write, removes the temporary file."""
    target = tmp_path / "a.json"
    target.write_text("precious")

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "new")
    assert target.read_text() == "precious"
    assert os.listdir(tmp_path) == ["a.json"]


def test_temporary_file_name_tells_nothing(tmp_path, monkeypatch):
    """The temporary file's name does not carry the target's name (summary.pdf, answers)."""
    from decisionaid import atomic

    seen = []
    real = atomic._create_temporary
    monkeypatch.setattr(atomic, "_create_temporary", lambda *a: seen.append(real(*a)) or seen[-1])
    write_text_atomic(tmp_path / "hair-loss-summary.pdf", "x")
    assert seen and atomic.TEMP_PATTERN.match(seen[0].name)
    assert "summary" not in seen[0].name


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "socket"])
def test_special_targets_are_refused_and_untouched(tmp_path, kind):
    """A FIFO, a folder, a device (/dev/null) or a socket is never replaced by a file."""
    import socket
    import stat

    if kind == "fifo":
        target = tmp_path / "out.pdf"
        os.mkfifo(target)
    elif kind == "folder":
        target = tmp_path / "out.pdf"
        target.mkdir()
    elif kind == "device":
        target = tmp_path / "null.pdf"
        target.symlink_to("/dev/null")  # the same as -o /dev/null, without touching /dev
    else:
        target = tmp_path / "s.pdf"
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
    before = os.stat(target).st_mode
    with pytest.raises(WriteError) as info:
        write_text_atomic(target, "x")
    message = str(info.value)
    assert str(target) in message and ("folder" in message or "ordinary files" in message)
    assert os.stat(target).st_mode == before and not stat.S_ISREG(before)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_replaced_file_keeps_its_mode_and_owner(tmp_path):
    """Replacing a file keeps its permission bits (and owner where allowed); a new file is 0600."""
    target = tmp_path / "shared.pdf"
    target.write_text("old")
    os.chmod(target, 0o644)
    if os.geteuid() == 0:
        os.chown(target, 12345, 54321)
    write_text_atomic(target, "new")
    st = os.stat(target)
    assert st.st_mode & 0o777 == 0o644
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (12345, 54321)
    fresh = tmp_path / "new.pdf"
    write_text_atomic(fresh, "x")
    assert os.stat(fresh).st_mode & 0o777 == 0o600


def test_stale_temporary_files_are_swept(tmp_path, private_data_dir):
    """A .part file left by a killed write is removed at the next start: in the data folder by
    name (old and new names), elsewhere only through the pending note written for it."""
    from decisionaid import atomic

    old_style = private_data_dir / ".autosave.json.ab12_x9z.part"
    new_style = private_data_dir / ".decisionaid-0123456789abcdef.part"
    logs = private_data_dir / "logs"
    logs.mkdir()
    in_logs = logs / ".decisionaid-fedcba9876543210.part"
    for p in (old_style, new_style, in_logs):
        p.write_text('{"name": "Ana"}')
    outside = tmp_path / "out"
    outside.mkdir()
    exported = outside / ".decisionaid-00000000000000aa.part"
    exported.write_text("%PDF name Ana")
    theirs = outside / ".decisionaid-00000000000000bb.part"  # no note: not ours to delete
    theirs.write_text("x")
    notes = private_data_dir / atomic.PENDING_DIR
    notes.mkdir()
    (notes / "999999999-aa").write_text(str(exported))  # its process is gone
    keep = private_data_dir / "autosave.json"
    keep.write_text("{}")
    removed = atomic.sweep_stale_temporary_files()
    assert set(removed) == {old_style, new_style, in_logs, exported}
    assert keep.exists() and theirs.exists() and not list(notes.iterdir())


def test_recent_files_list(tmp_path):
    """File > Open Recent: newest first, no duplicates, at most MAX_RECENT, damaged list is
    empty, and forget_recent removes the file that recent_files_path names."""
    from decisionaid import session

    assert session.read_recent(tmp_path) == []
    for i in range(session.MAX_RECENT + 2):
        session.add_recent(tmp_path / f"a{i}.decisionaid", tmp_path)
    session.add_recent(tmp_path / "a3.decisionaid", tmp_path)
    files = session.read_recent(tmp_path)
    assert len(files) == session.MAX_RECENT and files[0].endswith("a3.decisionaid")
    assert len(set(files)) == len(files)
    assert session.recent_files_path(tmp_path).parent == tmp_path
    session.recent_files_path(tmp_path).write_text("{not json")
    assert session.read_recent(tmp_path) == []
    assert session.forget_recent(tmp_path) and not session.recent_files_path(tmp_path).exists()
