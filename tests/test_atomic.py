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
    import tempfile

    def denied(*_, **__):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(WriteError, match="not allowed"):
        write_text_atomic(tmp_path / "a.json", "x")


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
