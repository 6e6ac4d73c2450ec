"""The autosave ("draft"): the questionnaire in progress, kept in the person's data folder.

It is written atomically after every step, so a crash or a killed process never loses more
than the step being typed. On start the app offers to resume any draft it finds. "Forget my
answers" deletes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Unpack

from decisionaid.answers import Answers, AnswersError, IdSets, parse_answers, read_json_file
from decisionaid.atomic import WriteError, write_text_atomic
from decisionaid.paths import ensure_private_dir, user_data_dir

SESSION_FORMAT = "decisionaid-session"
SESSION_VERSION = 1
DRAFT_NAME = "autosave.json"
DAMAGED_SUFFIX = ".damaged"
CRASH_NAME = "autosave.crash.json"  # answers kept by the error handler beside a fuller draft


@dataclass(frozen=True)
class Draft:
    answers: Answers
    step: int
    saved: str  # ISO 8601, UTC


def draft_path(folder: Path | None = None) -> Path:
    return (folder or user_data_dir()) / DRAFT_NAME


def save_draft(
    answers: Answers, step: int, folder: Path | None = None, name: str = DRAFT_NAME
) -> Path:
    """Write the draft atomically. Raises WriteError with a message for a person.
    ``name=CRASH_NAME`` writes the error handler's copy beside the draft instead."""
    path = (folder or user_data_dir()) / name
    try:
        ensure_private_dir(path.parent)
    except OSError as exc:
        raise WriteError(
            f"Your answers cannot be saved in {path.parent}: {exc.strerror or exc}."
        ) from exc
    payload = {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "step": int(step),
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
        "answers": answers.to_dict(),
    }
    write_text_atomic(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return path


def load_draft(folder: Path | None = None, **id_sets: Unpack[IdSets]) -> Draft | None:
    """The saved draft, or None if there is none. Raises AnswersError if it is damaged."""
    path = draft_path(folder)
    if not path.exists():
        return None
    source = str(path)
    # The same reader as answers files: regular files only (a FIFO never blocks start-up), at
    # most the size limit read, duplicate keys and numbers too large to use refused.
    payload = read_json_file(path, "a DecisionAid autosave")
    if not isinstance(payload, dict) or payload.get("format") != SESSION_FORMAT:
        raise AnswersError("is not a DecisionAid autosave", "format", source)
    step = payload.get("step", 0)
    if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step <= 100:
        raise AnswersError("must be a small whole number", "step", source)
    answers = parse_answers(payload.get("answers"), partial=True, source=source, **id_sets)
    saved = payload.get("saved", "")
    return Draft(answers=answers, step=step, saved=saved if isinstance(saved, str) else "")


def set_aside_damaged_draft(folder: Path | None = None) -> Path | None:
    """Keep a damaged draft for inspection instead of deleting it; returns its new path."""
    path = draft_path(folder)
    if not path.exists():
        return None
    target = path.with_name(path.name + DAMAGED_SUFFIX)
    try:
        path.replace(target)
    except OSError:
        return None
    return target


def promote_crash_copy(folder: Path | None = None) -> bool:
    """If there is no draft but the error handler kept answers beside it, make them the draft
    (so the next start offers them). True if it did."""
    path = draft_path(folder)
    crash = path.with_name(CRASH_NAME)
    if path.exists() or not crash.exists():
        return False
    try:
        crash.replace(path)
    except OSError:
        return False
    return True


def forget_draft(folder: Path | None = None) -> bool:
    """Delete the draft, any damaged copy and the error handler's copy. True if anything was."""
    deleted = False
    base = draft_path(folder)
    for path in (base, base.with_name(DRAFT_NAME + DAMAGED_SUFFIX), base.with_name(CRASH_NAME)):
        try:
            path.unlink()
            deleted = True
        except FileNotFoundError:
            pass
    return deleted


# --- File > Open Recent -------------------------------------------------------------------

RECENT_NAME = "recent-files.json"
MAX_RECENT = 8


def recent_files_path(folder: Path | None = None) -> Path:
    """Where the list behind File > Open Recent is kept (in the data folder). "Forget my
    answers" deletes this file too: it names files that hold answers."""
    return (folder or user_data_dir()) / RECENT_NAME


def read_recent(folder: Path | None = None) -> list[str]:
    """The recently opened or saved answers files, newest first (a damaged list is empty)."""
    path = recent_files_path(folder)
    if not path.exists():
        return []
    try:  # the same careful reader as answers: regular files only, size-limited
        data = read_json_file(path, "the list of recent files")
    except AnswersError:
        return []
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return []
    return [f for f in files if isinstance(f, str) and f][:MAX_RECENT]


def add_recent(file: Path | str, folder: Path | None = None) -> list[str]:
    """Put ``file`` first in the list. Raises WriteError if the list cannot be written."""
    name = str(Path(file).resolve())
    files = [name] + [f for f in read_recent(folder) if f != name]
    files = files[:MAX_RECENT]
    path = recent_files_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(
            f"The list of recent files cannot be saved: {exc.strerror or exc}."
        ) from exc
    write_text_atomic(path, json.dumps({"files": files}, indent=2, ensure_ascii=False) + "\n")
    return files


def forget_recent(folder: Path | None = None) -> bool:
    """Delete the list of recent files. True if there was one."""
    try:
        recent_files_path(folder).unlink()
        return True
    except FileNotFoundError:
        return False
