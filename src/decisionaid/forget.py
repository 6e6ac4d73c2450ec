"""Everything DecisionAid keeps about a person, in one list, and "Forget my answers".

``TRACES`` is the one place that says what the app keeps in the data folder. Work that adds a
file there (a pasted offer, a list of viewed options, ...) adds one ``Trace`` here, and "Forget
my answers" then removes it and names it. Things kept outside the data folder by a layer the
core cannot see (Qt's file-dialog history) are registered at run time with ``register_cleaner``.

Files the person saved themselves (answers files, PDFs) are never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from decisionaid.atomic import sweep_stale_temporary_files


@dataclass(frozen=True)
class Trace:
    """Files in the data folder matching ``patterns`` (glob, relative to the folder)."""

    label: str  # what the person is told was removed, e.g. "your autosaved answers"
    patterns: tuple[str, ...]
    ask: bool = False  # removed only if the person says so (the error logs)


TRACES: list[Trace] = [
    # The autosave holds every answer, including the options looked at and a pasted offer.
    Trace("your autosaved answers", ("autosave.json",)),
    Trace("a damaged copy of your saved answers", ("autosave.json.damaged",)),
    Trace("answers kept when something went wrong", ("autosave.crash*.json",)),
    Trace("the history of folders you opened and saved in", ("qt-settings",)),
    Trace("the list of answers files you opened recently", ("recent-files.json",)),
    Trace("error logs", ("logs",), ask=True),
]

# label -> function removing something outside the data folder; returns True if it did.
_CLEANERS: dict[str, Callable[[], bool]] = {}


def register_cleaner(label: str, clean: Callable[[], bool]) -> None:
    _CLEANERS[label] = clean


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            import shutil

            shutil.rmtree(path)
        else:
            path.unlink()
        return True
    except FileNotFoundError:
        return False
    except OSError:
        return False


def forget_everything(data_dir: Path | None = None, include_logs: bool = False) -> list[str]:
    """Remove every trace listed in TRACES (logs only if ``include_logs``), unfinished temporary
    files, and what registered cleaners remove. Returns the labels of what was removed."""
    if data_dir is None:
        from decisionaid.paths import user_data_dir

        data_dir = user_data_dir()
    removed: list[str] = []
    if data_dir.is_dir():
        if sweep_stale_temporary_files(data_dir, everything=True):
            removed.append("unfinished temporary copies")
        for trace in TRACES:
            if trace.ask and not include_logs:
                continue
            hit = False
            for pattern in trace.patterns:
                for path in sorted(data_dir.glob(pattern)):
                    hit = _remove(path) or hit
            if hit:
                removed.append(trace.label)
    for label, clean in list(_CLEANERS.items()):
        try:
            if clean():
                removed.append(label)
        except Exception:
            pass
    return removed


def has_logs(data_dir: Path | None = None) -> bool:
    if data_dir is None:
        from decisionaid.paths import user_data_dir

        data_dir = user_data_dir()
    logs = data_dir / "logs"
    return logs.is_dir() and any(logs.iterdir())
