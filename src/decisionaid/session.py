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

from decisionaid.answers import MAX_FILE_BYTES, Answers, AnswersError, parse_answers
from decisionaid.atomic import WriteError, write_text_atomic
from decisionaid.paths import user_data_dir

SESSION_FORMAT = "decisionaid-session"
SESSION_VERSION = 1
DRAFT_NAME = "autosave.json"
DAMAGED_SUFFIX = ".damaged"


@dataclass(frozen=True)
class Draft:
    answers: Answers
    step: int
    saved: str  # ISO 8601, UTC


def draft_path(folder: Path | None = None) -> Path:
    return (folder or user_data_dir()) / DRAFT_NAME


def save_draft(answers: Answers, step: int, folder: Path | None = None) -> Path:
    """Write the draft atomically. Raises WriteError with a message for a person."""
    path = draft_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
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


def load_draft(folder: Path | None = None, **id_sets) -> Draft | None:
    """The saved draft, or None if there is none. Raises AnswersError if it is damaged."""
    path = draft_path(folder)
    if not path.exists():
        return None
    source = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AnswersError("is too large to be a DecisionAid autosave", source=source)
        payload = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise AnswersError(f"cannot be read ({type(exc).__name__})", source=source) from None
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


def forget_draft(folder: Path | None = None) -> bool:
    """Delete the draft and any damaged copy. Returns True if anything was deleted."""
    deleted = False
    for path in (draft_path(folder), draft_path(folder).with_name(DRAFT_NAME + DAMAGED_SUFFIX)):
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
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
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
